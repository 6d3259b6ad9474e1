// The one in-memory profile model: unique (k8s context, stack) pairs with sample counts.

import { contextKey, K8sContext, normalizePod } from './k8sContext';

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

/**
 * Aggregates samples as they arrive, keyed by the stack string (Pixie's stack_trace_id is
 * recycled per agent, so it is never used). Memory grows with unique stacks, not rows:
 * contexts are interned and frames are split once per unique stack.
 */
export class ProfileBuilder {
  private readonly records = new Map<string, StackRecord>();
  private readonly contexts = new Map<string, K8sContext>();
  private total = 0;

  /** Adds samples of a stack given as `a;b;c` (root first) or as an array of frames. */
  add(stack: string | readonly string[], count: number, ctx?: K8sContext): void {
    if (!(count > 0) || !Number.isFinite(count)) return;
    const stackKey = typeof stack === 'string' ? stack : stack.join(';');
    if (stackKey === '') return;
    const interned = this.intern(ctx);
    const key = interned ? `${contextKey(interned)}\u0000${stackKey}` : stackKey;
    const existing = this.records.get(key);
    if (existing) {
      existing.count += count;
    } else {
      const frames = typeof stack === 'string' ? stack.split(';') : [...stack];
      this.records.set(key, { ctx: interned, frames, count });
    }
    this.total += count;
  }

  get uniqueStacks(): number {
    return this.records.size;
  }

  get totalSamples(): number {
    return this.total;
  }

  build(format: ProfileFormat, extra: { sampleIntervalMs?: number; source?: string } = {}): Profile {
    return { format, stacks: [...this.records.values()], totalSamples: this.total, ...extra };
  }

  private intern(ctx: K8sContext | undefined): K8sContext | undefined {
    if (!ctx) return undefined;
    const clean: K8sContext = {};
    for (const [k, v] of Object.entries(ctx) as [keyof K8sContext, string | undefined][]) {
      if (v !== undefined && v !== null && v !== '') clean[k] = String(v);
    }
    if (clean.pod) clean.pod = normalizePod(clean.pod, clean.namespace);
    const key = contextKey(clean);
    if (key.replace(/\u0001/g, '') === '') return undefined;
    let found = this.contexts.get(key);
    if (!found) {
      found = Object.freeze(clean);
      this.contexts.set(key, found);
    }
    return found;
  }
}
