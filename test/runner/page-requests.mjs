// Serves what host tests ask of the page (which only the runner can reach): screenshots, and commands typed into the palette.
//
// The handshake is files in a folder of the session's own (FLAMELENS_TEST_REQUESTS, so sessions running side by
// side never serve each other): a test writes `<name>.req` holding JSON ({"kind":"screenshot"} or
// {"kind":"palette","title":"Flamelens: Show Log"}); the runner does it, removes the request and writes
// `<name>.done`, or `<name>.err` with the reason. Screenshots go to the artifacts folder (FLAMELENS_TEST_ARTIFACTS).
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
  };

  async function serve(file) {
    const name = file.slice(0, -'.req'.length);
    const requestPath = join(requestsDir, file);
    try {
      const text = readFileSync(requestPath, 'utf8');
      const request = text.trim() ? JSON.parse(text) : { kind: 'screenshot' };
      const handler = handlers[request.kind];
      if (!handler) throw new Error(`unknown request kind "${request.kind}"`);
      await handler(name, request);
      rmSync(requestPath, { force: true });
      writeFileSync(join(requestsDir, `${name}.done`), '');
    } catch (error) {
      rmSync(requestPath, { force: true });
      writeFileSync(join(requestsDir, `${name}.err`), `${error.message}\n`);
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

function writeAtomically(path, bytes) {
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
