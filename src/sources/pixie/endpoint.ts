// Where and how to reach a Vizier API (Pixie Cloud, a port-forwarded query broker, or the local sampler).

export interface VizierEndpoint {
  /** `host:port` the gRPC channel connects to. */
  address: string;
  /** Plaintext (loopback servers only) or TLS with an optional CA and server name override. */
  tls: { insecure: true } | { insecure?: false; ca?: Buffer; serverName?: string };
  /** Sent with every call: `pixie-api-key` (cloud) or `authorization: bearer <jwt>` (direct). Never logged. */
  metadata: Record<string, string>;
  /** Pixie cluster id (UUID) sent in the request body. */
  clusterId?: string;
  /** Human label for messages and the status bar, e.g. `cloud · my-cluster`. */
  label: string;
  /** Releases what the endpoint holds (e.g. a port-forward). */
  dispose?(): void;
}
