// The table's rows: services with their endpoints beneath, each level sorted by the chosen column.

import type { EndpointLatency, LatencyStats, LatencyTable } from '../../src/core/latency';
import { seriesKey } from '../../src/core/latency';

export const SORT_COLUMNS = ['name', 'p50', 'p90', 'p99', 'rps', 'errors'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface SortOrder {
  column: SortColumn;
  descending: boolean;
}

/** p99 descending: the endpoint users wait on most comes first. */
export const DEFAULT_SORT: SortOrder = { column: 'p99', descending: true };

export interface EndpointRow {
  kind: 'endpoint';
  key: string;
  service: string;
  method: string;
  path: string;
  stats: LatencyStats;
}

export interface ServiceRow {
  kind: 'service';
  key: string;
  service: string;
  /** Missing when the source reported endpoints of a service but no service total. */
  stats?: LatencyStats;
  endpoints: EndpointRow[];
}

export type LatencyRow = ServiceRow | EndpointRow;

export function buildServiceRows(table: LatencyTable, sort: SortOrder = DEFAULT_SORT): ServiceRow[] {
  const byService = new Map<string, ServiceRow>();
  for (const s of table.services) {
    byService.set(s.service, { kind: 'service', key: seriesKey(s.service), service: s.service, stats: s, endpoints: [] });
  }
  for (const e of table.endpoints) {
    let row = byService.get(e.service);
    if (!row) {
      row = { kind: 'service', key: seriesKey(e.service), service: e.service, endpoints: [] };
      byService.set(e.service, row);
    }
    row.endpoints.push(endpointRow(e));
  }
  const rows = [...byService.values()];
  for (const r of rows) r.endpoints.sort((a, b) => compareRows(a, b, sort));
  return rows.sort((a, b) => compareRows(a, b, sort));
}

function endpointRow(e: EndpointLatency): EndpointRow {
  return { kind: 'endpoint', key: seriesKey(e.service, e.method, e.path), service: e.service, method: e.method, path: e.path, stats: e };
}

/** Clicking the sorted column flips it; another column starts with its most useful direction (names A-Z, numbers largest first). */
export function nextSort(current: SortOrder, column: SortColumn): SortOrder {
  if (current.column === column) return { column, descending: !current.descending };
  return { column, descending: column !== 'name' };
}

/** Rows as shown, top to bottom: each service followed by its endpoints unless collapsed. */
export function visibleRows(rows: readonly ServiceRow[], collapsed: ReadonlySet<string>): LatencyRow[] {
  const out: LatencyRow[] = [];
  for (const s of rows) {
    out.push(s);
    if (!collapsed.has(s.service)) out.push(...s.endpoints);
  }
  return out;
}

/** The largest p99 among services and endpoints: the length of a full bar. */
export function maxP99(rows: readonly ServiceRow[]): number {
  let max = 0;
  for (const s of rows) {
    max = Math.max(max, s.stats?.p99Ms ?? 0);
    for (const e of s.endpoints) max = Math.max(max, e.stats.p99Ms);
  }
  return max;
}

/** `GET /admin`, or the service name. */
export function rowLabel(row: LatencyRow): string {
  return row.kind === 'endpoint' ? `${row.method} ${row.path}` : row.service;
}

function compareRows(a: LatencyRow, b: LatencyRow, sort: SortOrder): number {
  if (sort.column === 'name') {
    const byName = compareText(nameOf(a), nameOf(b)) || compareText(methodOf(a), methodOf(b));
    return sort.descending ? -byName : byName;
  }
  const va = metric(a.stats, sort.column);
  const vb = metric(b.stats, sort.column);
  // Rows without a value sit at the bottom whichever way the column is sorted.
  if (va === undefined || vb === undefined) return (va === undefined ? 1 : 0) - (vb === undefined ? 1 : 0) || compareText(nameOf(a), nameOf(b));
  const byValue = sort.descending ? vb - va : va - vb;
  return byValue || compareText(nameOf(a), nameOf(b)) || compareText(methodOf(a), methodOf(b));
}

function metric(stats: LatencyStats | undefined, column: Exclude<SortColumn, 'name'>): number | undefined {
  if (!stats) return undefined;
  const v = { p50: stats.p50Ms, p90: stats.p90Ms, p99: stats.p99Ms, rps: stats.requestsPerSecond, errors: stats.errorRate }[column];
  return Number.isFinite(v) ? v : undefined;
}

function nameOf(row: LatencyRow): string {
  return row.kind === 'endpoint' ? row.path : row.service;
}

function methodOf(row: LatencyRow): string {
  return row.kind === 'endpoint' ? row.method : '';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
