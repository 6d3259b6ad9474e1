// The latency chart's geometry, without the DOM: plot area, axes with labels, and p50/p90/p99 paths broken at gaps.

import type { LatencyPoint } from '../../src/core/latency';
import { formatAxisDuration, formatClock } from './format';
import { linearScale, timeTicks, valueTicks } from './scale';

export const QUANTILES = ['p50', 'p90', 'p99'] as const;
export type Quantile = (typeof QUANTILES)[number];

export interface ChartSize {
  width: number;
  height: number;
}

export interface Tick {
  value: number;
  /** Pixel position along its axis. */
  at: number;
  label: string;
  /** How a time label hangs from its tick: the ones at the edges turn inwards rather than being cut off. */
  anchor: 'start' | 'middle' | 'end';
}

export interface QuantileLine {
  quantile: Quantile;
  /** SVG path data: one `M…L…` run per stretch of consecutive bins. */
  d: string;
  /** Points with no neighbour in their run: drawn as dots, a line needs two. */
  dots: { x: number; y: number }[];
}

export interface ChartModel {
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: Tick[];
  yTicks: Tick[];
  lines: QuantileLine[];
  /** Each point's x, for finding the one under the pointer, and its y per quantile, for the hover dots. */
  pointX: number[];
  pointY: Record<Quantile, number[]>;
}

/** Room for `2.5 s` left of the plot and a clock label under it. */
export const MARGIN = { left: 56, right: 16, top: 12, bottom: 28 };
const MIN_X_LABEL_PX = 72;
/** Width of one character of an 11px axis label, near enough to keep labels inside the chart. */
const LABEL_CHAR_PX = 6.6;
const MIN_Y_LABEL_PX = 36;

const valueOf: Record<Quantile, (p: LatencyPoint) => number> = {
  p50: (p) => p.p50Ms,
  p90: (p) => p.p90Ms,
  p99: (p) => p.p99Ms,
};

/**
 * `points` oldest first, as a LatencySeries holds them. Bins with no requests are missing from a series:
 * a step of more than 1.5 bins between points breaks the lines rather than drawing a slope across the silence.
 */
export function buildChart(points: readonly LatencyPoint[], binSeconds: number, size: ChartSize, offsetMinutes?: number): ChartModel {
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    right: Math.max(MARGIN.left + 1, size.width - MARGIN.right),
    bottom: Math.max(MARGIN.top + 1, size.height - MARGIN.bottom),
  };
  const binMs = Math.max(1, binSeconds) * 1000;
  const usable = points.filter((p) => Number.isFinite(p.timeMs));
  const t0 = usable.length ? usable[0].timeMs : 0;
  const t1 = usable.length ? usable[usable.length - 1].timeMs : 0;
  // A single bin still gets a time axis one bin wide on each side.
  const [start, end] = t1 > t0 ? [t0, t1] : [t0 - binMs, t0 + binMs];
  const x = linearScale([start, end], [plot.left, plot.right]);

  let max = 0;
  for (const p of usable) for (const q of QUANTILES) max = Math.max(max, finite(valueOf[q](p)));
  const maxYTicks = Math.max(2, Math.min(6, Math.floor((plot.bottom - plot.top) / MIN_Y_LABEL_PX)));
  const yt = valueTicks(max, maxYTicks);
  const y = linearScale([0, yt.top], [plot.bottom, plot.top]);

  const maxXTicks = Math.max(2, Math.floor((plot.right - plot.left) / MIN_X_LABEL_PX));
  const xt = timeTicks(start, end, maxXTicks, offsetMinutes);
  const withSeconds = xt.stepMs < 60_000;

  const runs = splitRuns(usable, binMs);
  const lines = QUANTILES.map((quantile): QuantileLine => {
    let d = '';
    const dots: { x: number; y: number }[] = [];
    for (const run of runs) {
      const pts = run.map((p) => ({ x: round1(x(p.timeMs)), y: round1(y(finite(valueOf[quantile](p)))) }));
      if (pts.length === 1) dots.push(pts[0]);
      else d += pts.map((pt, i) => `${i ? 'L' : 'M'}${pt.x} ${pt.y}`).join('');
    }
    return { quantile, d, dots };
  });

  return {
    plot,
    xTicks: xt.ticks.map((t) => {
      const at = round1(x(t));
      const label = formatClock(t, withSeconds, offsetMinutes);
      const half = (label.length * LABEL_CHAR_PX) / 2;
      const anchor = at + half > size.width ? 'end' : at - half < 0 ? 'start' : 'middle';
      return { value: t, at, label, anchor };
    }),
    yTicks: yt.ticks.map((v) => ({ value: v, at: round1(y(v)), label: formatAxisDuration(v, yt.step), anchor: 'end' as const })),
    lines,
    pointX: usable.map((p) => round1(x(p.timeMs))),
    pointY: {
      p50: usable.map((p) => round1(y(finite(p.p50Ms)))),
      p90: usable.map((p) => round1(y(finite(p.p90Ms)))),
      p99: usable.map((p) => round1(y(finite(p.p99Ms)))),
    },
  };
}

/** Index of the point nearest to pixel `px` (undefined when there are none). */
export function nearestPoint(pointX: readonly number[], px: number): number | undefined {
  let best: number | undefined;
  for (let i = 0; i < pointX.length; i++) {
    if (best === undefined || Math.abs(pointX[i] - px) < Math.abs(pointX[best] - px)) best = i;
  }
  return best;
}

function splitRuns(points: readonly LatencyPoint[], binMs: number): LatencyPoint[][] {
  const runs: LatencyPoint[][] = [];
  let run: LatencyPoint[] = [];
  for (const p of points) {
    const prev = run[run.length - 1];
    if (prev && p.timeMs - prev.timeMs > binMs * 1.5) {
      runs.push(run);
      run = [];
    }
    run.push(p);
  }
  if (run.length) runs.push(run);
  return runs;
}

function finite(v: number): number {
  return Number.isFinite(v) && v > 0 ? v : 0;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
