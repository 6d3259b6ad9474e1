// The flamegraph itself: d3-flame-graph drawn into a container, with our colours, search, zoom by path and modifier-clicks.

import flamegraph, { FlameGraph, FlameHierarchyNode } from 'd3-flame-graph';
import { select } from 'd3-selection';
import type { FlameNode } from '../src/core/flameTree';
import { frameFill, ThemeKind } from './framePalette';
import type { FrameMatcher } from './search';
import type { FrameTooltip } from './tooltip';
import { findByPath, markZoom, zoomPathOf } from './zoomPath';

export type Frame = FlameHierarchyNode<FlameNode>;

export interface FlameChartHooks {
  /** After every zoom, including reset (the root). */
  zoomed(frame: Frame): void;
  /** Ctrl/Cmd+click. */
  openFrame(frame: Frame): void;
  contextMenu(frame: Frame, x: number, y: number): void;
}

export interface DrawOptions {
  inverted: boolean;
  match: FrameMatcher | undefined;
  zoomPath: readonly string[];
  theme: ThemeKind;
}

const CELL_HEIGHT = 18;
/**
 * Frames narrower than this are not drawn (d3-flame-graph's advice for big trees); zooming
 * in makes them wide enough. The host has already pruned what no zoom level would show.
 */
const MIN_FRAME_PX = 1.5;
/** Zoom animations only where they stay smooth. */
const ANIMATE_UP_TO_FRAMES = 2500;
const ANIMATION_MS = 300;

export class FlameChart {
  private chart: FlameGraph<FlameNode> | undefined;
  private match: FrameMatcher | undefined;
  private theme: ThemeKind = 'light';
  private focused: FlameNode | undefined;
  private width = 0;
  private fills = new Map<string, string>();

  constructor(
    private readonly container: HTMLElement,
    private readonly tooltip: FrameTooltip,
    private readonly hooks: FlameChartHooks,
  ) {
    // d3-flame-graph zooms on every click and gives its handler no event, so modifier-clicks are caught first.
    container.addEventListener(
      'click',
      (e) => {
        if (!(e.ctrlKey || e.metaKey)) return;
        const frame = frameAt(e.target);
        if (!frame) return;
        e.stopPropagation();
        e.preventDefault();
        hooks.openFrame(frame);
      },
      true,
    );
    container.addEventListener('contextmenu', (e) => {
      const frame = frameAt(e.target);
      if (!frame) return;
      e.preventDefault();
      this.tooltip.hide();
      hooks.contextMenu(frame, e.clientX, e.clientY);
    });
    new ResizeObserver(() => this.onResize()).observe(container);
  }

  get hasGraph(): boolean {
    return this.chart !== undefined;
  }

  /** Draws a new tree, already zoomed to as much of `zoomPath` as it has; returns the path it used. */
  draw(tree: FlameNode, options: DrawOptions): string[] {
    this.clear();
    this.match = options.match;
    this.theme = options.theme;
    this.fills.clear();
    const zoom = findByPath(tree, options.zoomPath);
    if (zoom.matched > 0) markZoom(zoom);

    this.width = this.availableWidth();
    const chart = flamegraph<FlameNode>()
      .width(this.width)
      .cellHeight(CELL_HEIGHT)
      .minFrameSize(MIN_FRAME_PX)
      .transitionDuration(0)
      .sort(false)
      .inverted(options.inverted)
      .title('')
      .tooltip(this.tooltip.forChart())
      .setColorMapper((d) => this.fill(d))
      .onClick((d) => {
        if (chart.transitionDuration() === 0) this.finishEnterAnimation();
        this.hooks.zoomed(d);
      });
    chart(select(this.container).datum(tree));
    this.chart = chart;
    this.finishEnterAnimation();
    chart.transitionDuration(this.container.querySelectorAll('g.frame').length <= ANIMATE_UP_TO_FRAMES ? ANIMATION_MS : 0);
    this.scrollToRoot();
    return options.zoomPath.slice(0, zoom.matched);
  }

  clear(): void {
    this.tooltip.hide();
    this.chart?.destroy();
    this.chart = undefined;
    this.focused = undefined;
    this.container.replaceChildren();
  }

  setMatch(match: FrameMatcher | undefined): void {
    this.match = match;
    this.chart?.update();
  }

  setTheme(theme: ThemeKind): void {
    if (theme === this.theme) return;
    this.theme = theme;
    this.fills.clear();
    this.chart?.update();
  }

  setInverted(inverted: boolean): void {
    if (!this.chart) return;
    this.withoutAnimation(() => this.chart!.inverted(inverted).update());
    this.scrollToRoot();
  }

  /** Zooms to the frame at `path` (as far as it exists); fires `zoomed`. */
  zoomToPath(path: readonly string[]): Frame | undefined {
    const root = this.root();
    if (!root || !this.chart) return undefined;
    let frame = root;
    for (const name of path) {
      const next = frame.children?.find((c) => c.data.name === name);
      if (!next) break;
      frame = next;
    }
    this.chart.zoomTo(frame);
    return frame;
  }

  resetZoom(): void {
    this.chart?.resetZoom();
  }

  /** Draws one frame in the highlight colour (the function a CodeLens pointed at). */
  setFocused(node: FlameNode | undefined): void {
    if (this.focused === node) return;
    this.focused = node;
    this.chart?.update();
  }

  /** Brings a frame's row into view (deep frames can be far from the root in a tall graph). */
  reveal(frame: Frame): void {
    const svg = this.container.querySelector('svg');
    if (!svg || !this.chart) return;
    const height = svg.height.baseVal.value;
    const y = this.chart.inverted() ? frame.depth * CELL_HEIGHT : height - (frame.depth + 1) * CELL_HEIGHT;
    const view = this.container.clientHeight;
    if (y < this.container.scrollTop || y + CELL_HEIGHT > this.container.scrollTop + view) {
      this.container.scrollTop = Math.max(0, y - view / 2);
    }
  }

  drawnFrames(): number {
    return this.container.querySelectorAll('g.frame').length;
  }

  static zoomPathOf(frame: Frame): string[] {
    return zoomPathOf<Frame>(frame, (f) => f.parent, (f) => f.data.name);
  }

  private root(): Frame | undefined {
    return (this.container as unknown as { __data__?: Frame }).__data__;
  }

  private fill(d: Frame): string {
    const node = d.data;
    if (node === this.focused) return frameFill(node.kind, node.name, this.theme, 'focused');
    const faded = node.fade === true || (this.match !== undefined && !this.match(node.name));
    const key = `${faded ? 'f' : 'n'}${node.kind}\u0000${node.name}`;
    let color = this.fills.get(key);
    if (color === undefined) {
      color = frameFill(node.kind, node.name, this.theme, faded ? 'faded' : 'normal');
      this.fills.set(key, color);
    }
    return color;
  }

  /**
   * d3-flame-graph grows new frames from zero width over d3's default 250 ms, whatever the
   * transition duration; a first draw (often thousands of frames) should appear at once.
   */
  private finishEnterAnimation(): void {
    select(this.container)
      .selectAll('g.frame > rect')
      .interrupt()
      .each(function () {
        const width = this.parentElement?.getAttribute('width');
        if (width) this.setAttribute('width', width);
      });
  }

  private availableWidth(): number {
    const style = getComputedStyle(this.container);
    const padding = (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.paddingRight) || 0);
    return Math.max(200, Math.floor(this.container.clientWidth - padding));
  }

  private onResize(): void {
    const width = this.availableWidth();
    if (!this.chart || width === this.width) return;
    this.width = width;
    this.withoutAnimation(() => this.chart!.width(width).update());
  }

  private withoutAnimation(run: () => void): void {
    const chart = this.chart!;
    const duration = chart.transitionDuration();
    chart.transitionDuration(0);
    run();
    this.finishEnterAnimation();
    chart.transitionDuration(duration);
  }

  /** A flame graph grows upwards from its root: start scrolled to the bottom. */
  private scrollToRoot(): void {
    this.container.scrollTop = this.chart?.inverted() ? 0 : this.container.scrollHeight;
  }
}

function frameAt(target: EventTarget | null): Frame | undefined {
  const g = target instanceof Element ? target.closest('g.frame') : null;
  return (g as unknown as { __data__?: Frame } | null)?.__data__;
}
