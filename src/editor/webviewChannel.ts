// The host end of a webview's typed message channel: waits for the page's `ready`, re-sends the last view when the page restarts, goes quiet once closed.

import * as vscode from 'vscode';

export class WebviewChannel<Out, In extends { type: string }> implements vscode.Disposable {
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  private wasReady = false;
  private closed = false;
  private lastMessage: Out | undefined;
  private readonly subscription: vscode.Disposable;

  /**
   * `onMessage` gets every message but `ready`. `onRestart` runs when a page that was ready says
   * ready again: a hidden webview (no retainContextWhenHidden) starts over when shown; by default
   * the last message is sent again.
   */
  constructor(
    private readonly webview: vscode.Webview,
    onMessage: (msg: In) => unknown,
    private readonly onRestart?: () => Promise<void>,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.subscription = webview.onDidReceiveMessage(async (msg: In) => {
      if (msg.type !== 'ready') return onMessage(msg);
      if (this.wasReady) await (this.onRestart ? this.onRestart() : this.resendLast());
      this.wasReady = true;
      this.markReady();
    });
  }

  /** Sends once the page is ready; dropped after the view is closed (a closed view has no page to wait for). */
  async post(msg: Out): Promise<void> {
    this.lastMessage = msg;
    await this.ready;
    if (!this.closed) await this.webview.postMessage(msg);
  }

  async resendLast(): Promise<void> {
    if (this.lastMessage !== undefined && !this.closed) await this.webview.postMessage(this.lastMessage);
  }

  /** The last message sent: what the view shows now (a loading, error or empty state, or the data). */
  get last(): Out | undefined {
    return this.lastMessage;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  dispose(): void {
    this.closed = true;
    // Anything still waiting for `ready` (the page never loaded) goes on, and posts nothing.
    this.markReady();
    this.subscription.dispose();
  }
}
