// Endpoints for the Vizier test server, as the Pixie source's callers would build them.

import type { VizierEndpoint } from '../../../src/sources/pixie/endpoint';
import type { VizierTestServer } from '../../support/vizierServer';

export function plaintextEndpoint(server: VizierTestServer, extra: Partial<VizierEndpoint> = {}): VizierEndpoint {
  return { address: server.address, tls: { insecure: true }, metadata: {}, label: 'test-cluster', ...extra };
}

export function tlsEndpoint(server: VizierTestServer, extra: Partial<VizierEndpoint> = {}): VizierEndpoint {
  return { address: `localhost:${server.port}`, tls: { ca: server.ca }, metadata: {}, label: 'test-cluster', ...extra };
}
