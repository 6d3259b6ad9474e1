// What the load generator saw: latency and status per (method, path), with quantiles to compare against the sampler's.

export interface EndpointStats {
  method: string;
  /** Path with ids as `<id>`, as Flamelens' latency script groups them. */
  path: string;
  count: number;
  errors: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
}

export class LoadRecorder {
  private readonly samples = new Map<string, { method: string; path: string; latenciesMs: number[]; errors: number }>();

  record(method: string, path: string, latencyMs: number, status: number): void {
    const key = `${method} ${path}`;
    let entry = this.samples.get(key);
    if (!entry) {
      entry = { method, path, latenciesMs: [], errors: 0 };
      this.samples.set(key, entry);
    }
    entry.latenciesMs.push(latencyMs);
    if (status === 0 || status >= 400) entry.errors++;
  }

  stats(): EndpointStats[] {
    return [...this.samples.values()].map(({ method, path, latenciesMs, errors }) => {
      const sorted = [...latenciesMs].sort((a, b) => a - b);
      return { method, path, count: sorted.length, errors, p50Ms: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9), p99Ms: quantile(sorted, 0.99) };
    });
  }

  find(method: string, path: string): EndpointStats | undefined {
    return this.stats().find((s) => s.method === method && s.path === path);
  }

  format(): string {
    return this.stats()
      .sort((a, b) => b.p50Ms - a.p50Ms)
      .map((s) => `${`${s.method} ${s.path}`.padEnd(28)} n=${String(s.count).padStart(5)} p50=${s.p50Ms.toFixed(1)}ms p90=${s.p90Ms.toFixed(1)}ms p99=${s.p99Ms.toFixed(1)}ms errors=${s.errors}`)
      .join('\n');
  }
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
