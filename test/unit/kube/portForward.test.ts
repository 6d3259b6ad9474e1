import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { connect, createServer, Server, Socket } from 'node:net';
import { ClusterApi } from '../../../src/sources/kube/clusterApi';
import { KubeError } from '../../../src/sources/kube/kubeError';
import { openContext } from '../../../src/sources/kube/kubeconfig';
import { forwardPodPort, PodPortForward } from '../../../src/sources/kube/portForward';
import { resolveServiceTarget } from '../../../src/sources/kube/serviceTarget';
import { KubeApiServer, startKubeApiServer } from '../../support/kubeApiServer';

/** Sends `payload` and resolves with as many bytes as came back, then hangs up (gRPC never half-closes either). */
function roundTrip(port: number, payload: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const socket = connect(port, '127.0.0.1', () => socket.write(payload));
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      received += d.length;
      if (received >= payload.length) {
        socket.destroy();
        resolve(Buffer.concat(chunks));
      }
    });
    socket.on('close', () => reject(new Error(`connection closed after ${received} of ${payload.length} bytes`)));
    socket.on('error', reject);
  });
}

/** Resolves when the forwarded connection is closed by the far side. */
function closedBy(port: number, send?: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => send && socket.write(send));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

describe('Port-forward through the API server (WebSocket, v4.channel.k8s.io)', () => {
  let echo: Server;
  let echoPort: number;
  let kube: KubeApiServer;
  let api: ClusterApi;
  const forwards: PodPortForward[] = [];

  before(async () => {
    // The "pod": a TCP echo.
    echo = createServer((s) => s.pipe(s));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', () => resolve()));
    echoPort = (echo.address() as { port: number }).port;
  });
  after(() => new Promise<void>((resolve) => echo.close(() => resolve())));

  beforeEach(async () => {
    kube = await startKubeApiServer({
      user: 'dev',
      namespaces: ['shop'],
      pods: [
        { namespace: 'shop', name: 'echo-5d8f9c7b6-q2w3e', labels: { app: 'echo' }, containers: [{ name: 'echo', ports: [{ name: 'grpc', containerPort: 9000 }] }], forwardTo: { host: '127.0.0.1', port: echoPort } },
        { namespace: 'shop', name: 'closed-port-0', labels: { app: 'closed' } },
        { namespace: 'shop', name: 'starting-0', labels: { app: 'starting' }, phase: 'Pending' },
      ],
      forbidden: [{ verb: 'create', resource: 'pods/portforward', namespace: 'kube-system' }],
    });
    api = ClusterApi.for(openContext({ kubeconfig: kube.kubeconfigPath }), {});
  });
  afterEach(async () => {
    await Promise.all(forwards.splice(0).map((f) => f.close()));
    await kube.close();
  });

  const forward = async (pod: string, port = 9000, namespace = 'shop') => {
    const f = await forwardPodPort(api, namespace, pod, port);
    forwards.push(f);
    return f;
  };

  it('carries bytes both ways, intact, on an ephemeral 127.0.0.1 port', async () => {
    const f = await forward('echo-5d8f9c7b6-q2w3e');
    assert.match(f.address, /^127\.0\.0\.1:\d+$/);
    assert.notEqual(f.localPort, 0);
    const payload = randomBytes(1024 * 1024 + 17);
    const back = await roundTrip(f.localPort, payload);
    assert.equal(back.length, payload.length);
    assert.equal(createHash('sha256').update(back).digest('hex'), createHash('sha256').update(payload).digest('hex'));
    assert.deepEqual(kube.portForwards, [{ namespace: 'shop', pod: 'echo-5d8f9c7b6-q2w3e', port: 9000 }]);
  });

  it('opens one forward per local connection, concurrently', async () => {
    const f = await forward('echo-5d8f9c7b6-q2w3e');
    const replies = await Promise.all(['alpha', 'beta', 'gamma'].map((w) => roundTrip(f.localPort, Buffer.from(w))));
    assert.deepEqual(replies.map(String), ['alpha', 'beta', 'gamma']);
    assert.equal(f.connections, 3);
    assert.equal(kube.portForwards.length, 3);
  });

  it('reports the pod refusing the port (error channel) and drops the connection', async () => {
    const f = await forward('closed-port-0', 50300);
    await closedBy(f.localPort, 'hello');
    assert.ok(f.lastError instanceof KubeError);
    assert.equal(f.lastError.kind, 'port-forward');
    assert.match(f.lastError.message, /Port-forward to shop\/closed-port-0:50300 failed: error forwarding port 50300 .*connection refused/);
  });

  it('reports RBAC refusing pods/portforward', async () => {
    const f = await forward('coredns-0', 53, 'kube-system');
    await closedBy(f.localPort);
    assert.equal(f.lastError?.kind, 'forbidden');
    assert.match(f.lastError!.message, /RBAC forbids "create" on "pods\/portforward" in namespace "kube-system"/);
  });

  it('reports a pod that does not exist or is not running', async () => {
    const missing = await forward('gone-0');
    await closedBy(missing.localPort);
    assert.equal(missing.lastError?.kind, 'not-found');
    const pending = await forward('starting-0');
    await closedBy(pending.localPort);
    assert.equal(pending.lastError?.kind, 'port-forward');
    assert.match(pending.lastError!.message, /refused to port-forward to shop\/starting-0 \(400: is the pod running\?\)/);
  });

  it('closes cleanly: the listener stops and open connections are dropped', async () => {
    const f = await forward('echo-5d8f9c7b6-q2w3e');
    const open = new Promise<Socket>((resolve) => {
      const socket = connect(f.localPort, '127.0.0.1', () => socket.write('ping'));
      socket.once('data', () => resolve(socket));
    });
    const socket = await open;
    const dropped = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    await f.close();
    await dropped;
    await assert.rejects(roundTrip(f.localPort, Buffer.from('x')), /ECONNREFUSED/);
    await f.close(); // idempotent
  });

  it('finds the ready pod and target port behind a service', async () => {
    const pixie = await startKubeApiServer({ pixie: {} });
    try {
      const pixieApi = ClusterApi.for(openContext({ kubeconfig: pixie.kubeconfigPath }), {});
      assert.deepEqual(await resolveServiceTarget(pixieApi, 'pl', 'vizier-query-broker-svc', 50300), { pod: 'vizier-query-broker-7d9c8b6f5d-x2k4q', podPort: 50300 });
      await assert.rejects(resolveServiceTarget(pixieApi, 'pl', 'vizier-query-broker-svc', 443), /has no port 443 \(ports: 50300, 50305\)/);
      await assert.rejects(resolveServiceTarget(pixieApi, 'pl', 'no-such-svc', 50300), (err: unknown) => err instanceof KubeError && err.kind === 'not-found');
    } finally {
      await pixie.close();
    }
  });
});
