// Aggregates Pixie flamegraph rows (`stack_trace`, `count` and k8s columns) into a Profile, one row at a time.
//
// The row shape is what px/perf_flamegraph returns and `px run -o json` prints one per
// line: `node`, `namespace`, `pod` (as `namespace/pod-name`), `container`, `cmdline`,
// `stack_trace_id`, `stack_trace`, `count`, `percent`. Only `stack_trace` and `count`
// are required; other columns are ignored. The px CLI turns numeric-looking strings into
// numbers, so every column is accepted as a string or a number. A stack that already
// starts with Pixie UI's k8s frames (`node: X;namespace: Y;...`) has them lifted into
// the context; explicit columns win over lifted frames.

import { Profile } from '../profile';
import { excerpt, ProfileFormatError } from './formatError';
import { StackTable } from './stackTable';

/** Pixie samples every ~10 ms (documented; ~11 ms measured upstream). */
export const PIXIE_SAMPLE_INTERVAL_MS = 10;

export type PixieRow = Record<string, unknown>;

/** Where a row came from, for error messages: `line 17` (JSONL) or `row 3` (a JSON array, a gRPC batch). */
export type RowLocation = string;

export class PixieRowAggregator {
  /** Where the samples are counted; the JSONL reader's byte path counts into it directly. */
  readonly table: StackTable;
  private rowCount = 0;

  /** `sharedTable`: count into a table other threads can read once done (see StackTable.share). */
  constructor(options: { sharedTable?: boolean } = {}) {
    this.table = new StackTable({ shared: options.sharedTable });
  }

  /** Adds one decoded row; throws ProfileFormatError naming `where` when the row is not a flamegraph row. */
  addRow(row: unknown, where: RowLocation = `row ${this.rowCount + 1}`): void {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new ProfileFormatError(`${where}: expected a Pixie row object with \`stack_trace\` and \`count\`, got ${describe(row)}`);
    }
    const r = row as PixieRow;
    const stackValue = r.stack_trace;
    let stack: string;
    if (typeof stackValue === 'string') stack = stackValue;
    else if (typeof stackValue === 'number') stack = String(stackValue);
    else {
      throw new ProfileFormatError(
        stackValue === undefined
          ? `${where}: no \`stack_trace\` column (is this the output of px/perf_flamegraph?)`
          : `${where}: \`stack_trace\` must be a string, got ${describe(stackValue)}`,
      );
    }
    const count = toCount(r.count, where);
    this.addFields(stack, count, column(r.node), column(r.namespace), column(r.pod), column(r.container), column(r.cmdline) ?? column(r.pid));
  }

  /**
   * The row's values, already taken out of their JSON or row batch (the fast path for
   * decoded gRPC rows). Empty strings mean "unknown".
   */
  addFields(stack: string, count: number, node?: string, namespace?: string, pod?: string, container?: string, process?: string): void {
    this.rowCount++;
    if (count === 0 || stack === '') return;
    this.table.countString(stack, this.table.place(node, namespace, pod, container, process), count);
  }

  /** Rows a reader counted straight into `table`. */
  countRows(rows: number): void {
    this.rowCount += rows;
  }

  get rows(): number {
    return this.rowCount;
  }

  get totalSamples(): number {
    return this.table.totalSamples;
  }

  /** Distinct (place, stack) pairs seen so far. */
  get uniqueStacks(): number {
    return this.table.uniqueStacks;
  }

  /** The profile so far; the aggregator can keep taking rows afterwards. */
  build(extra: { sampleIntervalMs?: number; source?: string } = {}): Profile {
    return { format: 'pixie', stacks: this.table.records(), totalSamples: this.table.totalSamples, sampleIntervalMs: PIXIE_SAMPLE_INTERVAL_MS, ...extra };
  }
}

function column(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

function toCount(value: unknown, where: RowLocation): number {
  const n = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0) || !Number.isFinite(n)) {
    throw new ProfileFormatError(
      value === undefined
        ? `${where}: no \`count\` column (each row needs the samples of its stack)`
        : `${where}: \`count\` must be a non-negative number, got ${describe(value)}`,
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
