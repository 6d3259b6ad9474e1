// Forwards a local 127.0.0.1 port to a pod port through the API server (client-node's WebSocket PortForward), one WebSocket per TCP connection.

import { createServer, Server, Socket } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { PortForward } from '@kubernetes/client-node';
import type { ClusterApi } from './clusterApi';
import { explainKubeError, KubeError } from './kubeError';

export interface PodPortForward {
  /** `127.0.0.1:<port>` */
  readonly address: string;
  readonly localPort: number;
  readonly namespace: string;
  readonly pod: string;
  readonly podPort: number;
  /** The last failure a forwarded connection met (pod port refused, RBAC, API server gone). */
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

export async function forwardPodPort(api: ClusterApi, namespace: string, pod: string, podPort: number): Promise<PodPortForward> {
  const forwarder = new PortForward(api.resolved.config, true);
  const sockets = new Set<Socket>();
  const webSockets = new Set<ForwardSocket>();
  let closed = false;
  let lastError: KubeError | undefined;
  let connections = 0;
  const operation = api.operation({ verb: 'create', resource: 'pods/portforward', namespace, name: pod });

  const handle = async (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
    // Channel 1 carries the kubelet's complaint when the pod port cannot be dialled.
    const errors = new Writable({
      write(chunk: Buffer, _encoding, done) {
        const text = chunk.toString('utf8').trim();
        if (text) {
          lastError = new KubeError('port-forward', `Port-forward to ${namespace}/${pod}:${podPort} failed: ${text}`);
          socket.destroy();
        }
        done();
      },
    });
    // client-node closes the WebSocket when its input ends; v4.channel.k8s.io cannot half-close,
    // so a local half-close would cut the reply short. The input therefore never ends: the
    // WebSocket closes when the local socket is fully closed. It also buffers (with
    // backpressure) what the client sends before the WebSocket is open.
    const input = new PassThrough();
    socket.pipe(input, { end: false });
    try {
      const ws = (await forwarder.portForward(namespace, pod, [podPort], socket, errors, input)) as unknown as ForwardSocket;
      if (closed || socket.destroyed) {
        ws.close();
        return;
      }
      webSockets.add(ws);
      ws.on('error', () => socket.destroy());
      ws.on('close', () => {
        webSockets.delete(ws);
        socket.end();
      });
      socket.on('close', () => ws.close());
    } catch (err) {
      lastError = explainForwardError(err, operation);
      socket.destroy();
    }
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
    pod,
    podPort,
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

/** The WebSocket upgrade fails with `Unexpected server response: 403` and the like; socket and TLS errors carry a code. */
function explainForwardError(err: unknown, operation: Parameters<typeof explainKubeError>[1]): KubeError {
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
