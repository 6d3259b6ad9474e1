// Where samples and requests came from, in Kubernetes terms: what every row the sampler serves is labelled with.

import type { ManifestService } from './manifest';

export interface Attribution {
  node: string;
  namespace: string;
  /** Bare pod name; tables print `namespace/pod` as Pixie does. */
  pod: string;
  container: string;
  /** `namespace/service`, as Pixie's ctx['service']. */
  service: string;
  /** The process's command line (empty for a proxy, which stands for the service, not a process). */
  cmdline: string;
}

export function attributionOf(node: string, service: ManifestService, cmdline = ''): Attribution {
  return {
    node,
    namespace: service.namespace,
    pod: service.pod,
    container: service.container,
    service: `${service.namespace}/${service.name}`,
    cmdline,
  };
}
