// Text for latency numbers: durations in ms or s, request rates, error percentages, clock times and window lengths.

/** `85 ms`, `1.2 s`, `850 µs`: three significant figures at most, the unit a reader expects at that size. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms === 0) return '0 ms';
  if (ms >= 59_950) return `${trim(ms / 60_000, 1)} min`;
  // 999.6 ms would round to "1000 ms": show it in seconds instead.
  if (ms >= 999.5) {
    const s = ms / 1000;
    return s >= 9.95 ? `${Math.round(s)} s` : `${(s).toFixed(1)} s`;
  }
  if (ms >= 9.95) return `${Math.round(ms)} ms`;
  if (ms >= 0.9995) return `${ms.toFixed(1)} ms`;
  return `${Math.max(1, Math.round(ms * 1000))} µs`;
}

/** Requests per second: whole numbers when large, two decimals for rarely called endpoints. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond < 0) return '–';
  if (perSecond === 0) return '0';
  if (perSecond >= 99.95) return Math.round(perSecond).toLocaleString('en-US');
  if (perSecond >= 9.995) return perSecond.toFixed(1);
  if (perSecond >= 0.005) return perSecond.toFixed(2);
  return '<0.01';
}

/** A fraction 0..1 as a percentage; a single failure in thousands must not read as 0%. */
export function formatErrorRate(fraction: number): string {
  if (!Number.isFinite(fraction) || fraction < 0) return '–';
  if (fraction === 0) return '0%';
  const pct = Math.min(fraction, 1) * 100;
  if (pct < 0.1) return '<0.1%';
  if (pct < 9.95) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

/** An axis label: every tick of one axis in the same unit, with just the decimals the step needs. */
export function formatAxisDuration(ms: number, stepMs: number): string {
  if (ms === 0) return '0';
  const inSeconds = ms >= 1000 && stepMs >= 100;
  const value = inSeconds ? ms / 1000 : ms;
  const step = inSeconds ? stepMs / 1000 : stepMs;
  return `${trim(value, decimalsFor(step))} ${inSeconds ? 's' : 'ms'}`;
}

/** `14:05` or `14:05:30` in the viewer's time zone (offset in minutes as Date#getTimezoneOffset gives it). */
export function formatClock(timeMs: number, withSeconds: boolean, offsetMinutes = new Date(timeMs).getTimezoneOffset()): string {
  const local = new Date(timeMs - offsetMinutes * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const hm = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
  return withSeconds ? `${hm}:${two(local.getUTCSeconds())}` : hm;
}

/** `30 s`, `5 min`, `1 h`, `1 h 30 min`. */
export function formatWindow(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) {
    const min = Math.floor(seconds / 60);
    const s = Math.round(seconds % 60);
    return s ? `${min} min ${s} s` : `${min} min`;
  }
  const h = Math.floor(seconds / 3600);
  const min = Math.round((seconds % 3600) / 60);
  return min ? `${h} h ${min} min` : `${h} h`;
}

function decimalsFor(step: number): number {
  let d = 0;
  while (d < 6 && Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) > 1e-9) d++;
  return d;
}

function trim(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}
