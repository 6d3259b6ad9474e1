// The flamegraph webview's host connection: the shared channel typed by the flamegraph protocol and view state.

import { connectToHost as connect, HostChannel as Channel } from './shared/hostChannel';
import type { FlamegraphViewState, HostToWebview, WebviewToHost } from './protocol';
import { parseViewState } from './viewState';

export type HostChannel = Channel<WebviewToHost, HostToWebview, FlamegraphViewState, FlamegraphViewState | undefined>;

export function connectToHost(): HostChannel {
  return connect(parseViewState);
}
