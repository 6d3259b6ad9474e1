// A webview's end of the host connection, typed by the view's protocol: posts, incoming messages, and the view state VS Code keeps across hide/show and reloads.

export interface HostChannel<ToHost, FromHost, State, Saved> {
  post(message: ToHost): void;
  /** What the view saved before a reload, as its parser reads it back. */
  savedState(): Saved;
  saveState(state: State): void;
  onMessage(handler: (message: FromHost) => void): void;
}

/** `parseState` reads back whatever VS Code kept: saved by an older or newer build, it may be anything. */
export function connectToHost<ToHost, FromHost extends { type: string }, State, Saved>(
  parseState: (raw: unknown) => Saved,
): HostChannel<ToHost, FromHost, State, Saved> {
  // acquireVsCodeApi may be called once per page; outside VS Code (a plain browser) there is no host.
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi<State>() : undefined;
  return {
    post: (message) => api?.postMessage(message),
    savedState: () => parseState(api?.getState()),
    saveState: (state) => api?.setState(state),
    onMessage: (handler) =>
      window.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { type?: unknown } | null;
        if (data && typeof data === 'object' && typeof data.type === 'string') handler(data as FromHost);
      }),
  };
}
