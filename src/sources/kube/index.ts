// The Kubernetes side of the Pixie source: discovery from the kubeconfig, scope pickers, and direct mode to the query broker.

export { discoverCluster, discoverClusters, listNamespaces, listPods } from './discovery';
export type { ClusterInfo, DiscoveredClusters, PodSummary } from './discovery';
export { connectDirect, endpointFromKube } from './directEndpoint';
export type { DirectConnectOptions } from './directEndpoint';
export { KubeError } from './kubeError';
export type { KubeErrorKind } from './kubeError';
export { listContexts, loadKubeconfig } from './kubeconfig';
export type { KubeContextSummary, KubeTarget } from './kubeconfig';
export type { PixieStatus } from './pixieInstall';
export { signVizierJwt, verifyVizierJwt, VizierJwtError, VIZIER_AUDIENCE } from './vizierJwt';
export type { VizierJwtClaims } from './vizierJwt';
