// Type declarations for the part of d3-flame-graph 5 (ES build) that the flamegraph view uses; the package ships none.

declare module 'd3-flame-graph' {
  /** A d3-hierarchy node as d3-flame-graph lays it out (partition coordinates in [0, 1]). */
  export interface FlameHierarchyNode<Datum> {
    data: Datum & { fade?: boolean; hide?: boolean };
    /** Value as currently drawn: 0 for frames hidden by a zoom. */
    value: number;
    /** The root's value before any zoom. */
    originalValue?: number;
    depth: number;
    height: number;
    x0: number;
    x1: number;
    y0: number;
    y1: number;
    id: number;
    parent: FlameHierarchyNode<Datum> | null;
    children?: FlameHierarchyNode<Datum>[];
    /** Set by search() on frames that match the term. */
    highlight?: boolean;
    ancestors(): FlameHierarchyNode<Datum>[];
    descendants(): FlameHierarchyNode<Datum>[];
  }

  /** What chart.tooltip() accepts: called once with the svg selection, then show/hide per frame. */
  export interface FlameTooltip<Datum> {
    (svg: unknown): void;
    show(event: MouseEvent, d: FlameHierarchyNode<Datum>): unknown;
    hide(): unknown;
    destroy?(): void;
  }

  /** A d3 selection of the element the chart draws into, with the data bound to it. */
  export interface FlameSelection {
    datum(value: unknown): FlameSelection;
  }

  export interface FlameGraph<Datum> {
    (selection: FlameSelection): void;
    width(): number;
    width(w: number): FlameGraph<Datum>;
    height(): number | null;
    height(h: number | null): FlameGraph<Datum>;
    minHeight(h: number): FlameGraph<Datum>;
    cellHeight(h: number): FlameGraph<Datum>;
    transitionDuration(): number;
    transitionDuration(ms: number): FlameGraph<Datum>;
    sort(sort: boolean | ((a: FlameHierarchyNode<Datum>, b: FlameHierarchyNode<Datum>) => number)): FlameGraph<Datum>;
    inverted(): boolean;
    inverted(inverted: boolean): FlameGraph<Datum>;
    minFrameSize(px: number): FlameGraph<Datum>;
    selfValue(self: boolean): FlameGraph<Datum>;
    title(title: string): FlameGraph<Datum>;
    tooltip(tooltip: FlameTooltip<Datum>): FlameGraph<Datum>;
    setLabelHandler(label: (d: FlameHierarchyNode<Datum>) => string): FlameGraph<Datum>;
    /** The mapper gets the node and the colour d3-flame-graph would have used. */
    setColorMapper(mapper: (d: FlameHierarchyNode<Datum>, originalColor: string) => string): FlameGraph<Datum>;
    setSearchMatch(match: (d: FlameHierarchyNode<Datum>, term: string, ignoreCase?: boolean) => boolean): FlameGraph<Datum>;
    setSearchHandler(
      handler: (results: FlameHierarchyNode<Datum>[], sum: number, totalValue: number) => void,
    ): FlameGraph<Datum>;
    setDetailsHandler(handler: (label: string | null) => void): FlameGraph<Datum>;
    /** Called after every zoom (click, zoomTo, resetZoom) with the node zoomed to. */
    onClick(handler: (d: FlameHierarchyNode<Datum>) => void): FlameGraph<Datum>;
    onHover(handler: (d: FlameHierarchyNode<Datum>) => void): FlameGraph<Datum>;
    search(term: string): void;
    clear(): void;
    zoomTo(d: FlameHierarchyNode<Datum>): void;
    resetZoom(): void;
    update(data?: Datum): FlameGraph<Datum>;
    destroy(): FlameGraph<Datum>;
  }

  export default function flamegraph<Datum = unknown>(): FlameGraph<Datum>;
}
