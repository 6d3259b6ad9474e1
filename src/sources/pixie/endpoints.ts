// Builds VizierEndpoints for the ways Flamelens reaches a Vizier API: loopback (the local sampler) and Pixie Cloud.

import type { VizierEndpoint } from './endpoint';

export const DEFAULT_CLOUD_ADDRESS = 'work.withpixie.ai:443';
/** Sent as `pixie-api-client`, as Pixie's own clients name themselves. */
export const API_CLIENT_NAME = 'flamelens';

/** `host:port`, with the port required: a Vizier address without one is almost always a mistake. */
export function parseAddress(address: string): { host: string; port: number } {
  const m = /^\[?([^\]\s]+?)\]?:(\d{1,5})$/.exec(address.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new Error(`'${address}' is not a host:port address (e.g. 127.0.0.1:4100).`);
  return { host: m[1], port };
}

/** Plaintext gRPC, for servers on this machine (the local sampler, test servers). */
export function loopbackEndpoint(address: string, label = address): VizierEndpoint {
  const { host } = parseAddress(address);
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new Error(`Refusing plaintext gRPC to ${address}: only loopback addresses may be used without TLS.`);
  }
  return { address, tls: { insecure: true }, metadata: {}, label: label === address ? address : `${label} · ${address}` };
}

export interface CloudEndpointOptions {
  cloudAddress?: string;
  apiKey: string;
  clusterId: string;
  /** PEM of the CA that signed the cloud's certificate (a self-hosted Pixie Cloud); default: the system's roots. */
  ca?: Buffer;
}

/** TLS to Pixie Cloud, which proxies to the cluster named by the cluster id in the request body. */
export function cloudEndpoint(options: CloudEndpointOptions): VizierEndpoint {
  const address = options.cloudAddress?.trim() || DEFAULT_CLOUD_ADDRESS;
  parseAddress(address);
  if (!options.apiKey) throw new Error('Pixie Cloud needs an API key: run "Flamelens: Set Pixie API Key" (CLI: --api-key-env VAR).');
  if (!options.clusterId) throw new Error('Pixie Cloud needs the cluster id (a UUID): set flamelens.pixie.clusterId (CLI: --cluster-id ID).');
  return {
    address,
    tls: options.ca ? { ca: options.ca } : {},
    metadata: { 'pixie-api-key': options.apiKey, 'pixie-api-client': API_CLIENT_NAME },
    clusterId: options.clusterId,
    label: `cloud · ${options.clusterId}`,
  };
}
