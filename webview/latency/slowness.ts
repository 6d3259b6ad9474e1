// How alarming a latency or error rate is: the levels the table colours and the bar lengths scaled to the slowest p99.

export type LatencyLevel = 'ok' | 'elevated' | 'slow';
export type ErrorLevel = 'none' | 'some' | 'high';

/** A p99 a user notices waiting for (about a second) is slow; a few hundred ms is worth a look. */
export const SLOW_P99_MS = 1000;
export const ELEVATED_P99_MS = 300;
/** More than one request in twenty failing. */
export const HIGH_ERROR_RATE = 0.05;
/** A bar for any non-zero value stays visible. */
const MIN_BAR = 0.02;

export function latencyLevel(p99Ms: number): LatencyLevel {
  if (!(p99Ms >= ELEVATED_P99_MS)) return 'ok';
  return p99Ms >= SLOW_P99_MS ? 'slow' : 'elevated';
}

export function errorLevel(rate: number): ErrorLevel {
  if (!(rate > 0)) return 'none';
  return rate >= HIGH_ERROR_RATE ? 'high' : 'some';
}

/** Bar length 0..1 of a value against the largest one in the table. */
export function barFraction(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.max(MIN_BAR, Math.min(1, value / max));
}
