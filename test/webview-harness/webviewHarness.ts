// Serves a built webview under the host's exact CSP on 127.0.0.1 and opens it in headless Chromium, as VS Code would; every view's harness is this one.

import { webviewShell } from '../../src/editor/webviewShell';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { Browser, chromium } from 'playwright-core';
import { WebviewPage } from './webviewPage';

const ROOT = resolve(__dirname, '../..');

export type HarnessTheme = 'light' | 'dark' | 'high-contrast';

const BODY_CLASS: Record<HarnessTheme, string> = { light: 'vscode-light', dark: 'vscode-dark', 'high-contrast': 'vscode-high-contrast' };

/** From /work/shared/docs/real-vscode.md. */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** A view as src/editor/webviewHtml.ts builds its page, and how the harness opens it. */
export interface WebviewSpec {
  /** The bundle in dist/webview (`<script>.js` and `<script>.css`), built from `entry`. */
  script: string;
  entry: string;
  /** Stylesheets in media/. */
  styles: string[];
  title: string;
  /** Which view, in messages. */
  name: string;
  viewport: { width: number; height: number };
  /** How long waitFor waits for a message unless told. */
  waitMs: number;
}

export interface WebviewHarness<ToHost extends { type: string }, FromHost> {
  origin: string;
  open(theme: HarnessTheme, viewport?: { width: number; height: number }): Promise<WebviewPage<ToHost, FromHost>>;
  close(): Promise<void>;
}

/**
 * `useDist` serves dist/webview as `node scripts/build.mjs` left it. Otherwise the harness bundles the view into a directory of
 * its own with the options scripts/build.mjs uses: others rebuild dist/ in the shared checkout at any time (a half-written css
 * showed as an unstyled page).
 */
export async function startWebviewHarness<ToHost extends { type: string }, FromHost>(
  view: WebviewSpec,
  opts: { useDist: boolean },
): Promise<WebviewHarness<ToHost, FromHost>> {
  const built = await bundle(view, opts.useDist);
  const files = servedFiles(view, built.dir);
  let server: Server;
  try {
    for (const file of Object.values(files)) {
      if (!existsSync(file)) throw new Error(`${file} is missing: run \`node scripts/build.mjs\` first.`);
    }
    server = await listen(view, files);
  } catch (err) {
    built.dispose();
    throw err;
  }
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
    origin,
    async open(theme, viewport = view.viewport) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const opened = new WebviewPage<ToHost, FromHost>(page, view.name, view.waitMs);
      await page.exposeFunction('webviewHarnessReceive', (message: ToHost) => opened.receive(message));
      page.on('pageerror', (err) => opened.pageErrors.push(err.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error') opened.consoleErrors.push(`${msg.text()} ${msg.location().url}`);
      });
      await page.goto(`${origin}/?theme=${theme}`);
      await opened.waitFor('ready' as ToHost['type']);
      return opened;
    },
    async close() {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
      built.dispose();
    },
  };
}

async function bundle(view: WebviewSpec, useDist: boolean): Promise<{ dir: string; dispose(): void }> {
  if (useDist) return { dir: join(ROOT, 'dist/webview'), dispose: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), `${view.script}-webview-`));
  try {
    await esbuild.build({
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      sourcemap: true,
      logLevel: 'warning',
      absWorkingDir: ROOT,
      entryPoints: { [view.script]: view.entry },
      outdir: dir,
      loader: { '.css': 'css', '.woff2': 'file', '.ttf': 'file' },
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What the page may load, by URL path: the files the view's page links (the extension's localResourceRoots), plus the stub and the themes. */
function servedFiles(view: WebviewSpec, bundleDir: string): Record<string, string> {
  const files: Record<string, string> = {
    [`/dist/webview/${view.script}.js`]: join(bundleDir, `${view.script}.js`),
    [`/dist/webview/${view.script}.css`]: join(bundleDir, `${view.script}.css`),
    '/harness/stub-vscode.js': join(__dirname, 'stub-vscode.js'),
  };
  for (const style of view.styles) files[`/media/${style}`] = join(ROOT, 'media', style);
  for (const theme of Object.keys(BODY_CLASS)) files[`/harness/theme-${theme}.css`] = join(__dirname, `theme-${theme}.css`);
  return files;
}

const CONTENT_TYPE: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css' };

function listen(view: WebviewSpec, files: Record<string, string>): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      const asked = url.searchParams.get('theme') as HarnessTheme;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pageHtml(view, `http://${req.headers.host}`, BODY_CLASS[asked] ? asked : 'light'));
      return;
    }
    // Chromium asks for a favicon; a webview never does.
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = files[url.pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPE[extname(file)], 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

/** The host's HTML shell (src/editor/webviewShell.ts) with a theme stylesheet and the stub script added. */
function pageHtml(view: WebviewSpec, cspSource: string, theme: HarnessTheme): string {
  return webviewShell({
    cspSource,
    styleUrls: [`${cspSource}/harness/theme-${theme}.css`, `${cspSource}/dist/webview/${view.script}.css`, ...view.styles.map((s) => `${cspSource}/media/${s}`)],
    scriptUrls: [`${cspSource}/harness/stub-vscode.js`, `${cspSource}/dist/webview/${view.script}.js`],
    title: view.title,
    bodyClass: BODY_CLASS[theme],
  });
}
