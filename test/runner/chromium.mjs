// Opens the code-server workbench in Debian's Chromium (driven by playwright-core) and relays the extension host's test hooks.
import { appendFileSync, existsSync } from 'node:fs';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const VIEWPORT = { width: 1280, height: 800 };

function chromiumPath() {
  const path = process.env.FLAMELENS_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: run \`bash scripts/setup.sh\` (installs Debian's chromium) or set FLAMELENS_CHROMIUM to a Chromium binary.`);
  }
  return path;
}

/**
 * Launches Chromium and a page that has `codeAutomationExit` and `codeAutomationLog` exposed before
 * the workbench loads: the web workbench calls them when an extension test run logs and ends.
 * `exitCode` resolves with the suite's exit code.
 */
export async function openBrowser({ sandbox, browserLogFile, onHostLog }) {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_FLAGS,
    env: { ...process.env, ...sandbox.env },
  });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    let resolveExit;
    const exitCode = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code) || 0));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = Array.isArray(args) ? format(...args) : String(args ?? '');
      onHostLog(String(type), text);
    });
    // The workbench's own console is noisy: keep it in a file for debugging, not on stdout.
    page.on('console', (message) => appendFileSync(browserLogFile, `[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => appendFileSync(browserLogFile, `[pageerror] ${error.stack || error.message}\n`));
    return { browser, page, exitCode };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
