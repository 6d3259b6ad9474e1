// Fetches a CPU profile from Vizier: runs the stack_traces script and aggregates its rows as they stream in.

import { ProfileFormatError } from '../../core/formats/formatError';
import { PixieRowAggregator } from '../../core/formats/pixieRows';
import type { Profile } from '../../core/profile';
import type { VizierEndpoint } from './endpoint';
import { scriptRequest } from './pxlRequest';
import { columnValues } from './resultTable';
import { ARG_NAMESPACE, ARG_POD, ARG_START_TIME, STACK_TRACES_SCRIPT, startTimeForWindow, TABLE_STACK_TRACES } from './scripts';
import { VizierClient } from './vizierClient';
import { VizierError } from './vizierError';

export interface FetchProgress {
  rows: number;
  batches: number;
  uniqueStacks: number;
  totalSamples: number;
}

export interface FetchProfileOptions {
  windowSeconds: number;
  /** Exact namespace; empty or missing: all. */
  namespace?: string;
  /** Pod name or part of it (matched as a substring, as Pixie's own flamegraph does). */
  pod?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** After each batch. */
  onProgress?(progress: FetchProgress): void;
  /** A client to reuse; otherwise one is made for the call and closed after it. */
  client?: VizierClient;
}

/**
 * The profile of the window: one record per unique (pod, container, process, stack), so
 * memory grows with unique stacks whatever the number of rows. Rejects with VizierError
 * (kind `empty` when the window has no samples).
 */
export async function fetchProfile(endpoint: VizierEndpoint, opts: FetchProfileOptions): Promise<Profile> {
  const client = opts.client ?? new VizierClient(endpoint);
  const namespace = opts.namespace ?? '';
  const aggregator = new PixieRowAggregator();
  let batches = 0;
  let rows = 0;
  try {
    await client.executeScript({
      ...scriptRequest(STACK_TRACES_SCRIPT, {
        [ARG_START_TIME]: startTimeForWindow(opts.windowSeconds),
        [ARG_NAMESPACE]: namespace,
        [ARG_POD]: opts.pod ?? '',
      }),
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
      onBatch(batch) {
        if (batch.table.name !== TABLE_STACK_TRACES) return;
        const stacks = columnValues(batch, 'stack_trace', 'STRING');
        const counts = columnValues(batch, 'count', 'INT64');
        const nodes = columnValues(batch, 'node', 'STRING');
        const namespaces = columnValues(batch, 'namespace', 'STRING');
        const pods = columnValues(batch, 'pod', 'STRING');
        const containers = columnValues(batch, 'container', 'STRING');
        const cmdlines = columnValues(batch, 'cmdline', 'STRING');
        for (let i = 0; i < batch.numRows; i++) {
          // PxL can only match the namespace as a substring; `default` must not bring `default-staging`.
          if (namespace && namespaces[i] !== namespace) continue;
          try {
            aggregator.addRow(
              { node: nodes[i], namespace: namespaces[i], pod: pods[i], container: containers[i], cmdline: cmdlines[i], stack_trace: stacks[i], count: counts[i] },
              `row ${rows + i + 1}`,
            );
          } catch (err) {
            if (!(err instanceof ProfileFormatError)) throw err;
            throw new VizierError('protocol', `Vizier at ${endpoint.address} sent a stack trace Flamelens cannot read: ${err.message}.`);
          }
        }
        rows += batch.numRows;
        batches++;
        opts.onProgress?.({ rows, batches, uniqueStacks: aggregator.uniqueStacks, totalSamples: aggregator.totalSamples });
      },
    });
  } finally {
    if (!opts.client) client.close();
  }
  if (aggregator.totalSamples === 0) {
    const scope = [namespace && `namespace '${namespace}'`, opts.pod && `pod '${opts.pod}'`].filter(Boolean).join(', ');
    throw new VizierError(
      'empty',
      `No CPU samples from ${endpoint.label} in the last ${startTimeForWindow(opts.windowSeconds).slice(1)}${scope ? ` for ${scope}` : ''}. Pixie's profiler fills its table every 30 s: wait a little, widen the window, or check the namespace and pod names.`,
      { received: { batches, rows } },
    );
  }
  return aggregator.build({ source: endpoint.label });
}
