// What the latency view remembers across hide/show and reloads (sort, selected row, collapsed services), read defensively.

import type { LatencyTable } from '../../src/core/latency';
import { DEFAULT_SORT, LatencyRow, ServiceRow, SORT_COLUMNS, SortColumn, SortOrder, visibleRows } from './latencyRows';

export interface RowSelection {
  service: string;
  /** Set together with `path` for an endpoint. */
  method?: string;
  path?: string;
}

export interface LatencyViewState {
  sort: SortOrder;
  selected?: RowSelection;
  /** Services whose endpoints are hidden. */
  collapsed: string[];
}

export function defaultViewState(): LatencyViewState {
  return { sort: { ...DEFAULT_SORT }, collapsed: [] };
}

/** State saved by an older or newer build may be anything: keep what is valid, default the rest. */
export function parseViewState(raw: unknown): LatencyViewState {
  const state = defaultViewState();
  if (!raw || typeof raw !== 'object') return state;
  const r = raw as Record<string, unknown>;
  const sort = r.sort as Record<string, unknown> | undefined;
  if (sort && typeof sort === 'object' && SORT_COLUMNS.includes(sort.column as SortColumn) && typeof sort.descending === 'boolean') {
    state.sort = { column: sort.column as SortColumn, descending: sort.descending };
  }
  const sel = r.selected as Record<string, unknown> | undefined;
  if (sel && typeof sel === 'object' && typeof sel.service === 'string') {
    state.selected =
      typeof sel.method === 'string' && typeof sel.path === 'string'
        ? { service: sel.service, method: sel.method, path: sel.path }
        : { service: sel.service };
  }
  if (Array.isArray(r.collapsed)) state.collapsed = r.collapsed.filter((s): s is string => typeof s === 'string');
  return state;
}

export function selectionOf(row: LatencyRow): RowSelection {
  return row.kind === 'endpoint' ? { service: row.service, method: row.method, path: row.path } : { service: row.service };
}

export function sameSelection(a: RowSelection | undefined, b: RowSelection | undefined): boolean {
  return !!a && !!b && a.service === b.service && a.method === b.method && a.path === b.path;
}

/**
 * The row to select in a (new) table: the saved one if it is still there (its service is expanded if needed),
 * else the first row shown. Returns undefined for a table without rows.
 */
export function resolveSelection(rows: readonly ServiceRow[], state: LatencyViewState): { row: LatencyRow; collapsed: string[] } | undefined {
  const wanted = state.selected;
  for (const s of rows) {
    if (wanted && s.service === wanted.service) {
      if (wanted.method === undefined) return { row: s, collapsed: state.collapsed };
      const e = s.endpoints.find((x) => x.method === wanted.method && x.path === wanted.path);
      if (e) return { row: e, collapsed: state.collapsed.filter((c) => c !== s.service) };
      // The endpoint got no traffic this time: its service is the nearest thing to what the user was looking at.
      return { row: s, collapsed: state.collapsed };
    }
  }
  const first = visibleRows(rows, new Set(state.collapsed))[0];
  return first ? { row: first, collapsed: state.collapsed } : undefined;
}

/** Drops collapsed services no longer in the table, so the saved state does not grow forever. */
export function pruneCollapsed(table: LatencyTable, collapsed: readonly string[]): string[] {
  const names = new Set([...table.services.map((s) => s.service), ...table.endpoints.map((e) => e.service)]);
  return collapsed.filter((c) => names.has(c));
}
