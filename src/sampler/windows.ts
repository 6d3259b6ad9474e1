// Rolling 30 s windows of stack counts and HTTP events, as Pixie's tables hold them, bounded in memory.

import type { HttpEvent } from './latencyProxy';
import type { FoldedCounts } from './stacks';

/** Where a process or a proxy belongs; `key` identifies it in the attribution table. */
export type SourceKey = string;

/**
 * A window's HTTP events as parallel columns (about 30 bytes an event): an hour of a busy
 * service is millions of events, and objects would cost several times that.
 */
interface EventColumns {
  timeMs: number[];
  latencyNs: number[];
  status: number[];
  /** Index into SampleWindows' interned (source, method, path) keys. */
  key: number[];
}

interface Window {
  startMs: number;
  /** source key -> folded stack -> samples */
  stacks: Map<SourceKey, FoldedCounts>;
  uniqueStacks: number;
  events: EventColumns;
  droppedEvents: number;
}

interface EventKey {
  source: SourceKey;
  method: string;
  path: string;
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

export const DEFAULT_LIMITS: WindowLimits = { windowMs: 30_000, retainMs: 60 * 60_000, maxStacks: 20_000, maxEvents: 30_000 };

export const LOST_STACK = '<stack trace lost>';

export interface StackRow {
  /** End of the window the samples belong to (Pixie's `time_`). */
  timeMs: number;
  source: SourceKey;
  stack: string;
  count: number;
}

/** Distinct (source, method, path) keys kept at most; beyond, paths are folded into one. */
const MAX_EVENT_KEYS = 50_000;

export class SampleWindows {
  private readonly windows: Window[] = [];
  private readonly keys: EventKey[] = [];
  private readonly keyIndex = new Map<string, number>();

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
    if (w.events.timeMs.length >= this.limits.maxEvents) {
      w.droppedEvents++;
      return;
    }
    w.events.timeMs.push(event.timeMs);
    w.events.latencyNs.push(event.latencyNs);
    w.events.status.push(event.status);
    w.events.key.push(this.internKey(source, event.method, event.path));
  }

  private internKey(source: SourceKey, method: string, path: string): number {
    // A client that sends endless distinct URLs must not grow the key table without end.
    const kept = this.keys.length < MAX_EVENT_KEYS ? path : '<other>';
    const id = `${source}\u0000${method}\u0000${kept}`;
    let index = this.keyIndex.get(id);
    if (index === undefined) {
      index = this.keys.length;
      this.keys.push({ source, method, path: kept });
      this.keyIndex.set(id, index);
    }
    return index;
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
      const { timeMs, latencyNs, status, key } = w.events;
      for (let i = 0; i < timeMs.length; i++) {
        if (timeMs[i] < sinceMs || timeMs[i] >= untilMs) continue;
        const k = this.keys[key[i]];
        yield { timeMs: timeMs[i], latencyNs: latencyNs[i], status: status[i], method: k.method, path: k.path, source: k.source };
      }
    }
  }

  /** Sources (processes, proxies) still referenced by a kept window. */
  liveSources(): Set<SourceKey> {
    const keys = new Set<SourceKey>();
    for (const w of this.windows) {
      for (const k of w.stacks.keys()) keys.add(k);
      for (const k of new Set(w.events.key)) keys.add(this.keys[k].source);
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
      w = { startMs, stacks: new Map(), uniqueStacks: 0, events: { timeMs: [], latencyNs: [], status: [], key: [] }, droppedEvents: 0 };
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
