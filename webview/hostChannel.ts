// The webview's end of the host connection: typed posts, and the view state VS Code keeps across hide/show and reloads.

import type { FlamegraphViewState, HostToWebview, WebviewToHost } from './protocol';
import { parseViewState } from './viewState';

export interface HostChannel {
  post(message: WebviewToHost): void;
  savedState(): FlamegraphViewState | undefined;
  saveState(state: FlamegraphViewState): void;
  onMessage(handler: (message: HostToWebview) => void): void;
}

export function connectToHost(): HostChannel {
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi<FlamegraphViewState>() : undefined;
  return {
    post: (message) => api?.postMessage(message),
    savedState: () => parseViewState(api?.getState()),
    saveState: (state) => api?.setState(state),
    onMessage: (handler) =>
      window.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { type?: unknown } | null;
        if (data && typeof data === 'object' && typeof data.type === 'string') handler(data as HostToWebview);
      }),
  };
}
