// Loads a kubeconfig (explicit path, $KUBECONFIG or ~/.kube/config) and resolves its contexts.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeError } from './kubeError';

/** Where to find the kubeconfig and which context to use; every entry point takes this. */
export interface KubeTarget {
  /** Kubeconfig file; empty means $KUBECONFIG, then ~/.kube/config. */
  kubeconfig?: string;
  /** Context name; empty means the kubeconfig's current context. */
  context?: string;
  /** Cancels API calls and port-forward setup. */
  signal?: AbortSignal;
  /** Environment for $KUBECONFIG and $HOME (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /** Per-request deadline for the API server (default 15 s). */
  timeoutMs?: number;
}

export interface KubeContextSummary {
  name: string;
  /** Cluster entry name in the kubeconfig. */
  cluster: string;
  /** API server URL. */
  server: string;
  user: string;
  namespace?: string;
  current: boolean;
}

export interface LoadedKubeconfig {
  config: KubeConfig;
  /** The file(s) read, for messages. */
  source: string;
}

export function loadKubeconfig(target: Pick<KubeTarget, 'kubeconfig' | 'env'> = {}): LoadedKubeconfig {
  const env = target.env ?? process.env;
  const files = target.kubeconfig
    ? [target.kubeconfig]
    : env.KUBECONFIG
      ? env.KUBECONFIG.split(delimiter).filter(Boolean)
      : [join(env.HOME || homedir(), '.kube', 'config')];
  const existing = files.filter((f) => existsSync(f));
  if (existing.length === 0) {
    const why = target.kubeconfig
      ? `Kubeconfig ${target.kubeconfig} does not exist.`
      : env.KUBECONFIG
        ? `No file named by $KUBECONFIG exists (${files.join(delimiter)}).`
        : `No kubeconfig found at ${files[0]}.`;
    throw new KubeError('config', `${why} Point --kubeconfig (or the flamelens.kubeconfig setting) at a kubeconfig file, or set KUBECONFIG.`);
  }
  const config = new KubeConfig();
  for (const [i, file] of existing.entries()) {
    const next = i === 0 ? config : new KubeConfig();
    try {
      next.loadFromFile(file);
    } catch (err) {
      throw new KubeError('config', `Kubeconfig ${file} cannot be read: ${firstLine(err)}. Fix the file or choose another one.`);
    }
    // First file wins for the current context, as kubectl does.
    if (next !== config) config.mergeConfig(next, true);
  }
  const source = existing.join(delimiter);
  if (config.getContexts().length === 0) {
    throw new KubeError('config', `Kubeconfig ${source} has no contexts. Add one (kubectl config set-context) or choose another file.`);
  }
  return { config, source };
}

export function listContexts(config: KubeConfig): KubeContextSummary[] {
  const current = config.getCurrentContext();
  return config.getContexts().map((ctx) => ({
    name: ctx.name,
    cluster: ctx.cluster,
    server: config.getCluster(ctx.cluster)?.server ?? '',
    user: ctx.user,
    namespace: ctx.namespace,
    current: ctx.name === current,
  }));
}

export interface ResolvedContext {
  /** A KubeConfig whose current context is the chosen one (client-node's API clients and PortForward use the current context). */
  config: KubeConfig;
  context: KubeContextSummary;
  source: string;
}

export function resolveContext(loaded: LoadedKubeconfig, name?: string): ResolvedContext {
  const contexts = listContexts(loaded.config);
  const wanted = name || loaded.config.getCurrentContext();
  if (!wanted) {
    throw new KubeError(
      'config',
      `Kubeconfig ${loaded.source} has no current context. Choose one of: ${contexts.map((c) => c.name).join(', ')} (--context NAME).`,
    );
  }
  const context = contexts.find((c) => c.name === wanted);
  if (!context) {
    throw new KubeError('config', `Context "${wanted}" is not in kubeconfig ${loaded.source}. Known contexts: ${contexts.map((c) => c.name).join(', ')}.`);
  }
  if (!context.server) {
    throw new KubeError('config', `Context "${wanted}" names cluster "${context.cluster}", which kubeconfig ${loaded.source} does not define.`);
  }
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: loaded.config.getClusters(),
    users: loaded.config.getUsers(),
    contexts: loaded.config.getContexts(),
    currentContext: context.name,
  });
  return { config, context: { ...context, current: context.name === loaded.config.getCurrentContext() }, source: loaded.source };
}

/** Loads the kubeconfig and resolves the target's context in one step. */
export function openContext(target: KubeTarget): ResolvedContext {
  return resolveContext(loadKubeconfig(target), target.context);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
