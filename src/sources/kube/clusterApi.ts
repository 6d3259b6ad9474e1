// The few Kubernetes API reads Flamelens makes, for one context, with a deadline, cancellation and explained errors.

import { CoreV1Api, Observable } from '@kubernetes/client-node';
import type { ObservableMiddleware, RequestContext, ResponseContext, V1ConfigMap, V1Namespace, V1Pod, V1Secret, V1Service } from '@kubernetes/client-node';
import { explainKubeError, KubeOperation } from './kubeError';
import type { KubeTarget, ResolvedContext } from './kubeconfig';

export const DEFAULT_KUBE_TIMEOUT_MS = 15_000;

type CallOptions = Parameters<CoreV1Api['readNamespace']>[1];

export class ClusterApi {
  private readonly core: CoreV1Api;
  readonly timeoutMs: number;

  constructor(
    readonly resolved: ResolvedContext,
    private readonly signal?: AbortSignal,
    timeoutMs?: number,
  ) {
    this.core = resolved.config.makeApiClient(CoreV1Api);
    this.timeoutMs = timeoutMs ?? DEFAULT_KUBE_TIMEOUT_MS;
  }

  static for(resolved: ResolvedContext, target: Pick<KubeTarget, 'signal' | 'timeoutMs'>): ClusterApi {
    return new ClusterApi(resolved, target.signal, target.timeoutMs);
  }

  get contextName(): string {
    return this.resolved.context.name;
  }

  get server(): string {
    return this.resolved.context.server;
  }

  readNamespace(name: string): Promise<V1Namespace> {
    return this.call({ verb: 'get', resource: 'namespaces', name }, (o) => this.core.readNamespace({ name }, o));
  }

  async listNamespaces(): Promise<V1Namespace[]> {
    const list = await this.call({ verb: 'list', resource: 'namespaces' }, (o) => this.core.listNamespace({}, o));
    return list.items;
  }

  async listPods(namespace: string, labelSelector?: string): Promise<V1Pod[]> {
    const list = await this.call({ verb: 'list', resource: 'pods', namespace }, (o) => this.core.listNamespacedPod({ namespace, labelSelector }, o));
    return list.items;
  }

  readPod(namespace: string, name: string): Promise<V1Pod> {
    return this.call({ verb: 'get', resource: 'pods', namespace, name }, (o) => this.core.readNamespacedPod({ namespace, name }, o));
  }

  readSecret(namespace: string, name: string): Promise<V1Secret> {
    return this.call({ verb: 'get', resource: 'secrets', namespace, name }, (o) => this.core.readNamespacedSecret({ namespace, name }, o));
  }

  readConfigMap(namespace: string, name: string): Promise<V1ConfigMap> {
    return this.call({ verb: 'get', resource: 'configmaps', namespace, name }, (o) => this.core.readNamespacedConfigMap({ namespace, name }, o));
  }

  readService(namespace: string, name: string): Promise<V1Service> {
    return this.call({ verb: 'get', resource: 'services', namespace, name }, (o) => this.core.readNamespacedService({ namespace, name }, o));
  }

  /** The operation description errors are explained against (also used by the port-forward). */
  operation(op: Omit<KubeOperation, 'context' | 'server'>): KubeOperation {
    return { context: this.contextName, server: this.server, ...op };
  }

  private async call<T>(op: Omit<KubeOperation, 'context' | 'server'>, run: (options: CallOptions) => Promise<T>): Promise<T> {
    const operation = this.operation(op);
    if (this.signal?.aborted) throw explainKubeError(this.signal.reason ?? abortError(), operation, this.signal, this.timeoutMs);
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const signal = this.signal ? AbortSignal.any([this.signal, deadline]) : deadline;
    // The object-parameter API runs observable middleware (client-node's own minimal Observable).
    const middleware: ObservableMiddleware = {
      pre: (ctx: RequestContext) => {
        ctx.setSignal(signal);
        return new Observable(Promise.resolve(ctx));
      },
      post: (ctx: ResponseContext) => new Observable(Promise.resolve(ctx)),
    };
    const options: CallOptions = { middleware: [middleware], middlewareMergeStrategy: 'append' };
    try {
      return await run(options);
    } catch (err) {
      throw explainKubeError(err, operation, this.signal, this.timeoutMs);
    }
  }
}

function abortError(): Error {
  const err = new Error('aborted');
  err.name = 'AbortError';
  return err;
}
