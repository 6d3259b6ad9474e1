// Folded stacks per process: the unit every CPU sampler hands to the rolling windows.

/** `root;...;leaf` folded stack -> sample count. */
export type FoldedCounts = Map<string, number>;

/** One stretch of sampling: what each process (by PID) spent its CPU on. */
export interface CpuChunk {
  startMs: number;
  endMs: number;
  byPid: Map<number, FoldedCounts>;
  /** What one sample stands for. */
  sampleIntervalMs: number;
}

export function addCount(byPid: Map<number, FoldedCounts>, pid: number, stack: string, count = 1): void {
  let counts = byPid.get(pid);
  if (!counts) {
    counts = new Map();
    byPid.set(pid, counts);
  }
  counts.set(stack, (counts.get(stack) ?? 0) + count);
}

/**
 * A JavaScript frame as every sampler here names it: `name path:line:col` (1-based), the shape
 * `--perf-basic-prof` writes, so frames from perf and the inspector aggregate and resolve alike.
 */
export function jsFrame(name: string, path: string, line: number, column: number): string {
  const fn = name || '(anonymous)';
  return path ? `${fn} ${path}:${line}:${column}` : fn;
}
