// Fetches service and endpoint HTTP latency from Vizier: runs the http_latency script into a LatencyTable.

import { EndpointLatency, LatencyPoint, LatencySeries, LatencyTable, seriesKey, ServiceLatency, sortLatencyTable } from '../../core/latency';
import type { VizierEndpoint } from './endpoint';
import { scriptRequest } from './pxlRequest';
import { columnValues, numberColumnValues, RowBatch } from './resultTable';
import {
  ARG_NAMESPACE,
  ARG_START_TIME,
  HTTP_LATENCY_SCRIPT,
  LATENCY_BIN_SECONDS,
  startTimeForWindow,
  TABLE_ENDPOINT_LATENCY,
  TABLE_ENDPOINT_TIMESERIES,
  TABLE_SERVICE_LATENCY,
  TABLE_SERVICE_TIMESERIES,
} from './scripts';
import { VizierClient } from './vizierClient';
import { VizierError } from './vizierError';

export interface FetchLatencyOptions {
  windowSeconds: number;
  /** Exact namespace; empty or missing: all. */
  namespace?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  client?: VizierClient;
}

const NS_PER_MS = 1e6;

/** Rejects with VizierError (kind `empty` when no service answered an HTTP request in the window). */
export async function fetchLatency(endpoint: VizierEndpoint, opts: FetchLatencyOptions): Promise<LatencyTable> {
  const client = opts.client ?? new VizierClient(endpoint);
  const namespace = opts.namespace ?? '';
  const services: ServiceLatency[] = [];
  const endpoints: EndpointLatency[] = [];
  const series = new Map<string, LatencySeries>();
  const inScope = (service: string) => !namespace || service.slice(0, service.indexOf('/')) === namespace;
  try {
    await client.executeScript({
      ...scriptRequest(HTTP_LATENCY_SCRIPT, { [ARG_START_TIME]: startTimeForWindow(opts.windowSeconds), [ARG_NAMESPACE]: namespace }),
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
      onBatch(batch) {
        switch (batch.table.name) {
          case TABLE_SERVICE_LATENCY:
            for (const row of statRows(batch, opts.windowSeconds)) if (inScope(row.service)) services.push(row);
            break;
          case TABLE_ENDPOINT_LATENCY: {
            const methods = columnValues(batch, 'req_method', 'STRING');
            const paths = columnValues(batch, 'req_path', 'STRING');
            statRows(batch, opts.windowSeconds).forEach((row, i) => {
              if (inScope(row.service)) endpoints.push({ ...row, method: methods[i].toUpperCase(), path: paths[i] || '/' });
            });
            break;
          }
          case TABLE_SERVICE_TIMESERIES:
          case TABLE_ENDPOINT_TIMESERIES:
            addPoints(batch, series, inScope);
            break;
        }
      },
    });
  } finally {
    if (!opts.client) client.close();
  }
  if (services.length === 0 && endpoints.length === 0) {
    throw new VizierError(
      'empty',
      `No HTTP requests reached a service${namespace ? ` in namespace '${namespace}'` : ''} of ${endpoint.label} in the last ${startTimeForWindow(opts.windowSeconds).slice(1)}. Pixie traces HTTP/1.x and HTTP/2 on its own; send some traffic, widen the window, or check the namespace.`,
    );
  }
  return sortLatencyTable({
    windowSeconds: opts.windowSeconds,
    binSeconds: LATENCY_BIN_SECONDS,
    services,
    endpoints,
    series: [...series.values()],
    source: endpoint.label,
  });
}

/** The per-row stats of a summary or time-series table; rates are per second over `seconds`. */
function statRows(batch: RowBatch, seconds: number): ServiceLatency[] {
  const service = columnValues(batch, 'service', 'STRING');
  const p50 = numberColumnValues(batch, 'latency_p50');
  const p90 = numberColumnValues(batch, 'latency_p90');
  const p99 = numberColumnValues(batch, 'latency_p99');
  const count = numberColumnValues(batch, 'request_count');
  const errors = numberColumnValues(batch, 'error_rate');
  const rows: ServiceLatency[] = [];
  for (let i = 0; i < batch.numRows; i++) {
    rows.push({
      service: service[i],
      p50Ms: p50[i] / NS_PER_MS,
      p90Ms: p90[i] / NS_PER_MS,
      p99Ms: p99[i] / NS_PER_MS,
      requestCount: count[i],
      requestsPerSecond: seconds > 0 ? count[i] / seconds : 0,
      errorRate: Number.isFinite(errors[i]) ? errors[i] : 0,
    });
  }
  return rows;
}

function addPoints(batch: RowBatch, series: Map<string, LatencySeries>, inScope: (service: string) => boolean): void {
  const times = columnValues(batch, 'time_', 'TIME64NS');
  const perEndpoint = batch.table.name === TABLE_ENDPOINT_TIMESERIES;
  const methods = perEndpoint ? columnValues(batch, 'req_method', 'STRING') : undefined;
  const paths = perEndpoint ? columnValues(batch, 'req_path', 'STRING') : undefined;
  statRows(batch, LATENCY_BIN_SECONDS).forEach((row, i) => {
    if (!inScope(row.service)) return;
    const method = methods?.[i].toUpperCase();
    const path = paths ? paths[i] || '/' : undefined;
    const key = seriesKey(row.service, method, path);
    let s = series.get(key);
    if (!s) {
      s = perEndpoint ? { service: row.service, method, path, points: [] } : { service: row.service, points: [] };
      series.set(key, s);
    }
    const point: LatencyPoint = {
      timeMs: Number(times[i] / 1_000_000n),
      p50Ms: row.p50Ms,
      p90Ms: row.p90Ms,
      p99Ms: row.p99Ms,
      requestsPerSecond: row.requestsPerSecond,
      errorRate: row.errorRate,
    };
    s.points.push(point);
  });
}
