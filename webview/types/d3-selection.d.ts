// Type declarations for the d3-selection calls the flamegraph view makes (the package ships none).

declare module 'd3-selection' {
  import type { FlameSelection } from 'd3-flame-graph';

  export interface ElementSelection {
    /** Added to every selection by d3-transition, which d3-flame-graph imports: cancels running transitions. */
    interrupt(): ElementSelection;
    each(callback: (this: Element) => void): ElementSelection;
  }

  export function select(element: Element): FlameSelection & { selectAll(selector: string): ElementSelection };
}
