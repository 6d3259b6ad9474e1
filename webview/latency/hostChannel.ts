// The latency webview's end of the host connection: typed posts, and the view state VS Code keeps across hide/show.

import type { LatencyHostToWebview, LatencyWebviewToHost } from '../latencyProtocol';
import { LatencyViewState, parseViewState } from './viewState';

export interface LatencyHost {
  post(message: LatencyWebviewToHost): void;
  savedState(): LatencyViewState;
  saveState(state: LatencyViewState): void;
  onMessage(handler: (message: LatencyHostToWebview) => void): void;
}

export function connectToHost(): LatencyHost {
  // acquireVsCodeApi may be called once per page; outside VS Code (a plain browser) there is no host.
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi<LatencyViewState>() : undefined;
  return {
    post: (message) => api?.postMessage(message),
    savedState: () => parseViewState(api?.getState()),
    saveState: (state) => api?.setState(state),
    onMessage: (handler) =>
      window.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { type?: unknown } | null;
        if (data && typeof data === 'object' && typeof data.type === 'string') handler(data as LatencyHostToWebview);
      }),
  };
}
