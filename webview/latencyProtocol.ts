// The typed messages between the service latency webview and the extension host; both sides import this file.

import type { LatencyTable } from '../src/core/latency';

export type LatencyHostToWebview =
  | { type: 'latency'; title: string; table: LatencyTable }
  | { type: 'loading'; message: string }
  | { type: 'error'; message: string }
  | { type: 'empty'; message: string };

export type LatencyWebviewToHost =
  | { type: 'ready' }
  | { type: 'refresh' }
  /** The user chose an endpoint: open its route handler. */
  | { type: 'openEndpoint'; service: string; method: string; path: string }
  /** After each draw, for tests and logs. */
  | { type: 'rendered'; services: number; endpoints: number; charts: number }
  | { type: 'error'; message: string };
