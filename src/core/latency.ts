// The service latency model: per service and per endpoint p50/p90/p99, throughput and error rate, with time series.

export interface LatencyStats {
  /** Latency quantiles over the window, in milliseconds. */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Requests in the window divided by its length. */
  requestsPerSecond: number;
  /** Fraction (0..1) of responses with HTTP status >= 400 (Pixie's definition of an error). */
  errorRate: number;
  requestCount: number;
}

export interface ServiceLatency extends LatencyStats {
  /** `namespace/service`, as Pixie names services. */
  service: string;
}

export interface EndpointLatency extends LatencyStats {
  service: string;
  /** HTTP method, upper case. */
  method: string;
  /** Path without query string; numeric segments read `<id>`. */
  path: string;
}

/** One time bin of a series. */
export interface LatencyPoint {
  /** Start of the bin, ms since the epoch. */
  timeMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  errorRate: number;
}

/** Points over the window, oldest first, for one service or one endpoint (method and path set). */
export interface LatencySeries {
  service: string;
  method?: string;
  path?: string;
  points: LatencyPoint[];
}

export interface LatencyTable {
  windowSeconds: number;
  /** Width of a time-series bin. */
  binSeconds: number;
  /** Sorted by service name. */
  services: ServiceLatency[];
  /** Sorted by service, then path, then method. */
  endpoints: EndpointLatency[];
  series: LatencySeries[];
  /** Where the data came from (cluster label, sampler). */
  source?: string;
}

export function seriesKey(service: string, method?: string, path?: string): string {
  return method === undefined && path === undefined ? service : `${service}\u0000${method ?? ''}\u0000${path ?? ''}`;
}

/** The series of a service (no method/path) or of one of its endpoints. */
export function findSeries(table: LatencyTable, service: string, method?: string, path?: string): LatencySeries | undefined {
  const key = seriesKey(service, method, path);
  return table.series.find((s) => seriesKey(s.service, s.method, s.path) === key);
}

/** Endpoints with this method and path, in any service (a route file does not know its service name). */
export function findEndpoints(table: LatencyTable, method: string, path: string): EndpointLatency[] {
  const m = method.toUpperCase();
  return table.endpoints.filter((e) => e.method === m && e.path === path);
}

export function endpointsOfService(table: LatencyTable, service: string): EndpointLatency[] {
  return table.endpoints.filter((e) => e.service === service);
}

export function sortLatencyTable(table: LatencyTable): LatencyTable {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    ...table,
    services: [...table.services].sort((a, b) => byName(a.service, b.service)),
    endpoints: [...table.endpoints].sort((a, b) => byName(a.service, b.service) || byName(a.path, b.path) || byName(a.method, b.method)),
    series: table.series.map((s) => ({ ...s, points: [...s.points].sort((a, b) => a.timeMs - b.timeMs) })),
  };
}

/** One endpoint as a flat record (the CLI's JSON lines, exports): snake_case, ms and per-second units. */
export interface EndpointLatencyRecord {
  service: string;
  method: string;
  path: string;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  requests_per_s: number;
  error_rate: number;
}

export function endpointRecords(table: LatencyTable): EndpointLatencyRecord[] {
  const round = (n: number, digits: number) => Number(n.toFixed(digits));
  return table.endpoints.map((e) => ({
    service: e.service,
    method: e.method,
    path: e.path,
    p50_ms: round(e.p50Ms, 3),
    p90_ms: round(e.p90Ms, 3),
    p99_ms: round(e.p99Ms, 3),
    requests_per_s: round(e.requestsPerSecond, 4),
    error_rate: round(e.errorRate, 4),
  }));
}
