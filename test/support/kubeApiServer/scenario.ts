// What a test cluster holds (namespaces, pods, Pixie's objects, RBAC refusals) and the store of API objects built from it.

import { randomBytes, randomUUID } from 'node:crypto';
import { base64, KubeObject, objectMeta, ResourceVersions } from './objects';

export interface TcpTarget {
  host: string;
  port: number;
}

export interface PodFixture {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  containers?: Array<{ name: string; ports?: Array<{ name?: string; containerPort: number }> }>;
  /** Default Running and Ready. */
  phase?: 'Running' | 'Pending' | 'Succeeded' | 'Failed';
  ready?: boolean;
  node?: string;
  /** Where a port-forward to this pod is relayed; absent: the forward reports "connection refused". */
  forwardTo?: TcpTarget;
}

export interface PixieFixture {
  clusterId?: string;
  clusterName?: string;
  jwtSigningKey?: string;
  /** `PL_CLOUD_ADDR` in ConfigMap pl-cloud-config; `null` leaves the ConfigMap out. */
  cloudAddress?: string | null;
  /** `ca.crt` of secret service-tls-certs (the CA of the query broker's certificate); absent: the secret is left out. */
  serviceCaPem?: string;
  /** Is the query broker pod Ready (default true)? */
  queryBrokerReady?: boolean;
  /** Where a port-forward to the query broker pod is relayed (a Vizier API server). */
  queryBroker?: TcpTarget;
  /** Leave secret pl-cluster-secrets out (Pixie deployed but not registered). */
  withoutClusterSecret?: boolean;
}

export interface ForbiddenRule {
  verb: 'get' | 'list' | 'create';
  /** `secrets`, `pods`, `pods/portforward`, `namespaces`, ... */
  resource: string;
  /** Absent: every namespace (and cluster scope). */
  namespace?: string;
}

/** An injected API error: requests whose path (query string excluded) matches answer this Status. */
export interface ApiFault {
  path: string | RegExp;
  /** e.g. 409 (Conflict), 429, 500, 503 */
  code: number;
  reason?: string;
  message?: string;
}

export interface KubeScenario {
  /** The bearer token the server accepts (default: random). */
  token?: string;
  /** Token written into the kubeconfig (default: the accepted one; set another to get 401s). */
  kubeconfigToken?: string;
  /** User name in RBAC messages. */
  user?: string;
  /** Context (and cluster/user entry) name in the written kubeconfig. */
  contextName?: string;
  /** Extra namespaces; `default`, `kube-system` and (with Pixie) `pl` are always there. */
  namespaces?: string[];
  pods?: PodFixture[];
  /** Pixie installed in namespace `pl`; false/absent: not installed. */
  pixie?: PixieFixture | false;
  forbidden?: ForbiddenRule[];
  /** Errors to answer instead of the objects (after authentication). */
  faults?: ApiFault[];
}

export type ResourceKind = 'namespaces' | 'pods' | 'secrets' | 'configmaps' | 'services';

/** Every object of a scenario, by resource and `namespace/name`; port-forward targets by pod. */
export class ObjectStore {
  readonly versions = new ResourceVersions();
  private readonly objects = new Map<ResourceKind, Map<string, KubeObject>>();
  readonly forwardTargets = new Map<string, TcpTarget>();
  readonly pixie?: Required<Pick<PixieFixture, 'clusterId' | 'clusterName' | 'jwtSigningKey'>>;

  constructor(scenario: KubeScenario) {
    const namespaces = new Set(['default', 'kube-system', ...(scenario.namespaces ?? [])]);
    const pods: PodFixture[] = [...(scenario.pods ?? [])];
    if (scenario.pixie) {
      namespaces.add('pl');
      this.pixie = {
        clusterId: scenario.pixie.clusterId ?? randomUUID(),
        clusterName: scenario.pixie.clusterName ?? 'test-cluster',
        jwtSigningKey: scenario.pixie.jwtSigningKey ?? randomBytes(32).toString('hex'),
      };
      pods.push(...this.addPixie(scenario.pixie, this.pixie));
    }
    for (const ns of namespaces) this.put('namespaces', namespaceObject(this.versions, ns));
    for (const pod of pods) this.addPod(pod);
  }

  addPod(pod: PodFixture): void {
    if (!this.get('namespaces', '', pod.namespace)) this.put('namespaces', namespaceObject(this.versions, pod.namespace));
    this.put('pods', podObject(this.versions, pod));
    if (pod.forwardTo) this.forwardTargets.set(`${pod.namespace}/${pod.name}`, pod.forwardTo);
  }

  deletePod(namespace: string, name: string): boolean {
    this.forwardTargets.delete(`${namespace}/${name}`);
    return this.objects.get('pods')?.delete(`${namespace}/${name}`) ?? false;
  }

  get(kind: ResourceKind, namespace: string, name: string): KubeObject | undefined {
    return this.objects.get(kind)?.get(`${namespace}/${name}`);
  }

  list(kind: ResourceKind, namespace?: string): KubeObject[] {
    const all = [...(this.objects.get(kind)?.values() ?? [])];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  private put(kind: ResourceKind, object: KubeObject): void {
    let byKey = this.objects.get(kind);
    if (!byKey) this.objects.set(kind, (byKey = new Map()));
    byKey.set(`${object.metadata.namespace ?? ''}/${object.metadata.name}`, object);
  }

  private addPixie(fixture: PixieFixture, ids: { clusterId: string; clusterName: string; jwtSigningKey: string }): PodFixture[] {
    const v = this.versions;
    if (!fixture.withoutClusterSecret) {
      this.put('secrets', {
        kind: 'Secret',
        apiVersion: 'v1',
        metadata: objectMeta(v, 'pl-cluster-secrets', 'pl', { app: 'pl-monitoring', component: 'vizier' }),
        data: { 'cluster-id': base64(ids.clusterId), 'cluster-name': base64(ids.clusterName), 'jwt-signing-key': base64(ids.jwtSigningKey) },
        type: 'Opaque',
      });
    }
    if (fixture.serviceCaPem) {
      this.put('secrets', {
        kind: 'Secret',
        apiVersion: 'v1',
        metadata: objectMeta(v, 'service-tls-certs', 'pl', { app: 'pl-monitoring', component: 'vizier' }),
        // Only ca.crt matters to a client; the server's own pair lives in the broker's test server.
        data: { 'ca.crt': base64(fixture.serviceCaPem) },
        type: 'Opaque',
      });
    }
    if (fixture.cloudAddress !== null) {
      const cloud = fixture.cloudAddress ?? 'withpixie.ai:443';
      this.put('configmaps', {
        kind: 'ConfigMap',
        apiVersion: 'v1',
        metadata: objectMeta(v, 'pl-cloud-config', 'pl', { app: 'pl-monitoring', component: 'vizier' }),
        data: { PL_CLOUD_ADDR: cloud, PL_UPDATE_CLOUD_ADDR: cloud, PL_CLUSTER_NAME: ids.clusterName },
      });
    }
    this.put('services', {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: objectMeta(v, 'vizier-query-broker-svc', 'pl', { app: 'pl-monitoring', component: 'vizier' }),
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.112.40',
        clusterIPs: ['10.96.112.40'],
        ports: [
          { name: 'tcp-http2', port: 50300, protocol: 'TCP', targetPort: 50300 },
          { name: 'tcp-grpc-web', port: 50305, protocol: 'TCP', targetPort: 50305 },
        ],
        selector: { name: 'vizier-query-broker' },
        sessionAffinity: 'None',
      },
      status: { loadBalancer: {} },
    });
    const vizier = (name: string) => ({ app: 'pl-monitoring', component: 'vizier', name });
    return [
      {
        namespace: 'pl',
        name: 'vizier-query-broker-7d9c8b6f5d-x2k4q',
        labels: { ...vizier('vizier-query-broker'), plane: 'control', 'pod-template-hash': '7d9c8b6f5d' },
        containers: [{ name: 'app', ports: [{ containerPort: 50300 }, { containerPort: 50305 }] }],
        ready: fixture.queryBrokerReady ?? true,
        phase: (fixture.queryBrokerReady ?? true) ? 'Running' : 'Pending',
        forwardTo: fixture.queryBroker,
      },
      { namespace: 'pl', name: 'vizier-metadata-0', labels: { ...vizier('vizier-metadata'), plane: 'control' }, containers: [{ name: 'app', ports: [{ containerPort: 50400 }] }] },
      { namespace: 'pl', name: 'kelvin-5b8d7f6c9-hq7tn', labels: { ...vizier('kelvin'), plane: 'data' }, containers: [{ name: 'app', ports: [{ containerPort: 59300 }] }] },
      { namespace: 'pl', name: 'vizier-pem-8xk2p', labels: { ...vizier('vizier-pem'), plane: 'data' }, containers: [{ name: 'pem' }] },
      { namespace: 'pl', name: 'vizier-cloud-connector-6f7b9d8c4-m5vzs', labels: { ...vizier('vizier-cloud-connector'), plane: 'control' }, containers: [{ name: 'app', ports: [{ containerPort: 50800 }] }] },
    ];
  }
}

function namespaceObject(versions: ResourceVersions, name: string): KubeObject {
  return {
    kind: 'Namespace',
    apiVersion: 'v1',
    metadata: objectMeta(versions, name, undefined, { 'kubernetes.io/metadata.name': name }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

function podObject(versions: ResourceVersions, pod: PodFixture): KubeObject {
  const phase = pod.phase ?? 'Running';
  const ready = pod.ready ?? phase === 'Running';
  const containers = pod.containers ?? [{ name: 'app' }];
  const now = new Date(Date.now() - 600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const condition = (type: string, value: boolean) => ({ type, status: value ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now });
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: objectMeta(versions, pod.name, pod.namespace, pod.labels),
    spec: {
      containers: containers.map((c) => ({
        name: c.name,
        image: `registry.example.com/${c.name}:1.0`,
        ...(c.ports ? { ports: c.ports.map((p) => ({ ...p, protocol: 'TCP' })) } : {}),
        imagePullPolicy: 'IfNotPresent',
      })),
      nodeName: pod.node ?? 'node-1',
      restartPolicy: 'Always',
      serviceAccountName: 'default',
    },
    status: {
      phase,
      conditions: [condition('Initialized', true), condition('Ready', ready), condition('ContainersReady', ready), condition('PodScheduled', true)],
      hostIP: '10.0.0.11',
      podIP: phase === 'Running' ? '10.244.1.23' : undefined,
      startTime: now,
      containerStatuses: containers.map((c) => ({
        name: c.name,
        ready,
        restartCount: 0,
        image: `registry.example.com/${c.name}:1.0`,
        started: phase === 'Running',
        state: phase === 'Running' ? { running: { startedAt: now } } : { waiting: { reason: 'ContainerCreating' } },
      })),
    },
  };
}
