// A DevTools protocol session with one Node process's inspector, over its WebSocket.

import WebSocket from 'ws';

interface Pending {
  resolve(result: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export class InspectorSession {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closedReason: string | undefined;

  private constructor(
    private readonly socket: WebSocket,
    readonly url: string,
  ) {
    socket.on('message', (data) => this.receive(String(data)));
    socket.on('close', () => this.failAll('the inspector connection closed (did the process exit?)'));
    socket.on('error', (err) => this.failAll(`inspector connection error: ${err.message}`));
  }

  static connect(url: string, timeoutMs = 3000): Promise<InspectorSession> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 512 * 1024 * 1024 });
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error(`no answer from the inspector at ${url} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('open', () => {
        clearTimeout(timer);
        resolve(new InspectorSession(socket, url));
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`cannot connect to the inspector at ${url}: ${err.message}`));
      });
    });
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<T> {
    if (this.closedReason) return Promise.reject(new Error(this.closedReason));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`inspector did not answer ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, timer });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.failAll('the inspector session was closed');
    this.socket.terminate();
  }

  private receive(text: string): void {
    let message: { id?: number; result?: unknown; error?: { message?: string } };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.id === undefined) return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (message.error) waiting.reject(new Error(`inspector error: ${message.error.message ?? 'unknown'}`));
    else waiting.resolve(message.result);
  }

  private failAll(reason: string): void {
    this.closedReason ??= reason;
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error(reason));
      this.pending.delete(id);
    }
  }
}
