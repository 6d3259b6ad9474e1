// Rolling 30 s windows of stack counts and HTTP events, as Pixie's tables hold them, bounded in memory.

import type { HttpEvent } from './latencyProxy';
import type { FoldedCounts } from './stacks';

/** Where a process or a proxy belongs; `key` identifies it in the attribution table. */
export type SourceKey = string;

interface Window {
  startMs: number;
  /** source key -> folded stack -> samples */
  stacks: Map<SourceKey, FoldedCounts>;
  uniqueStacks: number;
  events: Array<HttpEvent & { source: SourceKey }>;
  droppedEvents: number;
}

export interface WindowLimits {
  windowMs: number;
  /** How far back windows are kept. */
  retainMs: number;
  /** Per window: further new stacks are counted under `<stack trace lost>`, as Pixie does when its maps fill. */
  maxStacks: number;
  /** Per window: further events are dropped (and counted). */
  maxEvents: number;
}

export const DEFAULT_LIMITS: WindowLimits = { windowMs: 30_000, retainMs: 60 * 60_000, maxStacks: 20_000, maxEvents: 50_000 };

export const LOST_STACK = '<stack trace lost>';

export interface StackRow {
  /** End of the window the samples belong to (Pixie's `time_`). */
  timeMs: number;
  source: SourceKey;
  stack: string;
  count: number;
}

export class SampleWindows {
  private readonly windows: Window[] = [];

  constructor(private readonly limits: WindowLimits = DEFAULT_LIMITS) {}

  get windowMs(): number {
    return this.limits.windowMs;
  }

  addStacks(source: SourceKey, counts: FoldedCounts, atMs: number): void {
    const w = this.windowAt(atMs);
    let mine = w.stacks.get(source);
    if (!mine) {
      mine = new Map();
      w.stacks.set(source, mine);
    }
    for (const [stack, count] of counts) {
      const known = mine.has(stack);
      const key = known || w.uniqueStacks < this.limits.maxStacks ? stack : LOST_STACK;
      if (!mine.has(key)) w.uniqueStacks++;
      mine.set(key, (mine.get(key) ?? 0) + count);
    }
  }

  addEvent(source: SourceKey, event: HttpEvent): void {
    const w = this.windowAt(event.timeMs);
    if (w.events.length >= this.limits.maxEvents) {
      w.droppedEvents++;
      return;
    }
    w.events.push({ ...event, source });
  }

  /** Stack counts of every window that ends after `sinceMs`, one row per (window, source, stack). */
  *stackRows(sinceMs: number, untilMs = Infinity): Generator<StackRow> {
    for (const w of this.windows) {
      const end = w.startMs + this.limits.windowMs;
      if (end <= sinceMs || w.startMs >= untilMs) continue;
      for (const [source, counts] of w.stacks) {
        for (const [stack, count] of counts) yield { timeMs: end, source, stack, count };
      }
    }
  }

  /** HTTP events with `sinceMs <= time < untilMs`. */
  *events(sinceMs: number, untilMs = Infinity): Generator<HttpEvent & { source: SourceKey }> {
    for (const w of this.windows) {
      if (w.startMs + this.limits.windowMs <= sinceMs || w.startMs >= untilMs) continue;
      for (const e of w.events) if (e.timeMs >= sinceMs && e.timeMs < untilMs) yield e;
    }
  }

  /** Sources (processes, proxies) still referenced by a kept window. */
  liveSources(): Set<SourceKey> {
    const keys = new Set<SourceKey>();
    for (const w of this.windows) {
      for (const k of w.stacks.keys()) keys.add(k);
      for (const e of w.events) keys.add(e.source);
    }
    return keys;
  }

  get droppedEvents(): number {
    return this.windows.reduce((n, w) => n + w.droppedEvents, 0);
  }

  private windowAt(atMs: number): Window {
    const startMs = Math.floor(atMs / this.limits.windowMs) * this.limits.windowMs;
    let w = this.windows.find((x) => x.startMs === startMs);
    if (!w) {
      w = { startMs, stacks: new Map(), uniqueStacks: 0, events: [], droppedEvents: 0 };
      this.windows.push(w);
      this.windows.sort((a, b) => a.startMs - b.startMs);
      this.prune(atMs);
    }
    return w;
  }

  private prune(nowMs: number): void {
    const oldest = nowMs - this.limits.retainMs;
    while (this.windows.length > 0 && this.windows[0].startMs + this.limits.windowMs < oldest) this.windows.shift();
  }
}
