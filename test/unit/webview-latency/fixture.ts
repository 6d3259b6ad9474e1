// The story's latency table as the view receives it: three services in namespace default, GET /admin at seconds, 30 bins of 10 s.

import type { EndpointLatency, LatencyPoint, LatencySeries, LatencyStats, LatencyTable, ServiceLatency } from '../../../src/core/latency';
import { sortLatencyTable } from '../../../src/core/latency';

export const BIN_SECONDS = 10;
export const BINS = 30;
/** 14:05:00 UTC; the last bin starts 10 s before. */
export const WINDOW_END_MS = Date.UTC(2025, 5, 12, 14, 5, 0);

type Stats = Omit<LatencyStats, 'requestCount'>;

const stats = (p50Ms: number, p90Ms: number, p99Ms: number, requestsPerSecond: number, errorRate = 0): Stats => ({ p50Ms, p90Ms, p99Ms, requestsPerSecond, errorRate });

export const SERVICES: Record<string, Stats> = {
  'default/admin-service': stats(1100, 2100, 2550, 1.8),
  'default/frontend': stats(42, 88, 160, 24.5, 0.004),
  'default/upload-service': stats(85, 240, 410, 3.2, 0.061),
};

export const ENDPOINTS: { service: string; method: string; path: string; stats: Stats; everyNthBin?: number }[] = [
  { service: 'default/admin-service', method: 'GET', path: '/admin', stats: stats(1400, 2250, 2600, 1.2) },
  // Rarely called: a request every third bin, so its series has gaps.
  { service: 'default/admin-service', method: 'POST', path: '/admin/hats', stats: stats(180, 340, 520, 0.1, 0.02), everyNthBin: 3 },
  { service: 'default/admin-service', method: 'GET', path: '/admin/hats/<id>', stats: stats(35, 60, 95, 0.5) },
  { service: 'default/frontend', method: 'GET', path: '/', stats: stats(38, 80, 140, 12) },
  { service: 'default/frontend', method: 'GET', path: '/hats', stats: stats(55, 110, 210, 8.5, 0.01) },
  { service: 'default/frontend', method: 'GET', path: '/static/<id>', stats: stats(2.1, 4.8, 9.5, 4) },
  { service: 'default/upload-service', method: 'POST', path: '/upload', stats: stats(310, 520, 780, 0.4, 0.12) },
  { service: 'default/upload-service', method: 'POST', path: '/manipulate', stats: stats(75, 190, 330, 2.8, 0.05) },
];

export const HOSTILE_SERVICE = 'default/<img src=x onerror=alert(1)>';
export const HOSTILE_PATH = '/<script>alert(2)</script>';

/** Deterministic jitter, so screenshots and tests see the same numbers every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function series(service: string, base: Stats, seed: number, method?: string, path?: string, everyNthBin = 1): LatencySeries {
  const next = random(seed);
  const points: LatencyPoint[] = [];
  const first = WINDOW_END_MS - BINS * BIN_SECONDS * 1000;
  for (let i = 0; i < BINS; i++) {
    if (i % everyNthBin !== 0) continue;
    // A burst two thirds of the way through, as when a page with many hats is opened.
    const burst = i >= 18 && i <= 21 ? 1.35 : 1;
    const j = () => (0.85 + next() * 0.3) * burst;
    const p50Ms = base.p50Ms * j();
    const p90Ms = Math.max(p50Ms, base.p90Ms * j());
    const p99Ms = Math.max(p90Ms, base.p99Ms * j());
    points.push({ timeMs: first + i * BIN_SECONDS * 1000, p50Ms, p90Ms, p99Ms, requestsPerSecond: base.requestsPerSecond * j(), errorRate: base.errorRate });
  }
  return { service, ...(method ? { method, path } : {}), points };
}

function withCount<T extends Stats>(s: T): T & { requestCount: number } {
  return { ...s, requestCount: Math.round(s.requestsPerSecond * BINS * BIN_SECONDS) };
}

export function storyTable(extra: { hostile?: boolean } = {}): LatencyTable {
  const services: ServiceLatency[] = Object.entries(SERVICES).map(([service, s]) => ({ service, ...withCount(s) }));
  const endpoints: EndpointLatency[] = ENDPOINTS.map((e) => ({ service: e.service, method: e.method, path: e.path, ...withCount(e.stats) }));
  const all: LatencySeries[] = [
    ...Object.entries(SERVICES).map(([service, s], i) => series(service, s, 100 + i)),
    ...ENDPOINTS.map((e, i) => series(e.service, e.stats, 200 + i, e.method, e.path, e.everyNthBin)),
  ];
  if (extra.hostile) {
    const s = stats(12, 30, 45, 0.7, 0.3);
    services.push({ service: HOSTILE_SERVICE, ...withCount(s) });
    endpoints.push({ service: HOSTILE_SERVICE, method: 'GET', path: HOSTILE_PATH, ...withCount(s) });
    all.push(series(HOSTILE_SERVICE, s, 300), series(HOSTILE_SERVICE, s, 301, 'GET', HOSTILE_PATH));
  }
  return sortLatencyTable({ windowSeconds: BINS * BIN_SECONDS, binSeconds: BIN_SECONDS, services, endpoints, series: all, source: 'pixie · kind-flamelens' });
}
