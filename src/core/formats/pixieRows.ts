// Aggregates Pixie flamegraph rows (`stack_trace`, `count` and k8s columns) into a Profile, one row at a time.
//
// The row shape is what px/perf_flamegraph returns and `px run -o json` prints one per
// line: `node`, `namespace`, `pod` (as `namespace/pod-name`), `container`, `cmdline`,
// `stack_trace_id`, `stack_trace`, `count`, `percent`. Only `stack_trace` and `count`
// are required; other columns are ignored. The px CLI turns numeric-looking strings into
// numbers, so every column is accepted as a string or a number. A stack that already
// starts with Pixie UI's k8s frames (`node: X;namespace: Y;...`) has them lifted into
// the context; explicit columns win over lifted frames.

import { K8sContext } from '../k8sContext';
import { Profile, ProfileBuilder } from '../profile';
import { excerpt, ProfileFormatError } from './formatError';
import { liftK8sFrames } from './k8sFramePrefix';

/** Pixie samples every ~10 ms (documented; ~11 ms measured upstream). */
export const PIXIE_SAMPLE_INTERVAL_MS = 10;

export type PixieRow = Record<string, unknown>;

/** Where a row came from, for error messages: `line 17` (JSONL) or `row 3` (a JSON array, a gRPC batch). */
export type RowPlace = string;

interface RawContext {
  node: string | undefined;
  namespace: string | undefined;
  container: string | undefined;
  process: string | undefined;
  ctx: K8sContext | undefined;
}

export class PixieRowAggregator {
  private readonly builder = new ProfileBuilder();
  /** Raw columns -> interned context: rows repeat a handful of contexts many times. */
  private readonly contexts = new Map<string, RawContext[]>();
  private rowCount = 0;

  /** Adds one decoded row; throws ProfileFormatError naming `place` when the row is not a flamegraph row. */
  addRow(row: unknown, place: RowPlace = `row ${this.rowCount + 1}`): void {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new ProfileFormatError(`${place}: expected a Pixie row object with \`stack_trace\` and \`count\`, got ${describe(row)}`);
    }
    const r = row as PixieRow;
    const stackValue = r.stack_trace;
    let stack: string;
    if (typeof stackValue === 'string') stack = stackValue;
    else if (typeof stackValue === 'number') stack = String(stackValue);
    else {
      throw new ProfileFormatError(
        stackValue === undefined
          ? `${place}: no \`stack_trace\` column (is this the output of px/perf_flamegraph?)`
          : `${place}: \`stack_trace\` must be a string, got ${describe(stackValue)}`,
      );
    }
    const count = toCount(r.count, place);
    this.addFields(stack, count, column(r.node), column(r.namespace), column(r.pod), column(r.container), column(r.cmdline) ?? column(r.pid));
  }

  /**
   * The row's values, already taken out of their JSON: the fast path of the JSONL reader
   * and of decoded gRPC row batches. Empty strings mean "unknown".
   */
  addFields(stack: string, count: number, node?: string, namespace?: string, pod?: string, container?: string, process?: string): void {
    this.rowCount++;
    if (count === 0 || stack === '') return;
    const lifted = liftK8sFrames(stack);
    this.builder.add(lifted.stack, count, this.contextOf(lifted.ctx, node, namespace, pod, container, process));
  }

  get rows(): number {
    return this.rowCount;
  }

  get totalSamples(): number {
    return this.builder.totalSamples;
  }

  get uniqueStacks(): number {
    return this.builder.uniqueStacks;
  }

  /** The profile so far; the aggregator can keep taking rows afterwards. */
  build(extra: { sampleIntervalMs?: number; source?: string } = {}): Profile {
    return this.builder.build('pixie', { sampleIntervalMs: PIXIE_SAMPLE_INTERVAL_MS, ...extra });
  }

  /** Explicit columns win over frames lifted from the stack; empty strings count as missing. */
  private contextOf(
    lifted: K8sContext | undefined,
    node: string | undefined,
    namespace: string | undefined,
    pod: string | undefined,
    container: string | undefined,
    process: string | undefined,
  ): K8sContext | undefined {
    if (lifted === undefined) {
      if (!node && !namespace && !pod && !container && !process) return undefined;
      // Keyed by pod first: hashing one short string and comparing a few is cheaper per row
      // than building and hashing a key of all five columns.
      const podKey = pod ?? '';
      let candidates = this.contexts.get(podKey);
      if (candidates === undefined) {
        candidates = [];
        this.contexts.set(podKey, candidates);
      }
      for (const c of candidates) {
        if (c.node === node && c.namespace === namespace && c.container === container && c.process === process) return c.ctx;
      }
      const ctx = this.builder.context({ node, namespace, pod, container, process });
      candidates.push({ node, namespace, container, process, ctx });
      return ctx;
    }
    return this.builder.context({
      node: node || lifted.node,
      namespace: namespace || lifted.namespace,
      pod: pod || lifted.pod,
      container: container || lifted.container,
      process: process || lifted.process,
    });
  }
}

function column(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

function toCount(value: unknown, place: RowPlace): number {
  const n = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0) || !Number.isFinite(n)) {
    throw new ProfileFormatError(
      value === undefined
        ? `${place}: no \`count\` column (each row needs the samples of its stack)`
        : `${place}: \`count\` must be a non-negative number, got ${describe(value)}`,
    );
  }
  return n;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return `\`${excerpt(text)}\``;
}
