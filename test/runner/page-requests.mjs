// Serves what host tests ask of the page (which only the runner can reach): screenshots, commands typed into the
// palette, clicks in a webview, quick picks, and reading what the workbench shows.
//
// The handshake is files in a folder of the session's own (FLAMELENS_TEST_REQUESTS, so sessions running side by
// side never serve each other): a test writes `<name>.req` holding JSON ({"kind":"screenshot"} or
// {"kind":"palette","title":"Flamelens: Show Log"}, see the handlers below); the runner does it, removes the request
// and writes `<name>.done` (holding the JSON of what it read, for the kinds that read), or `<name>.err` with the
// reason. Screenshots go to the artifacts folder (FLAMELENS_TEST_ARTIFACTS).
//
// Every kind acts or reads as a user does (mouse, keyboard, what is on screen); none runs script in the page.
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const POLL_MS = 150;

export function servePageRequests({ page, requestsDir, screenshotsDir, log }) {
  let stopped = false;

  const handlers = {
    /**
     * `<name>.window.png`: the whole workbench. `<name>.png`: the last ready webview when one is shown (what
     * tests usually care about), else the whole workbench.
     */
    async screenshot(name) {
      const windowPng = await page.screenshot({ animations: 'disabled' });
      const webview = page.locator('iframe.webview.ready').last();
      let mainPng = windowPng;
      if ((await webview.count()) > 0 && (await webview.isVisible())) {
        mainPng = await webview.screenshot({ animations: 'disabled' });
      }
      writeAtomically(join(screenshotsDir, `${name}.window.png`), windowPng);
      writeAtomically(join(screenshotsDir, `${name}.png`), mainPng);
      log(`screenshot ${join(screenshotsDir, `${name}.png`)}`);
    },

    /** Runs a command the way a user does: F1, type its title, Enter on the matching entry. */
    async palette(_name, { title }) {
      if (typeof title !== 'string' || !title) throw new Error('a palette request needs the command title');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`);
      const first = page.locator('.quick-input-widget .monaco-list-row').first();
      await first.waitFor({ state: 'visible', timeout: 10_000 });
      const deadline = Date.now() + 10_000;
      for (;;) {
        const label = (await first.getAttribute('aria-label')) ?? '';
        if (label.startsWith(title)) break;
        if (Date.now() > deadline) throw new Error(`the command palette's first entry for "${title}" is "${label}"`);
        await sleep(100);
      }
      await page.keyboard.press('Enter');
      log(`ran "${title}" from the command palette`);
    },

    /**
     * A mouse click, with `modifiers` held (e.g. ["Control"]), on the first visible element matching the CSS
     * `selector` inside a shown webview (webviews are nested iframes: every frame of the page is searched).
     */
    async webviewClick(_name, { selector, modifiers = [], timeoutMs = 15_000 }) {
      if (typeof selector !== 'string' || !selector) throw new Error('a webviewClick request needs a CSS selector');
      const target = await visibleInFrames(page, selector, timeoutMs);
      if (!target) throw new Error(`nothing visible matches ${selector} in any webview after ${timeoutMs / 1000} s`);
      await target.click({ modifiers, timeout: timeoutMs });
      log(`clicked ${modifiers.length ? `${modifiers.join('+')}+` : ''}${selector} in a webview`);
    },

    /**
     * The quick pick shown now (title, placeholder, its rows' labels and descriptions), waiting up to `timeoutMs`
     * for one; with `pick`, then clicks the row whose label is `pick`. Without a quick pick it fails.
     */
    async quickPick(_name, { pick, timeoutMs = 10_000 }) {
      const widget = page.locator('.quick-input-widget');
      await widget.waitFor({ state: 'visible', timeout: timeoutMs });
      const rows = widget.locator('.monaco-list-row');
      await rows.first().waitFor({ state: 'visible', timeout: timeoutMs });
      const items = [];
      for (const row of await rows.all()) {
        items.push({
          label: (await row.locator('.label-name').first().textContent())?.trim() ?? '',
          description: (await optionalText(row.locator('.label-description').first())) ?? '',
          ariaLabel: (await row.getAttribute('aria-label')) ?? '',
        });
      }
      const shown = {
        title: (await optionalText(widget.locator('.quick-input-title').first())) ?? '',
        placeholder: (await widget.locator('.quick-input-box input').first().getAttribute('placeholder')) ?? '',
        items,
      };
      if (pick !== undefined) {
        const index = items.findIndex((item) => item.label === pick);
        if (index < 0) throw new Error(`the quick pick has no row "${pick}" (rows: ${items.map((i) => i.label).join(', ')})`);
        await rows.nth(index).click();
        log(`picked "${pick}" in the quick pick`);
      }
      return shown;
    },

    /** The text of every visible workbench element (outside webviews) matching the CSS `selector`, in page order. */
    async read(_name, { selector }) {
      if (typeof selector !== 'string' || !selector) throw new Error('a read request needs a CSS selector');
      const texts = [];
      for (const element of await page.locator(selector).all()) {
        if (await element.isVisible()) texts.push((await element.innerText()).trim());
      }
      return texts;
    },

    /** Presses a key (or chord, e.g. "Escape", "Control+Shift+P") in the workbench, as typed by a user. */
    async press(_name, { key }) {
      if (typeof key !== 'string' || !key) throw new Error('a press request needs a key');
      await page.keyboard.press(key);
    },
  };

  async function serve(file) {
    const name = file.slice(0, -'.req'.length);
    const requestPath = join(requestsDir, file);
    try {
      const text = readFileSync(requestPath, 'utf8');
      const request = text.trim() ? JSON.parse(text) : { kind: 'screenshot' };
      const handler = handlers[request.kind];
      if (!handler) throw new Error(`unknown request kind "${request.kind}"`);
      const result = await handler(name, request);
      rmSync(requestPath, { force: true });
      writeAtomically(join(requestsDir, `${name}.done`), result === undefined ? '' : JSON.stringify(result));
    } catch (error) {
      rmSync(requestPath, { force: true });
      writeAtomically(join(requestsDir, `${name}.err`), `${error.message}\n`);
      log(`request ${name} failed: ${error.message}`);
    }
  }

  async function poll() {
    while (!stopped) {
      let requests = [];
      try {
        requests = readdirSync(requestsDir).filter((file) => file.endsWith('.req'));
      } catch {
        // The folder may not exist yet.
      }
      for (const file of requests) await serve(file);
      await sleep(POLL_MS);
    }
  }

  const serving = poll();
  return {
    async stop() {
      stopped = true;
      await serving;
    },
  };
}

/** The first visible match of `selector` in any frame of the page (webviews are nested iframes), polled until `timeoutMs`. */
async function visibleInFrames(page, selector, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      try {
        for (const element of await frame.locator(selector).all()) {
          if (await element.isVisible()) return element;
        }
      } catch {
        // The frame navigated or went away while it was searched: try the others, then again.
      }
    }
    if (Date.now() > deadline) return undefined;
    await sleep(200);
  }
}

/** The trimmed text of an element that may not exist (no wait). */
async function optionalText(locator) {
  return (await locator.count()) > 0 ? ((await locator.textContent()) ?? '').trim() : undefined;
}

function writeAtomically(path, bytes) {
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
