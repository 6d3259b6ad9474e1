// Axis arithmetic for the latency chart: linear scales, round latency ticks and clock-aligned time ticks.

export type Scale = (value: number) => number;

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** The round step (1, 2 or 5 times a power of ten) at least as large as `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const f = rough / power;
  // Guard against 0.30000000000000004-style residue pushing a round value up a step.
  const m = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10;
  return m * power;
}

export interface ValueTicks {
  ticks: number[];
  step: number;
  /** The axis top: the last tick, at or above the largest value. */
  top: number;
}

/** Ticks from 0 up to just over `maxValue`, at most `maxTicks` intervals. */
export function valueTicks(maxValue: number, maxTicks: number): ValueTicks {
  const max = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 1;
  const step = niceStep(max / Math.max(1, maxTicks));
  const count = Math.max(1, Math.ceil(max / step - 1e-9));
  const ticks: number[] = [];
  for (let i = 0; i <= count; i++) ticks.push(round(i * step));
  return { ticks, step, top: round(count * step) };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Steps a clock face reads well at. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30].map((s) => s * SECOND)
  .concat([1, 2, 5, 10, 15, 30].map((m) => m * MINUTE))
  .concat([1, 2, 3, 6, 12, 24].map((h) => h * HOUR));

export interface TimeTicks {
  ticks: number[];
  stepMs: number;
}

/**
 * Ticks inside [startMs, endMs] on local clock boundaries (`:00`, `:30`, …), at most `maxTicks` of them.
 * `offsetMinutes` is the time zone offset as Date#getTimezoneOffset gives it.
 */
export function timeTicks(startMs: number, endMs: number, maxTicks: number, offsetMinutes = new Date(startMs).getTimezoneOffset()): TimeTicks {
  const span = Math.max(0, endMs - startMs);
  const limit = Math.max(1, maxTicks);
  const stepMs = TIME_STEPS.find((s) => span / s < limit) ?? TIME_STEPS[TIME_STEPS.length - 1];
  const shift = -offsetMinutes * MINUTE;
  const first = Math.ceil((startMs + shift) / stepMs) * stepMs - shift;
  const ticks: number[] = [];
  for (let t = first; t <= endMs; t += stepMs) ticks.push(t);
  return { ticks, stepMs };
}

function round(v: number): number {
  return Number(v.toPrecision(12));
}
