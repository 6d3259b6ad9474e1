// Latency quantiles the way px.quantiles reports them (interpolated between ranks), over a list of values.

/** q in [0, 1] of values sorted ascending; linear interpolation between the two nearest ranks. */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export function quantiles(values: readonly number[], qs: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return qs.map((q) => quantileOfSorted(sorted, q));
}
