// The one in-memory profile model: unique (k8s context, stack) pairs with sample counts.

import { contextKey, isEmptyContext, K8sContext, normalizePod, SCOPE_KEYS } from './k8sContext';

export type ProfileFormat = 'pixie' | 'folded' | 'pprof' | 'cpuprofile' | 'json';

/** One unique stack in one place, with every sample it got. Frames are root first. */
export interface StackRecord {
  readonly ctx: K8sContext | undefined;
  readonly frames: readonly string[];
  count: number;
}

export interface Profile {
  readonly format: ProfileFormat;
  readonly stacks: readonly StackRecord[];
  readonly totalSamples: number;
  /** What one sample stands for, when the input says (e.g. 10 ms for Pixie, the interval for pprof). */
  readonly sampleIntervalMs?: number;
  /** Free-form label of where the data came from (file name, cluster, sampler). */
  readonly source?: string;
}

/** A record while aggregating: the stack string is kept to tell apart stacks whose quick hashes collide. */
interface Aggregate {
  key: string;
  ctx: K8sContext | undefined;
  frames: readonly string[];
  count: number;
}

/**
 * Aggregates samples as they arrive, keyed by the stack string (Pixie's stack_trace_id is
 * recycled per agent, so it is never used). Memory grows with unique stacks, not rows:
 * contexts are interned and frames are split once per unique stack.
 */
export class ProfileBuilder {
  /**
   * Per interned context (by identity), then by a quick hash of the stack string. A Map
   * keyed by the string itself hashes all of it (stacks run to hundreds of characters) and
   * was the slowest step of a million-row ingest; colliding stacks share a bucket array.
   */
  private readonly byContext = new Map<K8sContext | undefined, Map<number, Aggregate | Aggregate[]>>();
  /** Insertion order, so output (and round trips) follow the input. */
  private readonly records: Aggregate[] = [];
  private readonly pool = new ContextPool();
  private total = 0;

  /** Adds samples of a stack given as `a;b;c` (root first) or as an array of frames. */
  add(stack: string | readonly string[], count: number, ctx?: K8sContext): void {
    if (!(count > 0) || !Number.isFinite(count)) return;
    const key = typeof stack === 'string' ? stack : stack.join(';');
    if (key === '') return;
    const interned = ctx === undefined || this.pool.has(ctx) ? ctx : this.pool.intern(ctx);
    let buckets = this.byContext.get(interned);
    if (!buckets) {
      buckets = new Map();
      this.byContext.set(interned, buckets);
    }
    const hash = quickHash(key);
    const bucket = buckets.get(hash);
    let found: Aggregate | undefined;
    if (bucket !== undefined) {
      if (!Array.isArray(bucket)) {
        if (bucket.key === key) found = bucket;
      } else {
        for (const r of bucket) {
          if (r.key === key) {
            found = r;
            break;
          }
        }
      }
    }
    if (found) {
      found.count += count;
    } else {
      const frames = typeof stack === 'string' ? stack.split(';') : [...stack];
      const record: Aggregate = { key, ctx: interned, frames, count };
      if (bucket === undefined) buckets.set(hash, record);
      else if (Array.isArray(bucket)) bucket.push(record);
      else buckets.set(hash, [bucket, record]);
      this.records.push(record);
    }
    this.total += count;
  }

  get uniqueStacks(): number {
    return this.records.length;
  }

  get totalSamples(): number {
    return this.total;
  }

  /**
   * A snapshot: later `add` calls do not change a profile already built (a streaming
   * source can build one per batch while it keeps aggregating).
   */
  build(format: ProfileFormat, extra: { sampleIntervalMs?: number; source?: string } = {}): Profile {
    const stacks: StackRecord[] = this.records.map((r) => ({ ctx: r.ctx, frames: r.frames, count: r.count }));
    return { format, stacks, totalSamples: this.total, ...extra };
  }

  /**
   * The shared, frozen copy of a context (undefined when it names nothing). Passing the
   * result back to `add` skips re-interning, which matters at a million rows.
   */
  context(ctx: K8sContext | undefined): K8sContext | undefined {
    return this.pool.intern(ctx);
  }
}

/**
 * Interns contexts: one frozen object per distinct place, so stacks share them and code
 * can compare places by identity. Pods are normalized (`ns/pod` becomes `pod`).
 */
export class ContextPool {
  private readonly byKey = new Map<string, K8sContext>();
  private readonly members = new Set<K8sContext>();

  intern(ctx: K8sContext | undefined): K8sContext | undefined {
    if (!ctx) return undefined;
    if (this.members.has(ctx)) return ctx;
    const clean: K8sContext = {};
    for (const k of SCOPE_KEYS) {
      const v: unknown = ctx[k];
      if (v !== undefined && v !== null && v !== '') clean[k] = String(v);
    }
    if (clean.pod) clean.pod = normalizePod(clean.pod, clean.namespace);
    if (isEmptyContext(clean)) return undefined;
    const key = contextKey(clean);
    let found = this.byKey.get(key);
    if (!found) {
      found = Object.freeze(clean);
      this.byKey.set(key, found);
      this.members.add(found);
    }
    return found;
  }

  /** Whether `ctx` is one of this pool's objects (already interned). */
  has(ctx: K8sContext): boolean {
    return this.members.has(ctx);
  }
}

/**
 * FNV-1a over the length, the last 24 characters (sibling stacks differ at the leaf end)
 * and 24 characters spread over the rest: a fixed few dozen steps however long the stack.
 * Stacks that collide are still told apart by comparing the strings.
 */
function quickHash(s: string): number {
  const n = s.length;
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  const tail = n > 24 ? n - 24 : 0;
  for (let i = tail; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  if (tail > 0) {
    const step = tail > 24 ? Math.floor(tail / 24) : 1;
    for (let i = 0; i < tail; i += step) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  // 30 bits: a small integer Map key, never a boxed number.
  return (h ^ (h >>> 30)) & 0x3fffffff;
}
