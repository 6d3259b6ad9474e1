// The flamegraph webview in the harness: its page as the host builds it, served from dist/webview, driven with the flamegraph protocol.

import type { HostToWebview, WebviewToHost } from '../../webview/protocol';
import { startWebviewHarness, WebviewHarness } from './webviewHarness';
import type { WebviewPage } from './webviewPage';

export type FlamegraphPage = WebviewPage<WebviewToHost, HostToWebview>;

/** Serves dist/webview as built: run `node scripts/build.mjs` first. */
export function startHarness(): Promise<WebviewHarness<WebviewToHost, HostToWebview>> {
  return startWebviewHarness(
    { script: 'main', entry: 'webview/main.ts', styles: ['flamegraph.css'], title: 'Flamegraph', name: 'flamegraph webview', viewport: { width: 1280, height: 800 }, waitMs: 30_000 },
    { useDist: true },
  );
}
