// The latency webview's host connection: the shared channel typed by the latency protocol and view state.

import type { LatencyHostToWebview, LatencyWebviewToHost } from '../latencyProtocol';
import { connectToHost as connect, HostChannel } from '../shared/hostChannel';
import { LatencyViewState, parseViewState } from './viewState';

export type LatencyHost = HostChannel<LatencyWebviewToHost, LatencyHostToWebview, LatencyViewState, LatencyViewState>;

export function connectToHost(): LatencyHost {
  return connect(parseViewState);
}
