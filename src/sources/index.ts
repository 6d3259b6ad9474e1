// The sources API the editor loads on first use (bundled apart as dist/sources.js, so activation never pays for gRPC or the Kubernetes client).

export { describeSource, openLiveSource } from './liveSource';
export type { LatencyQuery, LiveSource, LiveSourceConfig, ProfileQuery } from './liveSource';
export { discoverClusters, listNamespaces, listPods } from './kube';
export type { ClusterInfo, DiscoveredClusters, PodSummary } from './kube';
export { setPixieResourceRoot } from './pixie/resources';
export { VizierError } from './pixie/vizierError';
