// The sampler's manifest: which local processes play which Kubernetes pods, and the ports their proxies sit on.

import { readFileSync } from 'node:fs';

export interface ManifestService {
  /** Service name as Kubernetes would have it (`admin-service`); Pixie shows `namespace/name`. */
  name: string;
  namespace: string;
  /** Pod name without the namespace, e.g. `admin-service-7d9f8c6b5-x2k4p`. */
  pod: string;
  container: string;
  /** Public port: the latency proxy listens here (a Service's `port`). */
  port: number;
  /** Where the process itself listens (a Service's `targetPort`); the sampler finds the PID by it. */
  targetPort: number;
  /** Attach to this PID instead of finding the process by its port. */
  pid?: number;
  /** Script a launcher starts for this service, relative to the manifest. The sampler never starts it. */
  entry?: string;
}

export interface Manifest {
  cluster: string;
  node: string;
  services: ManifestService[];
  /** Directory the manifest was read from; entries are relative to it. */
  baseDir?: string;
}

/** Reads and checks a manifest file; every problem names the file and the field. */
export function readManifest(path: string): Manifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read manifest ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`manifest ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const manifest = parseManifest(json, path);
  return { ...manifest, baseDir: path.replace(/[\\/][^\\/]*$/, '') || '.' };
}

export function parseManifest(json: unknown, label = 'manifest'): Manifest {
  const fail = (what: string): never => {
    throw new Error(`${label}: ${what}`);
  };
  if (!isObject(json)) return fail('expected a JSON object with "node" and "services"');
  const node = optionalString(json.node, 'node', fail) ?? 'localhost';
  const cluster = optionalString(json.cluster, 'cluster', fail) ?? 'local';
  if (!Array.isArray(json.services) || json.services.length === 0) return fail('"services" must be a non-empty array');
  const services = json.services.map((raw: unknown, i: number): ManifestService => {
    const at = `services[${i}]`;
    if (!isObject(raw)) return fail(`${at} must be an object`);
    const name = requiredString(raw.name, `${at}.name`, fail);
    const service: ManifestService = {
      name,
      namespace: optionalString(raw.namespace, `${at}.namespace`, fail) ?? 'default',
      pod: requiredString(raw.pod, `${at}.pod`, fail),
      container: optionalString(raw.container, `${at}.container`, fail) ?? name,
      port: port(raw.port, `${at}.port`, fail),
      targetPort: port(raw.targetPort, `${at}.targetPort`, fail),
    };
    if (raw.pid !== undefined) {
      if (!Number.isInteger(raw.pid) || (raw.pid as number) <= 0) fail(`${at}.pid must be a positive integer`);
      service.pid = raw.pid as number;
    }
    const entry = optionalString(raw.entry, `${at}.entry`, fail);
    if (entry) service.entry = entry;
    if (service.port === service.targetPort) {
      fail(`${at}: port and targetPort are both ${service.port}; the latency proxy needs its own port`);
    }
    return service;
  });
  const seen = new Set<number>();
  for (const s of services) {
    for (const p of [s.port, s.targetPort]) {
      if (seen.has(p)) fail(`port ${p} is used twice`);
      seen.add(p);
    }
  }
  return { cluster, node, services };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requiredString(v: unknown, field: string, fail: (what: string) => never): string {
  if (typeof v !== 'string' || v.trim() === '') return fail(`${field} must be a non-empty string`);
  return v;
}

function optionalString(v: unknown, field: string, fail: (what: string) => never): string | undefined {
  if (v === undefined) return undefined;
  return requiredString(v, field, fail);
}

function port(v: unknown, field: string, fail: (what: string) => never): number {
  if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 65535) return fail(`${field} must be a port number (1-65535)`);
  return v as number;
}
