// The words of the lenses and hovers: `GET /admin · p50 1.2 s · p99 2.4 s · 3.1 req/s · 0% errors`, `34% CPU (self 2%) · admin-service`.

import type { EndpointLatency } from '../../core/latency';
import { formatMs } from '../../core/latencyChart';
import type { ServiceFunctionCost } from '../../core/serviceCosts';

export function percent(share: number): string {
  const p = share * 100;
  if (p > 0 && p < 1) return '<1%';
  return `${Math.round(p)}%`;
}

export function rate(rps: number): string {
  return rps >= 10 ? `${Math.round(rps)} req/s` : `${rps.toFixed(1)} req/s`;
}

export function routeLensText(method: string, path: string, e: EndpointLatency | undefined, windowText: string): string {
  if (!e) return `${method} ${path} · no requests in the last ${windowText}`;
  return `${e.method} ${path} · p50 ${formatMs(e.p50Ms)} · p99 ${formatMs(e.p99Ms)} · ${rate(e.requestsPerSecond)} · ${percent(e.errorRate)} errors`;
}

export function cpuLensText(cost: ServiceFunctionCost): string {
  return `${percent(cost.totalShare)} CPU (self ${percent(cost.selfShare)}) · ${cost.service}`;
}
