// Forwards a local 127.0.0.1 port to a pod port through the API server (client-node's WebSocket PortForward), one WebSocket per TCP connection.

import { createServer, Server, Socket } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { PortForward } from '@kubernetes/client-node';
import type { ClusterApi } from './clusterApi';
import { explainKubeError, KubeError, KubeOperation } from './kubeError';
import { resolveServiceTarget, ServiceTarget } from './serviceTarget';

export interface PodPortForward {
  /** `127.0.0.1:<port>` */
  readonly address: string;
  readonly localPort: number;
  readonly namespace: string;
  /** The pod (and its port) the latest connection went to. */
  readonly pod: string;
  readonly podPort: number;
  /** The last failure a forwarded connection met (pod port refused, pod gone, RBAC, API server gone). */
  readonly lastError?: KubeError;
  /** Connections forwarded so far. */
  readonly connections: number;
  /** Stops listening and drops every forwarded connection. Idempotent. */
  close(): Promise<void>;
}

interface ForwardSocket {
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  close(): void;
  terminate?(): void;
}

/** Forwards to one pod's port. */
export function forwardPodPort(api: ClusterApi, namespace: string, pod: string, podPort: number): Promise<PodPortForward> {
  return forward(api, namespace, { pod, podPort }, async () => ({ pod, podPort }));
}

/**
 * Forwards to the pod behind a service port, as `kubectl port-forward svc/...` does. When a
 * connection finds its pod gone or not running (a restart), the next connection looks the
 * service up again, so a long-lived endpoint follows the deployment.
 */
export async function forwardServicePort(api: ClusterApi, namespace: string, service: string, servicePort: number, first?: ServiceTarget): Promise<PodPortForward> {
  const initial = first ?? (await resolveServiceTarget(api, namespace, service, servicePort));
  return forward(api, namespace, initial, () => resolveServiceTarget(api, namespace, service, servicePort));
}

async function forward(api: ClusterApi, namespace: string, initial: ServiceTarget, resolveTarget: () => Promise<ServiceTarget>): Promise<PodPortForward> {
  const forwarder = new PortForward(api.resolved.config, true);
  const sockets = new Set<Socket>();
  const webSockets = new Set<ForwardSocket>();
  let closed = false;
  let lastError: KubeError | undefined;
  let connections = 0;
  let current = initial;
  let target: Promise<ServiceTarget> | undefined = Promise.resolve(initial);

  const failed = (err: KubeError, socket: Socket) => {
    lastError = err;
    // A vanished or stopped pod is worth looking up again next time; RBAC or a refused port is not.
    if (isStalePod(err)) target = undefined;
    socket.destroy();
  };

  const handle = async (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
    // client-node closes the WebSocket when its input ends; v4.channel.k8s.io cannot half-close,
    // so a local half-close would cut the reply short. The input therefore never ends: the
    // WebSocket closes when the local socket is fully closed. It also buffers (with
    // backpressure) what the client sends before the WebSocket is open.
    const input = new PassThrough();
    socket.pipe(input, { end: false });
    let pod: ServiceTarget | undefined;
    let ws: ForwardSocket | undefined;
    const errors = new Writable({
      // Channel 1 carries the kubelet's complaint when the pod port cannot be dialled.
      write(chunk: Buffer, _encoding, done) {
        const text = chunk.toString('utf8').trim();
        if (text && pod) failed(new KubeError('port-forward', `Port-forward to ${namespace}/${pod.pod}:${pod.podPort} failed: ${text}`), socket);
        done();
      },
    });
    while (!ws) {
      const previous = pod;
      try {
        target ??= resolveTarget();
        pod = await target;
        current = pod;
      } catch (err) {
        target = undefined;
        return failed(err instanceof KubeError ? err : new KubeError('port-forward', String(err)), socket);
      }
      if (previous && previous.pod === pod.pod) return failed(lastError!, socket);
      const operation = api.operation({ verb: 'create', resource: 'pods/portforward', namespace, name: pod.pod });
      try {
        ws = (await forwarder.portForward(namespace, pod.pod, [pod.podPort], socket, errors, input)) as unknown as ForwardSocket;
      } catch (err) {
        const error = explainForwardError(err, operation);
        lastError = error;
        // Nothing was read from the client yet, so a pod that vanished can be swapped for its
        // replacement within this connection: look the service up once more.
        if (previous || !isStalePod(error)) return failed(error, socket);
        target = undefined;
      }
    }
    if (closed || socket.destroyed) {
      ws.close();
      return;
    }
    const open = ws;
    webSockets.add(open);
    open.on('error', () => socket.destroy());
    open.on('close', () => {
      webSockets.delete(open);
      socket.end();
    });
    socket.on('close', () => open.close());
  };

  const server: Server = createServer((socket) => void handle(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined);
  const address = server.address();
  const localPort = typeof address === 'object' && address ? address.port : 0;

  return {
    address: `127.0.0.1:${localPort}`,
    localPort,
    namespace,
    get pod() {
      return current.pod;
    },
    get podPort() {
      return current.podPort;
    },
    get lastError() {
      return lastError;
    },
    get connections() {
      return connections;
    },
    close: () => {
      if (closed) return Promise.resolve();
      closed = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const ws of webSockets) (ws.terminate ?? ws.close).call(ws);
      webSockets.clear();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      return stopped;
    },
  };
}

function isStalePod(err: KubeError): boolean {
  return err.kind === 'not-found' || (err.kind === 'port-forward' && err.status === 400);
}

/** The WebSocket upgrade fails with `Unexpected server response: 403` and the like; socket and TLS errors carry a code. */
function explainForwardError(err: unknown, operation: KubeOperation): KubeError {
  const inner = (err as { error?: unknown })?.error ?? err;
  const message = (inner as { message?: string })?.message ?? (err as { message?: string })?.message ?? String(err);
  const httpStatus = /Unexpected server response: (\d{3})/.exec(message);
  if (httpStatus) {
    const code = Number(httpStatus[1]);
    if (code === 400) {
      return new KubeError('port-forward', `The API server of context "${operation.context}" refused to port-forward to ${operation.namespace}/${operation.name} (400: is the pod running?).`, 400);
    }
    return explainKubeError({ code, body: undefined }, operation);
  }
  return explainKubeError(inner, operation);
}
