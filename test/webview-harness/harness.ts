// Serves the built webview under the host's exact CSP on 127.0.0.1 and drives it in headless Chromium, as VS Code would.

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import type { HostToWebview, WebviewToHost } from '../../webview/protocol';

const ROOT = resolve(__dirname, '../..');

/** The files the page may load, by URL path: the same set the extension's localResourceRoots allow, plus the stub and theme. */
const FILES: Record<string, { file: string; type: string }> = {
  '/dist/webview/main.js': { file: 'dist/webview/main.js', type: 'text/javascript' },
  '/dist/webview/main.css': { file: 'dist/webview/main.css', type: 'text/css' },
  '/media/flamegraph.css': { file: 'media/flamegraph.css', type: 'text/css' },
  '/harness/stub-vscode.js': { file: 'test/webview-harness/stub-vscode.js', type: 'text/javascript' },
  '/harness/theme-light.css': { file: 'test/webview-harness/theme-light.css', type: 'text/css' },
  '/harness/theme-dark.css': { file: 'test/webview-harness/theme-dark.css', type: 'text/css' },
  '/harness/theme-high-contrast.css': { file: 'test/webview-harness/theme-high-contrast.css', type: 'text/css' },
};

export type HarnessTheme = 'light' | 'dark' | 'high-contrast';

const BODY_CLASS: Record<HarnessTheme, string> = {
  light: 'vscode-light',
  dark: 'vscode-dark',
  'high-contrast': 'vscode-high-contrast',
};

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

export interface Harness {
  origin: string;
  open(theme: HarnessTheme, viewport?: { width: number; height: number }): Promise<WebviewPage>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  for (const { file } of Object.values(FILES)) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run \`node scripts/build.mjs\` first.`);
  }
  const server = await listen();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: process.env.FLAMELENS_CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  } catch (err) {
    server.close();
    throw new Error(`Cannot start Chromium (${(err as Error).message.split('\n')[0]}); install Debian's chromium or set FLAMELENS_CHROMIUM.`);
  }
  const b = browser;
  return {
    origin,
    async open(theme, viewport = { width: 1280, height: 800 }) {
      const context = await b.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const view = new WebviewPage(page);
      await page.exposeFunction('flamelensHarnessReceive', (message: WebviewToHost) => view.receive(message));
      page.on('pageerror', (err) => view.pageErrors.push(err.message));
      await page.goto(`${origin}/?theme=${theme}`);
      await view.waitFor('ready');
      return view;
    },
    async close() {
      await b.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

export class WebviewPage {
  readonly received: WebviewToHost[] = [];
  readonly pageErrors: string[] = [];
  private waiters: { test: (m: WebviewToHost) => boolean; done: (m: WebviewToHost) => void }[] = [];

  constructor(readonly page: Page) {}

  receive(message: WebviewToHost): void {
    this.received.push(message);
    for (const w of [...this.waiters]) {
      if (w.test(message)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.done(message);
      }
    }
  }

  /** The next message of a type (or one already received, for `ready`). */
  waitFor<T extends WebviewToHost['type']>(type: T, timeoutMs = 30_000): Promise<Extract<WebviewToHost, { type: T }>> {
    if (type === 'ready' && this.received.some((m) => m.type === 'ready')) {
      return Promise.resolve(this.received.find((m) => m.type === type) as Extract<WebviewToHost, { type: T }>);
    }
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`webview sent no '${type}' within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        test: (m) => m.type === type,
        done: (m) => {
          clearTimeout(timer);
          resolvePromise(m as Extract<WebviewToHost, { type: T }>);
        },
      });
    });
  }

  /** Posts as the host does; returns the page-clock time just before posting. */
  async post(message: HostToWebview): Promise<number> {
    return this.page.evaluate((m) => {
      const at = performance.now();
      window.postMessage(m, '*');
      return at;
    }, message);
  }

  /** Page-clock time at which the stub received the last message of a type. */
  async postedAt(type: WebviewToHost['type']): Promise<number | undefined> {
    return this.page.evaluate((t) => {
      const posted = (window as unknown as { __flamelensHarness: { posted: { at: number; message: { type: string } }[] } })
        .__flamelensHarness.posted;
      return [...posted].reverse().find((p) => p.message.type === t)?.at;
    }, type);
  }

  async securityReport(): Promise<{ cspViolations: string[]; alerts: string[] }> {
    return this.page.evaluate(() => {
      const h = (window as unknown as { __flamelensHarness: { cspViolations: string[]; alerts: string[] } }).__flamelensHarness;
      return { cspViolations: [...h.cspViolations], alerts: [...h.alerts] };
    });
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}

function listen(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      const theme = (url.searchParams.get('theme') ?? 'light') as HarnessTheme;
      const origin = `http://${req.headers.host}`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pageHtml(origin, BODY_CLASS[theme] ? theme : 'light'));
      return;
    }
    const entry = FILES[url.pathname];
    if (!entry) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-store' });
    res.end(readFileSync(join(ROOT, entry.file)));
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

/** The host's HTML shell (src/editor/flamegraph/html.ts) with a theme stylesheet and the stub script added. */
function pageHtml(cspSource: string, theme: HarnessTheme): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${cspSource}/harness/theme-${theme}.css">
<link rel="stylesheet" href="${cspSource}/dist/webview/main.css">
<link rel="stylesheet" href="${cspSource}/media/flamegraph.css">
<title>Flamegraph</title>
</head>
<body class="${BODY_CLASS[theme]}">
<div id="app"></div>
<script nonce="${nonce}" src="${cspSource}/harness/stub-vscode.js"></script>
<script nonce="${nonce}" src="${cspSource}/dist/webview/main.js"></script>
</body>
</html>`;
}
