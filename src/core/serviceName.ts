// The service a pod belongs to, from Kubernetes' naming of Deployment pods (`admin-service-7d9f8c6b5-x2k4p` -> `admin-service`).

const DEPLOYMENT_POD = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/;
const STATEFUL_OR_DAEMON_POD = /^(.+)-(?:\d+|[a-z0-9]{5})$/;

export function serviceOfPod(pod: string): string {
  const bare = pod.includes('/') ? pod.slice(pod.indexOf('/') + 1) : pod;
  return DEPLOYMENT_POD.exec(bare)?.[1] ?? STATEFUL_OR_DAEMON_POD.exec(bare)?.[1] ?? bare;
}
