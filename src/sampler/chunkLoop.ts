// The back-to-back chunk loop a CPU sampler runs: started once, paused between chunks, cut short and awaited on stop.

export class ChunkLoop {
  /** False once stop() is called; the loop's body checks it between steps. */
  running = false;
  private done: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  start(body: () => Promise<void>): void {
    if (this.running) return;
    this.running = true;
    this.done = body();
  }

  /** Ends the pause under way and waits for the body to return. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.done;
  }

  /** Waits `ms`, or until stop(). */
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (!this.running) return resolve();
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
