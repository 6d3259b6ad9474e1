// Draws a small latency chart (p50 and p99 over the window) as SVG text, for hovers.

import type { LatencyPoint } from './latency';

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Colours fit to the theme the picture is shown in. */
  foreground?: string;
  p50Color?: string;
  p99Color?: string;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function latencyChartSvg(points: readonly LatencyPoint[], title: string, options: ChartOptions = {}): string {
  const width = options.width ?? 320;
  const height = options.height ?? 110;
  const fg = options.foreground ?? '#8b949e';
  const p50c = options.p50Color ?? '#31d0f3';
  const p99c = options.p99Color ?? '#f0883e';
  const pad = { left: 44, right: 8, top: 18, bottom: 16 };
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const max = Math.max(1, ...points.map((p) => p.p99Ms));
  const t0 = points[0]?.timeMs ?? 0;
  const t1 = points[points.length - 1]?.timeMs ?? t0 + 1;
  const x = (t: number) => pad.left + (t1 === t0 ? w / 2 : ((t - t0) / (t1 - t0)) * w);
  const y = (v: number) => pad.top + h - (v / max) * h;
  const line = (pick: (p: LatencyPoint) => number) => points.map((p, i) => `${i ? 'L' : 'M'}${x(p.timeMs).toFixed(1)},${y(pick(p)).toFixed(1)}`).join('');
  const dots = (pick: (p: LatencyPoint) => number, color: string) =>
    points.length === 1 ? `<circle cx="${x(t0).toFixed(1)}" cy="${y(pick(points[0])).toFixed(1)}" r="2.5" fill="${color}"/>` : '';
  const font = `font-family="sans-serif" font-size="10" fill="${fg}"`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<text x="${pad.left}" y="11" ${font}>${escapeXml(title)}</text>`,
    `<text x="${width - pad.right}" y="11" ${font} text-anchor="end"><tspan fill="${p50c}">p50</tspan> <tspan fill="${p99c}">p99</tspan></text>`,
    `<line x1="${pad.left}" y1="${pad.top + h}" x2="${pad.left + w}" y2="${pad.top + h}" stroke="${fg}" stroke-opacity="0.5"/>`,
    `<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left + w}" y2="${pad.top}" stroke="${fg}" stroke-opacity="0.2" stroke-dasharray="2,2"/>`,
    `<text x="${pad.left - 4}" y="${pad.top + 4}" ${font} text-anchor="end">${escapeXml(formatMs(max))}</text>`,
    `<text x="${pad.left - 4}" y="${pad.top + h}" ${font} text-anchor="end">0</text>`,
    points.length ? `<path d="${line((p) => p.p99Ms)}" fill="none" stroke="${p99c}" stroke-width="1.5"/>` : '',
    points.length ? `<path d="${line((p) => p.p50Ms)}" fill="none" stroke="${p50c}" stroke-width="1.5"/>` : '',
    dots((p) => p.p99Ms, p99c),
    dots((p) => p.p50Ms, p50c),
    points.length ? '' : `<text x="${pad.left + w / 2}" y="${pad.top + h / 2}" ${font} text-anchor="middle">no requests in the window</text>`,
    `</svg>`,
  ].join('');
}
