// Finds the pod and port behind a service port (client-node 1.4 has no portForwardService): selector -> a Ready pod -> targetPort.

import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterApi } from './clusterApi';
import { KubeError } from './kubeError';
import { isPodReady } from './pixieInstall';

export interface ServiceTarget {
  pod: string;
  podPort: number;
}

export async function resolveServiceTarget(api: ClusterApi, namespace: string, service: string, servicePort: number): Promise<ServiceTarget> {
  const svc = await api.readService(namespace, service);
  const where = `service ${namespace}/${service} in context "${api.contextName}"`;
  const selector = svc.spec?.selector ?? {};
  if (Object.keys(selector).length === 0) {
    throw new KubeError('port-forward', `Cannot port-forward to ${where}: it has no pod selector.`);
  }
  const port = svc.spec?.ports?.find((p) => p.port === servicePort);
  if (!port) {
    const ports = (svc.spec?.ports ?? []).map((p) => p.port).join(', ') || 'none';
    throw new KubeError('port-forward', `Cannot port-forward to ${where}: it has no port ${servicePort} (ports: ${ports}).`);
  }
  const labelSelector = Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = await api.listPods(namespace, labelSelector);
  // Oldest ready pod first: stable across calls while the deployment is steady.
  const ready = pods.filter(isPodReady).sort((a, b) => created(a) - created(b) || name(a).localeCompare(name(b)));
  const pod = ready[0];
  if (!pod) {
    const seen = pods.map((p) => `${name(p)} (${p.status?.phase ?? 'Unknown'}, not ready)`).join(', ');
    throw new KubeError(
      'port-forward',
      `No ready pod behind ${where} (selector ${labelSelector})${seen ? `: ${seen}` : ': no pods'}. Wait until 'kubectl -n ${namespace} get pods -l ${labelSelector}' shows one Ready.`,
    );
  }
  return { pod: name(pod), podPort: targetPort(port.targetPort, servicePort, pod, where) };
}

function targetPort(target: number | string | undefined, servicePort: number, pod: V1Pod, where: string): number {
  if (target === undefined || target === '') return servicePort;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const container of pod.spec?.containers ?? []) {
    const named = container.ports?.find((p) => p.name === target);
    if (named) return named.containerPort;
  }
  throw new KubeError('port-forward', `Cannot port-forward to ${where}: pod ${name(pod)} has no container port named "${target}".`);
}

function name(pod: V1Pod): string {
  return pod.metadata?.name ?? '';
}

function created(pod: V1Pod): number {
  const t = pod.metadata?.creationTimestamp;
  return t ? new Date(t).getTime() : 0;
}
