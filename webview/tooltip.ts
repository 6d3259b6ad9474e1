// The frame tooltip: our own element (text only), following the pointer and kept inside the window.

import type { FlameHierarchyNode, FlameTooltip } from 'd3-flame-graph';
import type { FlameNode } from '../src/core/flameTree';
import { el } from './dom';
import type { FrameDetails } from './frameDetails';

const OFFSET = 14;

export class FrameTooltip {
  private readonly root = el('div', 'flame-tooltip');
  private visible = false;

  constructor(
    private readonly describe: (node: FlameNode) => FrameDetails,
    private readonly swatch: (node: FlameNode) => string,
    private readonly hint: (node: FlameNode) => string,
  ) {
    this.root.setAttribute('role', 'tooltip');
    this.root.hidden = true;
    document.body.appendChild(this.root);
    document.addEventListener('mousemove', (e) => this.visible && this.place(e.clientX, e.clientY));
  }

  /** The object d3-flame-graph calls on hover. */
  forChart(): FlameTooltip<FlameNode> {
    const tip = (() => undefined) as unknown as FlameTooltip<FlameNode>;
    tip.show = (event: MouseEvent, d: FlameHierarchyNode<FlameNode>) => this.show(d.data, event.clientX, event.clientY);
    tip.hide = () => this.hide();
    return tip;
  }

  show(node: FlameNode, x: number, y: number): void {
    const details = this.describe(node);
    const name = el('div', 'flame-tooltip-name', details.name);
    const kind = el('div', 'flame-tooltip-kind');
    const dot = el('span', 'flame-tooltip-swatch');
    dot.style.backgroundColor = this.swatch(node);
    kind.append(dot, document.createTextNode(details.kind));
    const rows = el('dl', 'flame-tooltip-rows');
    for (const [label, value] of details.rows) rows.append(el('dt', undefined, label), el('dd', undefined, value));
    this.root.replaceChildren(name, kind, rows, el('div', 'flame-tooltip-hint', this.hint(node)));
    this.root.hidden = false;
    this.visible = true;
    this.place(x, y);
  }

  hide(): void {
    this.visible = false;
    this.root.hidden = true;
  }

  private place(x: number, y: number): void {
    const { offsetWidth: w, offsetHeight: h } = this.root;
    let left = x + OFFSET;
    let top = y + OFFSET;
    if (left + w > window.innerWidth - 4) left = Math.max(4, x - OFFSET - w);
    if (top + h > window.innerHeight - 4) top = Math.max(4, y - OFFSET - h);
    this.root.style.left = `${left}px`;
    this.root.style.top = `${top}px`;
  }
}
