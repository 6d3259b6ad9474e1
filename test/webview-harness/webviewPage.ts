// One webview page open in the harness, driven as its host would: post messages in, wait for the ones it posts back.

import type { Page } from 'playwright-core';

/** What the stub (stub-vscode.js) keeps on the page for the driver. */
interface StubRecord {
  posted: { at: number; message: { type: string } }[];
  cspViolations: string[];
  alerts: string[];
}

/** `ToHost` and `FromHost` are the view's protocol: what the webview posts, and what the host posts to it. */
export class WebviewPage<ToHost extends { type: string }, FromHost> {
  readonly received: ToHost[] = [];
  readonly pageErrors: string[] = [];
  readonly consoleErrors: string[] = [];
  private waiters: { type: string; done: (m: ToHost) => void }[] = [];

  /** `name` says which view in a timeout message; `waitMs` is how long waitFor waits unless told. */
  constructor(
    readonly page: Page,
    private readonly name: string,
    private readonly waitMs: number,
  ) {}

  receive(message: ToHost): void {
    this.received.push(message);
    for (const w of [...this.waiters]) {
      if (w.type === message.type) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.done(message);
      }
    }
  }

  /** The next message of a type; `ready` also resolves from one already received since the last reload. */
  waitFor<T extends ToHost['type']>(type: T, timeoutMs = this.waitMs): Promise<Extract<ToHost, { type: T }>> {
    const seen = this.received.find((m) => m.type === type);
    if (type === 'ready' && seen) return Promise.resolve(seen as Extract<ToHost, { type: T }>);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`the ${this.name} sent no '${type}' within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        type,
        done: (m) => {
          clearTimeout(timer);
          resolvePromise(m as Extract<ToHost, { type: T }>);
        },
      });
    });
  }

  /** Posts as the host does (webview.postMessage arrives as a window message event); returns the page-clock time just before posting. */
  async post(message: FromHost): Promise<number> {
    return this.page.evaluate((m) => {
      const at = performance.now();
      window.postMessage(m, '*');
      return at;
    }, message);
  }

  /** Page-clock time at which the stub received the last message of a type. */
  async postedAt(type: ToHost['type']): Promise<number | undefined> {
    return this.page.evaluate((t) => {
      const posted = (window as unknown as { __webviewHarness: StubRecord }).__webviewHarness.posted;
      return [...posted].reverse().find((p) => p.message.type === t)?.at;
    }, type);
  }

  /** Reloads the page, as VS Code does when a hidden webview is shown again; the stub keeps setState. */
  async reload(): Promise<void> {
    this.received.length = 0;
    await this.page.reload();
    await this.waitFor('ready' as ToHost['type']);
  }

  async securityReport(): Promise<{ cspViolations: string[]; alerts: string[] }> {
    return this.page.evaluate(() => {
      const h = (window as unknown as { __webviewHarness: StubRecord }).__webviewHarness;
      return { cspViolations: [...h.cspViolations], alerts: [...h.alerts] };
    });
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
