// Realistic rows of Flamelens' HTTP latency tables: the workshop's services, their endpoints and 10 s time series.

export interface LatencyStatsRow {
  latency_p50: number;
  latency_p90: number;
  latency_p99: number;
  request_count: number;
  error_rate: number;
}

export interface EndpointRow extends LatencyStatsRow {
  service: string;
  req_method: string;
  req_path: string;
}

export interface ServiceRow extends LatencyStatsRow {
  service: string;
}

export interface TimeseriesRow extends LatencyStatsRow {
  time_: bigint;
  service: string;
  req_method?: string;
  req_path?: string;
}

export interface LatencyFixture {
  services: ServiceRow[];
  endpoints: EndpointRow[];
  serviceSeries: TimeseriesRow[];
  endpointSeries: TimeseriesRow[];
}

const MS = 1_000_000;

/** Endpoints with latencies in ms; `GET /admin` is the workshop's slow page. */
const ENDPOINTS: { service: string; method: string; path: string; p50: number; p90: number; p99: number; perMin: number; errors: number }[] = [
  { service: 'default/admin', method: 'GET', path: '/admin', p50: 1840, p90: 2710, p99: 3420, perMin: 24, errors: 0 },
  { service: 'default/admin', method: 'POST', path: '/admin/hats/<id>/approve', p50: 12, p90: 21, p99: 48, perMin: 6, errors: 0 },
  { service: 'default/frontend', method: 'GET', path: '/', p50: 8, p90: 15, p99: 31, perMin: 600, errors: 0.002 },
  { service: 'default/frontend', method: 'POST', path: '/upload', p50: 95, p90: 180, p99: 420, perMin: 30, errors: 0.03 },
  { service: 'default/manipulate', method: 'POST', path: '/manipulate', p50: 61, p90: 88, p99: 140, perMin: 240, errors: 0.01 },
  { service: 'uploads/upload', method: 'PUT', path: '/hats/<id>', p50: 40, p90: 77, p99: 160, perMin: 30, errors: 0.0 },
];

/**
 * Tables over `windowSeconds` ending at `endNs`, for services whose namespace contains
 * `namespace` (px.contains semantics). Service rows are request-weighted blends.
 */
export function latencyFixture(windowSeconds: number, namespace = '', endNs = 1_767_225_600_000_000_000n): LatencyFixture {
  const chosen = ENDPOINTS.filter((e) => e.service.split('/')[0].includes(namespace));
  const endpoints: EndpointRow[] = chosen.map((e) => ({
    service: e.service,
    req_method: e.method,
    req_path: e.path,
    latency_p50: e.p50 * MS,
    latency_p90: e.p90 * MS,
    latency_p99: e.p99 * MS,
    request_count: Math.round((e.perMin * windowSeconds) / 60),
    error_rate: e.errors,
  }));
  const byService = new Map<string, EndpointRow[]>();
  for (const e of endpoints) byService.set(e.service, [...(byService.get(e.service) ?? []), e]);
  const services: ServiceRow[] = [...byService].map(([service, rows]) => {
    const total = rows.reduce((s, r) => s + r.request_count, 0);
    const blend = (f: (r: EndpointRow) => number) => Math.round(rows.reduce((s, r) => s + f(r) * r.request_count, 0) / Math.max(1, total));
    return {
      service,
      latency_p50: blend((r) => r.latency_p50),
      latency_p90: blend((r) => r.latency_p90),
      latency_p99: Math.max(...rows.map((r) => r.latency_p99)),
      request_count: total,
      error_rate: rows.reduce((s, r) => s + r.error_rate * r.request_count, 0) / Math.max(1, total),
    };
  });
  const bins = Math.max(1, Math.floor(windowSeconds / 10));
  const binNs = 10_000_000_000n;
  const start = endNs - BigInt(bins) * binNs;
  const serviceSeries: TimeseriesRow[] = [];
  const endpointSeries: TimeseriesRow[] = [];
  for (let b = 0; b < bins; b++) {
    const time_ = start + BigInt(b) * binNs;
    // The admin page gets slower as pending hats pile up over the window.
    const wave = 0.8 + 0.4 * (b / Math.max(1, bins - 1));
    for (const s of services) {
      serviceSeries.push({ ...s, time_, latency_p50: Math.round(s.latency_p50 * wave), latency_p90: Math.round(s.latency_p90 * wave), latency_p99: Math.round(s.latency_p99 * wave), request_count: Math.max(1, Math.round(s.request_count / bins)) });
    }
    for (const e of endpoints) {
      endpointSeries.push({ ...e, time_, latency_p50: Math.round(e.latency_p50 * wave), latency_p90: Math.round(e.latency_p90 * wave), latency_p99: Math.round(e.latency_p99 * wave), request_count: Math.max(1, Math.round(e.request_count / bins)) });
    }
  }
  return { services, endpoints, serviceSeries, endpointSeries };
}
