// The latency chart of the selected service or endpoint: p50/p90/p99 over the window in SVG, with axes, legend and a hover readout.

import type { LatencySeries } from '../../src/core/latency';
import { buildChart, ChartModel, nearestPoint, QUANTILES } from './chartModel';
import { el, svg } from './dom';
import { formatClock, formatDuration, formatErrorRate, formatRate } from './format';

const LEGEND: Record<(typeof QUANTILES)[number], string> = { p50: 'p50', p90: 'p90', p99: 'p99' };

export class LatencyChartView {
  readonly root = el('section', 'lat-chart-panel');
  private readonly title = el('h2', 'lat-chart-title');
  private readonly subtitle = el('span', 'lat-chart-subtitle');
  private readonly legend = el('div', 'lat-legend');
  private readonly area = el('div', 'lat-chart-area');
  private readonly note = el('div', 'lat-chart-note');
  private readonly readout = el('div', 'lat-readout');
  private series: LatencySeries | undefined;
  private binSeconds = 10;
  private model: ChartModel | undefined;
  private svgRoot: SVGSVGElement | undefined;
  private cursor: SVGGElement | undefined;
  private frame = 0;

  constructor() {
    this.root.setAttribute('aria-label', 'Latency over time');
    const header = el('div', 'lat-chart-header');
    const titles = el('div', 'lat-chart-titles');
    titles.append(this.title, this.subtitle);
    for (const q of QUANTILES) {
      const item = el('span', `lat-legend-item lat-q-${q}`);
      item.append(el('span', 'lat-swatch'), el('span', 'lat-legend-label', LEGEND[q]));
      this.legend.append(item);
    }
    header.append(titles, this.legend);
    this.readout.hidden = true;
    this.readout.setAttribute('aria-hidden', 'true');
    this.area.append(this.note, this.readout);
    this.root.append(header, this.area);
    new ResizeObserver(() => this.scheduleRedraw()).observe(this.area);
    this.area.addEventListener('pointermove', (e) => this.showReadout(e));
    this.area.addEventListener('pointerleave', () => this.hideReadout());
  }

  /** Draws `series` (undefined: the row has no time series). Returns whether a chart was drawn. */
  show(title: string, subtitle: string, series: LatencySeries | undefined, binSeconds: number): boolean {
    this.title.textContent = title;
    this.title.title = title;
    this.subtitle.textContent = subtitle;
    this.series = series;
    this.binSeconds = binSeconds;
    return this.redraw();
  }

  clear(): void {
    this.series = undefined;
    this.title.textContent = '';
    this.subtitle.textContent = '';
    this.removeSvg();
    this.note.textContent = '';
  }

  private scheduleRedraw(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.redraw());
  }

  private redraw(): boolean {
    this.hideReadout();
    this.removeSvg();
    const points = this.series?.points ?? [];
    this.legend.hidden = points.length === 0;
    if (points.length === 0) {
      this.note.textContent = this.title.textContent ? 'No requests in this window, so there is no latency to chart.' : '';
      return false;
    }
    this.note.textContent = '';
    const width = Math.floor(this.area.clientWidth);
    const height = Math.floor(this.area.clientHeight);
    // Hidden (display: none) or not laid out yet: the ResizeObserver draws once it has a size.
    if (width < 120 || height < 80) return true;
    const model = buildChart(points, this.binSeconds, { width, height });
    this.model = model;
    const root = svg('svg', { class: 'lat-chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
    root.append(svg('title', {}, `${this.title.textContent}: p50, p90 and p99 latency over time`));
    const { left, right, top, bottom } = model.plot;

    const grid = svg('g', { class: 'lat-grid' });
    const yAxis = svg('g', { class: 'lat-axis lat-axis-y' });
    for (const t of model.yTicks) {
      grid.append(svg('line', { x1: left, x2: right, y1: t.at, y2: t.at }));
      yAxis.append(svg('text', { x: left - 8, y: t.at, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, t.label));
    }
    const xAxis = svg('g', { class: 'lat-axis lat-axis-x' });
    xAxis.append(svg('line', { class: 'lat-axis-line', x1: left, x2: right, y1: bottom, y2: bottom }));
    for (const t of model.xTicks) {
      xAxis.append(svg('line', { class: 'lat-tick', x1: t.at, x2: t.at, y1: bottom, y2: bottom + 4 }));
      xAxis.append(svg('text', { x: t.at, y: bottom + 8, 'text-anchor': t.anchor, 'dominant-baseline': 'hanging' }, t.label));
    }
    const lines = svg('g', { class: 'lat-lines' });
    // p99 last, so the line that matters most is drawn on top.
    for (const line of model.lines) {
      const g = svg('g', { class: `lat-line lat-q-${line.quantile}` });
      if (line.d) g.append(svg('path', { d: line.d }));
      for (const dot of line.dots) g.append(svg('circle', { cx: dot.x, cy: dot.y, r: 3 }));
      lines.append(g);
    }
    this.cursor = svg('g', { class: 'lat-cursor', visibility: 'hidden' });
    this.cursor.append(svg('line', { y1: top, y2: bottom }));
    for (const q of QUANTILES) this.cursor.append(svg('circle', { class: `lat-q-${q}`, r: 3.5 }));
    root.append(grid, xAxis, yAxis, lines, this.cursor);
    this.svgRoot = root;
    this.area.prepend(root);
    return true;
  }

  private removeSvg(): void {
    this.svgRoot?.remove();
    this.svgRoot = undefined;
    this.cursor = undefined;
    this.model = undefined;
  }

  private showReadout(e: PointerEvent): void {
    const model = this.model;
    const points = this.series?.points;
    if (!model || !points || !this.svgRoot || !this.cursor) return;
    const box = this.svgRoot.getBoundingClientRect();
    const px = e.clientX - box.left;
    const py = e.clientY - box.top;
    if (px < model.plot.left - 10 || px > model.plot.right + 10 || py < model.plot.top || py > model.plot.bottom) {
      this.hideReadout();
      return;
    }
    const i = nearestPoint(model.pointX, px);
    if (i === undefined) return;
    const p = points[i];
    const x = model.pointX[i];
    const [line, ...dots] = [...this.cursor.children] as SVGElement[];
    line.setAttribute('x1', String(x));
    line.setAttribute('x2', String(x));
    QUANTILES.forEach((q, k) => {
      dots[k].setAttribute('cx', String(x));
      dots[k].setAttribute('cy', String(model.pointY[q][i]));
    });
    this.cursor.setAttribute('visibility', 'visible');

    const rows: [string, string, string][] = [
      ['lat-q-p99', 'p99', formatDuration(p.p99Ms)],
      ['lat-q-p90', 'p90', formatDuration(p.p90Ms)],
      ['lat-q-p50', 'p50', formatDuration(p.p50Ms)],
      ['', 'req/s', formatRate(p.requestsPerSecond)],
      ['', 'errors', formatErrorRate(p.errorRate)],
    ];
    const head = el('div', 'lat-readout-time', `${formatClock(p.timeMs, true)}–${formatClock(p.timeMs + this.binSeconds * 1000, true)}`);
    const table = el('div', 'lat-readout-rows');
    for (const [cls, name, value] of rows) {
      const label = el('span', `lat-readout-label ${cls}`);
      if (cls) label.append(el('span', 'lat-swatch'));
      label.append(document.createTextNode(name));
      table.append(label, el('span', 'lat-readout-value', value));
    }
    this.readout.replaceChildren(head, table);
    this.readout.hidden = false;
    // Keep the box inside the chart: flip to the left of the cursor near the right edge.
    const w = this.readout.offsetWidth;
    const left = x + 12 + w > box.width ? x - 12 - w : x + 12;
    this.readout.style.left = `${Math.max(0, left)}px`;
    this.readout.style.top = `${model.plot.top}px`;
  }

  private hideReadout(): void {
    this.readout.hidden = true;
    this.cursor?.setAttribute('visibility', 'hidden');
  }
}
