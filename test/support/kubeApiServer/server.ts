// A small Kubernetes API server for tests: HTTPS on 127.0.0.1, bearer-token auth, the REST paths Flamelens reads, and WebSocket port-forward.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { loopbackServerCertificate, ServerCertificate } from './certificates';
import { KubeconfigEntry, writeKubeconfig } from './kubeconfigFile';
import { forbidden, KubeObject, list, notFound, status, unauthorized } from './objects';
import { PORT_FORWARD_PROTOCOL, relayPortForward } from './portForwardRelay';
import { ApiFault, ForbiddenRule, KubeScenario, ObjectStore, PodFixture, ResourceKind } from './scenario';

export interface KubeApiServerOptions extends KubeScenario {
  /** Server certificate (default: a shared 127.0.0.1 certificate from a test CA). */
  certificate?: ServerCertificate;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

export interface KubeApiServer {
  /** `https://127.0.0.1:PORT` */
  url: string;
  /** A kubeconfig with one context for this server (written to a temp dir, removed on close). */
  kubeconfigPath: string;
  /** This server's cluster/user/context, to combine several servers in one kubeconfig. */
  entry: KubeconfigEntry;
  contextName: string;
  token: string;
  certificate: ServerCertificate;
  /** Pixie's ids as stored in the cluster's secret (when the scenario installs Pixie). */
  pixie?: { clusterId: string; clusterName: string; jwtSigningKey: string };
  requests: RecordedRequest[];
  portForwards: Array<{ namespace: string; pod: string; port: number }>;
  /** Adds a pod (a restart's replacement, say); port-forwards to it relay to its `forwardTo`. */
  addPod(pod: PodFixture): void;
  /** Removes a pod, as when it is deleted; forwards to it then answer 404. */
  deletePod(namespace: string, name: string): boolean;
  close(): Promise<void>;
}

const API_PREFIX = '/api/v1';
const RESOURCE_KIND: Record<ResourceKind, string> = {
  namespaces: 'Namespace',
  pods: 'Pod',
  secrets: 'Secret',
  configmaps: 'ConfigMap',
  services: 'Service',
};

export async function startKubeApiServer(options: KubeApiServerOptions = {}): Promise<KubeApiServer> {
  const certificate = options.certificate ?? loopbackServerCertificate();
  const token = options.token ?? randomBytes(24).toString('base64url');
  const user = options.user ?? 'flamelens-dev';
  const contextName = options.contextName ?? 'test-cluster';
  const store = new ObjectStore(options);
  const rules = options.forbidden ?? [];
  const requests: RecordedRequest[] = [];
  const portForwards: KubeApiServer['portForwards'] = [];
  const sockets = new Set<Socket | Duplex>();

  const send = (res: ServerResponse, req: IncomingMessage, code: number, body: unknown) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '', status: code });
    const text = JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Audit-Id': randomBytes(8).toString('hex') });
    res.end(text);
  };

  const authorized = (req: IncomingMessage) => req.headers.authorization === `Bearer ${token}`;
  const refused = (verb: string, resource: string, namespace: string | undefined) =>
    rules.some((r: ForbiddenRule) => r.verb === verb && r.resource === resource && (r.namespace === undefined || r.namespace === namespace));

  const server: Server = createServer({ key: certificate.keyPem, cert: certificate.certPem }, (req, res) => {
    if (!authorized(req)) return send(res, req, 401, unauthorized());
    const fault = faultFor(options.faults, req.url ?? '');
    if (fault) return send(res, req, fault.code, status(fault.code, fault.reason ?? defaultReason(fault.code), fault.message ?? `injected ${fault.code}`));
    if (req.method !== 'GET') return send(res, req, 405, status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
    const url = new URL(req.url ?? '/', 'https://localhost');
    const route = parseRoute(url.pathname);
    if (!route || route.subresource) return send(res, req, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const verb = route.name ? 'get' : 'list';
    if (refused(verb, route.resource, route.namespace)) return send(res, req, 403, forbidden(user, verb, route.resource, route.namespace, route.name));
    if (route.name) {
      const object = store.get(route.resource, route.namespace ?? '', route.name);
      if (!object) return send(res, req, 404, notFound(route.resource, route.name));
      return send(res, req, 200, object);
    }
    // Listing in a namespace that does not exist answers an empty list, as the real API server does.
    const selector = url.searchParams.get('labelSelector');
    const items = store.list(route.resource, route.namespace).filter((o) => matchesSelector(o, selector));
    return send(res, req, 200, list(`${RESOURCE_KIND[route.resource]}List`, items, store.versions));
  });

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(PORT_FORWARD_PROTOCOL) ? PORT_FORWARD_PROTOCOL : false),
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const reject = (code: number, body: unknown) => {
      requests.push({ method: 'GET', path: req.url ?? '', status: code });
      const text = JSON.stringify(body);
      socket.end(`HTTP/1.1 ${code} ${code === 401 ? 'Unauthorized' : code === 403 ? 'Forbidden' : code === 404 ? 'Not Found' : 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
    };
    if (!authorized(req)) return reject(401, unauthorized());
    const url = new URL(req.url ?? '/', 'https://localhost');
    const route = parseRoute(url.pathname);
    if (!route || route.resource !== 'pods' || !route.name || route.subresource !== 'portforward' || !route.namespace) {
      return reject(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    }
    if (refused('create', 'pods/portforward', route.namespace)) return reject(403, forbidden(user, 'create', 'pods/portforward', route.namespace, route.name));
    const pod = store.get('pods', route.namespace, route.name);
    if (!pod) return reject(404, notFound('pods', route.name));
    const podStatus = pod.status as { phase?: string } | undefined;
    if (podStatus?.phase !== 'Running') {
      return reject(400, status(400, 'BadRequest', `unable to upgrade connection: pod ${route.name} is not running (phase ${podStatus?.phase ?? 'unknown'})`));
    }
    const port = Number(url.searchParams.get('ports'));
    if (!Number.isInteger(port) || port <= 0 || port > 65535) return reject(400, status(400, 'BadRequest', 'invalid port: ports query parameter is required'));
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes(PORT_FORWARD_PROTOCOL)) return reject(400, status(400, 'BadRequest', `unable to upgrade: no supported subprotocol (want ${PORT_FORWARD_PROTOCOL})`));
    requests.push({ method: 'GET', path: req.url ?? '', status: 101 });
    portForwards.push({ namespace: route.namespace, pod: route.name, port });
    const target = store.forwardTargets.get(`${route.namespace}/${route.name}`);
    wss.handleUpgrade(req, socket, head, (ws) => relayPortForward(ws, `${route.name}_${route.namespace}, uid ${pod.metadata.uid}`, port, target));
  });

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entry: KubeconfigEntry = { name: contextName, server: url, caPem: certificate.caPem, token: options.kubeconfigToken ?? token, namespace: 'default' };
  const dir = mkdtempSync(join(tmpdir(), 'flamelens-kube-'));
  const kubeconfigPath = writeKubeconfig(join(dir, 'config'), [entry]);

  return {
    url,
    kubeconfigPath,
    entry,
    contextName,
    token,
    certificate,
    pixie: store.pixie,
    requests,
    portForwards,
    addPod: (pod) => store.addPod(pod),
    deletePod: (namespace, name) => store.deletePod(namespace, name),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      wss.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Route {
  resource: ResourceKind;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** `/api/v1/namespaces[/{ns}[/{resource}[/{name}[/{sub}]]]]` */
function parseRoute(pathname: string): Route | undefined {
  if (!pathname.startsWith(`${API_PREFIX}/`)) return undefined;
  const parts = pathname.slice(API_PREFIX.length + 1).split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'namespaces') return undefined;
  if (parts.length === 1) return { resource: 'namespaces' };
  if (parts.length === 2) return { resource: 'namespaces', name: parts[1] };
  const resource = parts[2] as ResourceKind;
  if (!(resource in RESOURCE_KIND) || resource === 'namespaces' || parts.length > 5) return undefined;
  return { resource, namespace: parts[1], name: parts[3], subresource: parts[4] };
}

/** Equality-based label selectors: `a=b`, `a==b`, `a!=b`, `a`, `!a`, joined by commas. */
function matchesSelector(object: KubeObject, selector: string | null): boolean {
  if (!selector) return true;
  const labels = object.metadata.labels ?? {};
  return selector.split(',').every((term) => {
    const t = term.trim();
    if (!t) return true;
    const ne = t.split('!=');
    if (ne.length === 2) return labels[ne[0]!.trim()] !== ne[1]!.trim();
    const eq = t.split(/==?/);
    if (eq.length === 2) return labels[eq[0]!.trim()] === eq[1]!.trim();
    if (t.startsWith('!')) return !(t.slice(1) in labels);
    return t in labels;
  });
}

function faultFor(faults: ApiFault[] | undefined, url: string): ApiFault | undefined {
  const path = url.split('?')[0] ?? '';
  return faults?.find((f) => (typeof f.path === 'string' ? f.path === path : f.path.test(path)));
}

function defaultReason(code: number): string {
  const reasons: Record<number, string> = { 409: 'Conflict', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout' };
  return reasons[code] ?? 'Unknown';
}
