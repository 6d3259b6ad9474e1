// Test peer for the Kubernetes side: a real-JSON API server with port-forward, its kubeconfig, and test certificates.

export { startKubeApiServer } from './server';
export type { KubeApiServer, KubeApiServerOptions, RecordedRequest } from './server';
export type { ApiFault, KubeScenario, PixieFixture, PodFixture, ForbiddenRule, TcpTarget } from './scenario';
export { writeKubeconfig } from './kubeconfigFile';
export type { KubeconfigEntry } from './kubeconfigFile';
export { createCertificateAuthority, issueServerCertificate, loopbackServerCertificate } from './certificates';
export type { CertificateAuthority, ServerCertificate } from './certificates';
