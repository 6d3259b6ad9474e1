// Where Pixie (Vizier) lives in a cluster and what its objects say: ids, cloud address, health, and the direct-mode credentials.
//
// Names from pixie-io/pixie: k8s/vizier/base (namespace `pl`, label `component=vizier`, service
// `vizier-query-broker-svc` port 50300 selecting `name=vizier-query-broker`), the cluster secret
// keys written by the px CLI/operator (`cluster-id`, `cluster-name`, `jwt-signing-key`), ConfigMap
// `pl-cloud-config` (`PL_CLOUD_ADDR`, `PL_CLUSTER_NAME`) and `service-tls-certs` (`ca.crt`), whose
// certificates name `*.pl.svc` (src/utils/shared/certs).

import type { V1Pod, V1Secret } from '@kubernetes/client-node';
import type { ClusterApi } from './clusterApi';
import { KubeError } from './kubeError';

export const PIXIE_NAMESPACE = 'pl';
export const VIZIER_POD_SELECTOR = 'component=vizier';
export const CLUSTER_SECRET = 'pl-cluster-secrets';
export const CLOUD_CONFIG = 'pl-cloud-config';
export const SERVICE_TLS_SECRET = 'service-tls-certs';
export const QUERY_BROKER_SERVICE = 'vizier-query-broker-svc';
export const QUERY_BROKER_PORT = 50300;
/** Matches the `*.pl.svc` name in Vizier's service certificate. */
export const QUERY_BROKER_SERVER_NAME = `${QUERY_BROKER_SERVICE}.${PIXIE_NAMESPACE}.svc`;

export interface PixieStatus {
  found: boolean;
  clusterId?: string;
  clusterName?: string;
  /** Pixie Cloud address the cluster is registered with (`PL_CLOUD_ADDR`). */
  cloudAddress?: string;
  vizierPods?: { total: number; ready: number };
  /** Secret readable with a signing key: direct mode can work. */
  directMode: boolean;
  /** Why Pixie was not found. */
  reason?: string;
  /** What could not be read, when Pixie was found anyway. */
  notes: string[];
}

/**
 * Looks for Pixie in a context. Context-wide failures (unreachable, credentials refused, TLS,
 * timeout, cancel) are thrown; a missing namespace or object, or RBAC refusing one read,
 * only shapes the answer.
 */
export async function inspectPixie(api: ClusterApi): Promise<PixieStatus> {
  const notes: string[] = [];
  let namespaceExists: boolean | undefined;
  try {
    await api.readNamespace(PIXIE_NAMESPACE);
    namespaceExists = true;
  } catch (err) {
    if (!isLocalFailure(err)) throw err;
    if (err.kind === 'not-found') return { found: false, directMode: false, reason: `namespace ${PIXIE_NAMESPACE} not found`, notes };
    // Namespaced roles often cannot read Namespace objects; look inside it anyway.
    notes.push(err.message);
  }

  const [pods, secret, cloud] = await Promise.allSettled([
    api.listPods(PIXIE_NAMESPACE, VIZIER_POD_SELECTOR),
    api.readSecret(PIXIE_NAMESPACE, CLUSTER_SECRET),
    api.readConfigMap(PIXIE_NAMESPACE, CLOUD_CONFIG),
  ]);
  for (const r of [pods, secret, cloud]) if (r.status === 'rejected' && !isLocalFailure(r.reason)) throw r.reason;

  const status: PixieStatus = { found: false, directMode: false, notes };
  if (pods.status === 'fulfilled') {
    status.vizierPods = { total: pods.value.length, ready: pods.value.filter(isPodReady).length };
  } else {
    notes.push(pods.reason.message);
  }
  if (secret.status === 'fulfilled') {
    status.clusterId = secretValue(secret.value, 'cluster-id');
    status.clusterName = secretValue(secret.value, 'cluster-name');
    status.directMode = Boolean(secretValue(secret.value, 'jwt-signing-key'));
    if (!status.directMode) notes.push(`secret ${PIXIE_NAMESPACE}/${CLUSTER_SECRET} has no jwt-signing-key: direct mode is not possible`);
  } else {
    notes.push(secret.reason.message);
  }
  if (cloud.status === 'fulfilled') {
    status.cloudAddress = cloud.value.data?.PL_CLOUD_ADDR || undefined;
    status.clusterName ??= cloud.value.data?.PL_CLUSTER_NAME || undefined;
  } else {
    notes.push(cloud.reason.message);
  }

  const podsSeen = (status.vizierPods?.total ?? 0) > 0;
  status.found = podsSeen || secret.status === 'fulfilled';
  if (!status.found) {
    const allRefused = pods.status === 'rejected' && secret.status === 'rejected';
    status.reason = allRefused
      ? `cannot tell: ${notes.join('; ')}`
      : `no Vizier pods (label ${VIZIER_POD_SELECTOR}) and no secret ${CLUSTER_SECRET} in namespace ${PIXIE_NAMESPACE}${namespaceExists ? '' : ' (namespace not readable)'}`;
  }
  return status;
}

export interface PixieCredentials {
  clusterId: string;
  clusterName?: string;
  /** Never logged or shown. */
  jwtSigningKey: string;
}

/** Reads the direct-mode credentials from `pl/pl-cluster-secrets`, or says why Pixie cannot be used directly. */
export async function readPixieCredentials(api: ClusterApi): Promise<PixieCredentials> {
  let secret: V1Secret;
  try {
    secret = await api.readSecret(PIXIE_NAMESPACE, CLUSTER_SECRET);
  } catch (err) {
    if (err instanceof KubeError && err.kind === 'not-found') {
      const namespaceMissing = await api.readNamespace(PIXIE_NAMESPACE).then(
        () => false,
        (e: unknown) => e instanceof KubeError && e.kind === 'not-found',
      );
      throw new KubeError(
        'not-found',
        namespaceMissing
          ? `Pixie is not installed in context "${api.contextName}": namespace ${PIXIE_NAMESPACE} not found. Install Pixie (px deploy) or choose another context.`
          : `Pixie is not ready in context "${api.contextName}": secret ${PIXIE_NAMESPACE}/${CLUSTER_SECRET} not found (Vizier not registered yet?). Check 'kubectl -n ${PIXIE_NAMESPACE} get pods,secrets'.`,
        404,
      );
    }
    throw err;
  }
  const clusterId = secretValue(secret, 'cluster-id');
  const jwtSigningKey = secretValue(secret, 'jwt-signing-key');
  if (!clusterId || !jwtSigningKey) {
    const missing = [!clusterId && 'cluster-id', !jwtSigningKey && 'jwt-signing-key'].filter(Boolean).join(' and ');
    throw new KubeError('not-found', `Secret ${PIXIE_NAMESPACE}/${CLUSTER_SECRET} in context "${api.contextName}" has no ${missing}; direct mode needs both. Use cloud mode or re-register Vizier.`);
  }
  return { clusterId, clusterName: secretValue(secret, 'cluster-name'), jwtSigningKey };
}

/** The CA that signed the query broker's certificate (`ca.crt` of `pl/service-tls-certs`). */
export async function readServiceCa(api: ClusterApi): Promise<Buffer> {
  try {
    const secret = await api.readSecret(PIXIE_NAMESPACE, SERVICE_TLS_SECRET);
    const ca = secret.data?.['ca.crt'];
    if (!ca) throw new KubeError('not-found', `secret ${PIXIE_NAMESPACE}/${SERVICE_TLS_SECRET} has no ca.crt`);
    return Buffer.from(ca, 'base64');
  } catch (err) {
    if (!(err instanceof KubeError) || !isLocalFailure(err)) throw err;
    throw new KubeError(
      err.kind,
      `Cannot verify the Pixie query broker's TLS certificate: its CA (ca.crt of secret ${PIXIE_NAMESPACE}/${SERVICE_TLS_SECRET}) is not readable. ${err.message}`,
      err.status,
    );
  }
}

export function isPodReady(pod: V1Pod): boolean {
  if (pod.metadata?.deletionTimestamp || pod.status?.phase !== 'Running') return false;
  return pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function secretValue(secret: V1Secret, key: string): string | undefined {
  const raw = secret.data?.[key];
  return raw ? Buffer.from(raw, 'base64').toString('utf8') : undefined;
}

/** Failures about one object (missing, RBAC) rather than the whole context. */
function isLocalFailure(err: unknown): err is KubeError {
  return err instanceof KubeError && (err.kind === 'not-found' || err.kind === 'forbidden');
}
