// Number and text formatting for the toolbar, summary and tooltip.

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `part` as a percentage of `whole`: one decimal, more for tiny shares so they never read as 0. */
export function formatPercent(part: number, whole: number): string {
  if (!(whole > 0) || part <= 0) return '0%';
  return formatPercentValue((100 * part) / whole);
}

export function formatPercentValue(pct: number): string {
  if (pct <= 0) return '0%';
  if (pct >= 99.95) return pct >= 100 ? '100%' : '99.9%';
  if (pct >= 0.1) return `${pct.toFixed(1)}%`;
  if (pct >= 0.001) return `${pct.toPrecision(2).replace(/0+$/, '').replace(/\.$/, '')}%`;
  return '<0.001%';
}

export function formatSearchSummary(matches: number, percent: number): string {
  if (matches === 0) return 'No matches';
  return `${formatCount(matches)} ${matches === 1 ? 'match' : 'matches'} · ${formatPercentValue(percent)}`;
}

/** CPU time for a sample count when the sampling interval is known: `850 ms`, `12.3 s`, `4 min 5 s`. */
export function formatCpuTime(samples: number, intervalMs: number): string {
  const ms = samples * intervalMs;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const min = Math.floor(s / 60);
  return `${min} min ${Math.round(s - min * 60)} s`;
}
