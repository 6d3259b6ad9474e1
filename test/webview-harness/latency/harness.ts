// Serves the built latency webview under the host's exact CSP on 127.0.0.1 and drives it in headless Chromium, as VS Code would.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { Browser, chromium, Page } from 'playwright-core';
import type { LatencyHostToWebview, LatencyWebviewToHost } from '../../../webview/latencyProtocol';

const ROOT = resolve(__dirname, '../../..');

/** What the page may load, by URL path: the files latencyHtml links (src/editor/webviewHtml.ts), plus the stub and a theme. */
const FILES: Record<string, { file: string; type: string }> = {
  '/dist/webview/latency.js': { file: 'latency.js', type: 'text/javascript' },
  '/dist/webview/latency.css': { file: 'latency.css', type: 'text/css' },
  '/media/latency.css': { file: 'media/latency.css', type: 'text/css' },
  '/harness/stub-vscode.js': { file: 'test/webview-harness/latency/stub-vscode.js', type: 'text/javascript' },
  '/harness/theme-light.css': { file: 'test/webview-harness/latency/theme-light.css', type: 'text/css' },
  '/harness/theme-dark.css': { file: 'test/webview-harness/latency/theme-dark.css', type: 'text/css' },
  '/harness/theme-high-contrast.css': { file: 'test/webview-harness/latency/theme-high-contrast.css', type: 'text/css' },
};

export type HarnessTheme = 'light' | 'dark' | 'high-contrast';

const BODY_CLASS: Record<HarnessTheme, string> = { light: 'vscode-light', dark: 'vscode-dark', 'high-contrast': 'vscode-high-contrast' };

/** From /work/shared/docs/real-vscode.md. */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface LatencyHarness {
  open(theme: HarnessTheme, viewport?: { width: number; height: number }): Promise<LatencyPage>;
  close(): Promise<void>;
}

/**
 * Others rebuild dist/ in the shared checkout at any time (a half-written latency.css showed as an unstyled page), so by
 * default the harness bundles webview/latency/main.ts into a directory of its own with the options scripts/build.mjs uses.
 * `useDist` serves dist/webview as built instead.
 */
async function bundle(useDist: boolean): Promise<{ dir: string; dispose(): void }> {
  if (useDist) {
    const dir = join(ROOT, 'dist/webview');
    for (const f of ['latency.js', 'latency.css']) if (!existsSync(join(dir, f))) throw new Error(`dist/webview/${f} is missing: run \`node scripts/build.mjs\` first.`);
    return { dir, dispose: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'latency-webview-'));
  await esbuild.build({
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: ROOT,
    entryPoints: { latency: 'webview/latency/main.ts' },
    outdir: dir,
    loader: { '.css': 'css', '.woff2': 'file', '.ttf': 'file' },
  });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startLatencyHarness(opts: { useDist?: boolean } = {}): Promise<LatencyHarness> {
  const built = await bundle(!!opts.useDist);
  const server = await listen(built.dir);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: process.env.FLAMELENS_CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  } catch (err) {
    server.close();
    built.dispose();
    throw new Error(`Cannot start Chromium (${(err as Error).message.split('\n')[0]}); install Debian's chromium or set FLAMELENS_CHROMIUM.`);
  }
  return {
    async open(theme, viewport = { width: 1100, height: 720 }) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const view = new LatencyPage(page);
      await page.exposeFunction('latencyHarnessReceive', (message: LatencyWebviewToHost) => view.receive(message));
      page.on('pageerror', (err) => view.pageErrors.push(err.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error') view.consoleErrors.push(`${msg.text()} ${msg.location().url}`);
      });
      await page.goto(`${origin}/?theme=${theme}`);
      await view.waitFor('ready');
      return view;
    },
    async close() {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
      built.dispose();
    },
  };
}

export class LatencyPage {
  readonly received: LatencyWebviewToHost[] = [];
  readonly pageErrors: string[] = [];
  readonly consoleErrors: string[] = [];
  private waiters: { type: string; done: (m: LatencyWebviewToHost) => void }[] = [];

  constructor(readonly page: Page) {}

  receive(message: LatencyWebviewToHost): void {
    this.received.push(message);
    for (const w of [...this.waiters]) {
      if (w.type === message.type) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.done(message);
      }
    }
  }

  /** The next message of a type; `ready` also resolves from one already received since the last reload. */
  waitFor<T extends LatencyWebviewToHost['type']>(type: T, timeoutMs = 15_000): Promise<Extract<LatencyWebviewToHost, { type: T }>> {
    const seen = this.received.find((m) => m.type === type);
    if (type === 'ready' && seen) return Promise.resolve(seen as Extract<LatencyWebviewToHost, { type: T }>);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`the latency webview sent no '${type}' within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        type,
        done: (m) => {
          clearTimeout(timer);
          resolvePromise(m as Extract<LatencyWebviewToHost, { type: T }>);
        },
      });
    });
  }

  /** Posts as the host does (webview.postMessage arrives as a window message event). */
  async post(message: LatencyHostToWebview): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  /** Reloads the page, as VS Code does when a hidden webview is shown again; the stub keeps setState. */
  async reload(): Promise<void> {
    this.received.length = 0;
    await this.page.reload();
    await this.waitFor('ready');
  }

  async securityReport(): Promise<{ cspViolations: string[]; alerts: string[] }> {
    return this.page.evaluate(() => {
      const h = (window as unknown as { __latencyHarness: { cspViolations: string[]; alerts: string[] } }).__latencyHarness;
      return { cspViolations: [...h.cspViolations], alerts: [...h.alerts] };
    });
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}

function listen(bundleDir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      const asked = url.searchParams.get('theme') as HarnessTheme;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pageHtml(`http://${req.headers.host}`, BODY_CLASS[asked] ? asked : 'light'));
      return;
    }
    // Chromium asks for a favicon; a webview never does.
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const entry = FILES[url.pathname];
    if (!entry) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-store' });
    res.end(readFileSync(entry.file.includes('/') ? join(ROOT, entry.file) : join(bundleDir, entry.file)));
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

/** latencyHtml's shell (src/editor/webviewHtml.ts) with a theme stylesheet and the stub script added. */
function pageHtml(cspSource: string, theme: HarnessTheme): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = ["default-src 'none'", `img-src ${cspSource} data:`, `style-src ${cspSource}`, `font-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${cspSource}/harness/theme-${theme}.css">
<link rel="stylesheet" href="${cspSource}/dist/webview/latency.css">
<link rel="stylesheet" href="${cspSource}/media/latency.css">
<title>Service Latency</title>
</head>
<body class="${BODY_CLASS[theme]}">
<div id="app"></div>
<script nonce="${nonce}" src="${cspSource}/harness/stub-vscode.js"></script>
<script nonce="${nonce}" src="${cspSource}/dist/webview/latency.js"></script>
</body>
</html>`;
}
