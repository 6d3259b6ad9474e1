// A live source of profiles and latency (the local sampler, or a Pixie cluster in cloud or direct mode), behind one interface.

import { readFileSync } from 'node:fs';
import type { LatencyTable } from '../core/latency';
import type { Profile } from '../core/profile';
import { endpointFromKube } from './kube/directEndpoint';
import type { VizierEndpoint } from './pixie/endpoint';
import { fetchLatency } from './pixie/fetchLatency';
import { fetchProfile, FetchProgress } from './pixie/fetchProfile';
import { cloudEndpoint, loopbackEndpoint } from './pixie/endpoints';

export type LiveSourceConfig =
  | { kind: 'local'; address: string }
  /** `caFile`: PEM of the CA to trust instead of the system's (a self-hosted Pixie Cloud). */
  | { kind: 'pixie'; mode: 'cloud'; cloudAddress: string; apiKey: string; clusterId: string; caFile?: string }
  | { kind: 'pixie'; mode: 'direct'; kubeconfig?: string; context?: string };

export interface ProfileQuery {
  windowSeconds: number;
  namespace?: string;
  pod?: string;
  signal?: AbortSignal;
  onProgress?(progress: FetchProgress): void;
}

export interface LatencyQuery {
  windowSeconds: number;
  namespace?: string;
  signal?: AbortSignal;
}

export interface LiveSource {
  readonly config: LiveSourceConfig;
  /** Short label for the status bar and messages: `local · 127.0.0.1:4100`, `cloud · <cluster id>`, `direct · kind-dev`. */
  readonly label: string;
  fetchProfile(query: ProfileQuery): Promise<Profile>;
  fetchLatency(query: LatencyQuery): Promise<LatencyTable>;
  dispose(): void;
}

export function describeSource(config: LiveSourceConfig): string {
  switch (config.kind) {
    case 'local':
      return `local · ${config.address}`;
    case 'pixie':
      return config.mode === 'cloud' ? `cloud · ${config.clusterId || 'no cluster id'}` : `direct · ${config.context || 'current context'}`;
  }
}

/**
 * Opens a source. Direct mode holds a port-forward: it is made on first use, kept while it
 * works, and made again after a failure (a pod restart breaks the forward).
 */
export function openLiveSource(config: LiveSourceConfig): LiveSource {
  let endpoint: Promise<VizierEndpoint> | undefined;
  const connect = (signal?: AbortSignal): Promise<VizierEndpoint> => {
    if (!endpoint) {
      endpoint = makeEndpoint(config, signal);
      endpoint.catch(() => (endpoint = undefined));
    }
    return endpoint;
  };
  // Until connected, the label says what was configured; after, what was reached (direct: the context's real name).
  let label = describeSource(config);
  const withEndpoint = async <T>(signal: AbortSignal | undefined, run: (e: VizierEndpoint) => Promise<T>): Promise<T> => {
    const e = await connect(signal);
    label = e.label;
    try {
      return await run(e);
    } catch (err) {
      // A broken forward shows as "unavailable": drop it so the next call forwards again.
      if ((err as { kind?: string }).kind === 'unavailable' && config.kind === 'pixie' && config.mode === 'direct') {
        e.dispose?.();
        endpoint = undefined;
      }
      throw err;
    }
  };
  return {
    config,
    get label() {
      return label;
    },
    fetchProfile: (q) => withEndpoint(q.signal, (e) => fetchProfile(e, q)),
    fetchLatency: (q) => withEndpoint(q.signal, (e) => fetchLatency(e, q)),
    dispose() {
      void endpoint?.then((e) => e.dispose?.(), () => undefined);
      endpoint = undefined;
    },
  };
}

async function makeEndpoint(config: LiveSourceConfig, signal?: AbortSignal): Promise<VizierEndpoint> {
  switch (config.kind) {
    case 'local':
      return loopbackEndpoint(config.address, 'local');
    case 'pixie':
      if (config.mode === 'cloud') return cloudEndpoint({ ...config, ca: config.caFile ? readCaFile(config.caFile) : undefined });
      return endpointFromKube({ kubeconfig: config.kubeconfig, context: config.context, signal });
  }
}

function readCaFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new Error(`Cannot read the CA certificate for Pixie Cloud from ${file} (${code}): fix the path (editor: flamelens.pixie.caFile; CLI: --ca FILE), or clear it to trust the system's certificates.`);
  }
}
