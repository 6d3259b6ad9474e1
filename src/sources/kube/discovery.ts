// Discovery from the kubeconfig: each context's API server and whether Pixie runs there, and the namespaces and pods for scope pickers.

import type { V1Pod } from '@kubernetes/client-node';
import { ClusterApi } from './clusterApi';
import { KubeError, KubeErrorKind } from './kubeError';
import { KubeTarget, listContexts, loadKubeconfig, openContext, resolveContext, ResolvedContext } from './kubeconfig';
import { inspectPixie, isPodReady, PixieStatus } from './pixieInstall';

export interface ClusterInfo {
  context: string;
  /** Cluster entry name in the kubeconfig. */
  cluster: string;
  /** API server URL. */
  server: string;
  user: string;
  current: boolean;
  /** Did the API server answer with our credentials? */
  reachable: boolean;
  /** Why the context could not be inspected (unreachable, 401, TLS, timeout, ...). */
  error?: { kind: KubeErrorKind; message: string };
  pixie: PixieStatus;
}

export interface DiscoveredClusters {
  /** Kubeconfig file(s) read. */
  source: string;
  currentContext: string;
  clusters: ClusterInfo[];
}

/** Inspects one context (the target's, or the current one). Kubeconfig problems throw; cluster problems are in the result. */
export async function discoverCluster(target: KubeTarget = {}): Promise<ClusterInfo> {
  return inspectContext(openContext(target), target);
}

/** Inspects every context of the kubeconfig, in parallel; one failing cluster does not hide the others. */
export async function discoverClusters(target: Omit<KubeTarget, 'context'> = {}): Promise<DiscoveredClusters> {
  const loaded = loadKubeconfig(target);
  const contexts = listContexts(loaded.config);
  const clusters = await Promise.all(
    contexts.map((ctx) => {
      let resolved: ResolvedContext;
      try {
        resolved = resolveContext(loaded, ctx.name);
      } catch (err) {
        return Promise.resolve(failed(ctx, err));
      }
      return inspectContext(resolved, target);
    }),
  );
  return { source: loaded.source, currentContext: loaded.config.getCurrentContext(), clusters };
}

export interface PodSummary {
  name: string;
  namespace: string;
  phase: string;
  ready: boolean;
  containers: string[];
  node?: string;
}

/** Namespace names, sorted, for the scope picker. */
export async function listNamespaces(target: KubeTarget = {}): Promise<string[]> {
  const api = ClusterApi.for(openContext(target), target);
  const namespaces = await api.listNamespaces();
  return namespaces.map((n) => n.metadata?.name ?? '').filter(Boolean).sort();
}

/** Pods of a namespace, sorted by name, for the scope picker. */
export async function listPods(target: KubeTarget, namespace: string): Promise<PodSummary[]> {
  const api = ClusterApi.for(openContext(target), target);
  const pods = await api.listPods(namespace);
  return pods.map(podSummary).sort((a, b) => a.name.localeCompare(b.name));
}

async function inspectContext(resolved: ResolvedContext, target: KubeTarget): Promise<ClusterInfo> {
  const ctx = resolved.context;
  try {
    const pixie = await inspectPixie(ClusterApi.for(resolved, target));
    return { ...base(ctx), reachable: true, pixie };
  } catch (err) {
    if (err instanceof KubeError && err.kind === 'cancelled') throw err;
    return failed(ctx, err);
  }
}

function failed(ctx: ResolvedContext['context'], err: unknown): ClusterInfo {
  const error = err instanceof KubeError ? { kind: err.kind, message: err.message } : { kind: 'api' as const, message: String(err) };
  return { ...base(ctx), reachable: false, error, pixie: { found: false, directMode: false, reason: error.message, notes: [] } };
}

function base(ctx: ResolvedContext['context']): Pick<ClusterInfo, 'context' | 'cluster' | 'server' | 'user' | 'current'> {
  return { context: ctx.name, cluster: ctx.cluster, server: ctx.server, user: ctx.user, current: ctx.current };
}

function podSummary(pod: V1Pod): PodSummary {
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    ready: isPodReady(pod),
    containers: (pod.spec?.containers ?? []).map((c) => c.name),
    node: pod.spec?.nodeName,
  };
}
