// The latency webview in the harness: its page as the host builds it, bundled for the run (or dist/webview), driven with the latency protocol.

import type { LatencyHostToWebview, LatencyWebviewToHost } from '../../../webview/latencyProtocol';
import { startWebviewHarness, WebviewHarness } from '../webviewHarness';
import type { WebviewPage } from '../webviewPage';

export type LatencyPage = WebviewPage<LatencyWebviewToHost, LatencyHostToWebview>;

/** `useDist` serves dist/webview as `node scripts/build.mjs` left it instead of a bundle of its own. */
export function startLatencyHarness(opts: { useDist?: boolean } = {}): Promise<WebviewHarness<LatencyWebviewToHost, LatencyHostToWebview>> {
  return startWebviewHarness(
    { script: 'latency', entry: 'webview/latency/main.ts', styles: ['latency.css'], title: 'Service Latency', name: 'latency webview', viewport: { width: 1100, height: 720 }, waitMs: 15_000 },
    { useDist: !!opts.useDist },
  );
}
