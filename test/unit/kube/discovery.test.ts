import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createTcpServer, Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverCluster, discoverClusters, KubeError, listNamespaces, listPods } from '../../../src/sources/kube';
import { createCertificateAuthority, KubeApiServer, startKubeApiServer, writeKubeconfig } from '../../support/kubeApiServer';

const CLUSTER_ID = 'b7e4f0a2-5c1d-4e3f-9a8b-2c6d0e1f3a4b';

describe('Kubernetes discovery through @kubernetes/client-node', () => {
  const servers: KubeApiServer[] = [];
  let dir: string;
  const start = async (options: Parameters<typeof startKubeApiServer>[0]) => {
    const server = await startKubeApiServer(options);
    servers.push(server);
    return server;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flamelens-discovery-'));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds Pixie: cluster id and name from the secret, cloud address from pl-cloud-config, Vizier pods', async () => {
    const kube = await start({ pixie: { clusterId: CLUSTER_ID, clusterName: 'prod-eu', cloudAddress: 'work.withpixie.ai:443' } });
    const info = await discoverCluster({ kubeconfig: kube.kubeconfigPath });
    assert.equal(info.context, 'test-cluster');
    assert.equal(info.server, kube.url);
    assert.equal(info.current, true);
    assert.equal(info.reachable, true);
    assert.equal(info.pixie.found, true);
    assert.equal(info.pixie.clusterId, CLUSTER_ID);
    assert.equal(info.pixie.clusterName, 'prod-eu');
    assert.equal(info.pixie.cloudAddress, 'work.withpixie.ai:443');
    assert.deepEqual(info.pixie.vizierPods, { total: 5, ready: 5 });
    assert.equal(info.pixie.directMode, true);
    assert.deepEqual(info.pixie.notes, []);
    // The signing key is read to check it is there, never handed out.
    assert.ok(!JSON.stringify(info).includes(kube.pixie!.jwtSigningKey));
    assert.ok(kube.requests.some((r) => r.path === '/api/v1/namespaces/pl/pods?labelSelector=component%3Dvizier'));
  });

  it('says "namespace pl not found" where Pixie is not installed', async () => {
    const kube = await start({ namespaces: ['shop'] });
    const info = await discoverCluster({ kubeconfig: kube.kubeconfigPath });
    assert.equal(info.reachable, true);
    assert.equal(info.pixie.found, false);
    assert.equal(info.pixie.reason, 'namespace pl not found');
  });

  it('still finds Pixie when RBAC refuses the cluster secret, and says what is missing', async () => {
    const kube = await start({ pixie: { cloudAddress: 'pixie.example.com:443' }, user: 'dev@example.com', forbidden: [{ verb: 'get', resource: 'secrets', namespace: 'pl' }] });
    const info = await discoverCluster({ kubeconfig: kube.kubeconfigPath });
    assert.equal(info.pixie.found, true);
    assert.equal(info.pixie.clusterId, undefined);
    assert.equal(info.pixie.directMode, false);
    assert.equal(info.pixie.cloudAddress, 'pixie.example.com:443');
    assert.equal(info.pixie.notes.length, 1);
    assert.match(info.pixie.notes[0]!, /RBAC forbids "get" on "secrets" in namespace "pl"/);
    assert.match(info.pixie.notes[0]!, /User "dev@example.com" cannot get resource "secrets"/);
  });

  it('cannot tell when RBAC refuses every read in pl, and says so', async () => {
    const kube = await start({
      pixie: {},
      forbidden: [
        { verb: 'get', resource: 'namespaces' },
        { verb: 'list', resource: 'pods', namespace: 'pl' },
        { verb: 'get', resource: 'secrets', namespace: 'pl' },
        { verb: 'get', resource: 'configmaps', namespace: 'pl' },
      ],
    });
    const info = await discoverCluster({ kubeconfig: kube.kubeconfigPath });
    assert.equal(info.reachable, true);
    assert.equal(info.pixie.found, false);
    assert.match(info.pixie.reason!, /^cannot tell: /);
    assert.match(info.pixie.reason!, /"list" on "pods" in namespace "pl"/);
  });

  it('reports refused credentials (401) as such', async () => {
    const kube = await start({ pixie: {}, kubeconfigToken: 'expired-token' });
    const info = await discoverCluster({ kubeconfig: kube.kubeconfigPath });
    assert.equal(info.reachable, false);
    assert.equal(info.error?.kind, 'unauthorized');
    assert.match(info.error!.message, /refused the credentials \(401 Unauthorized\)/);
    assert.equal(info.pixie.found, false);
    assert.ok(!info.error!.message.includes('expired-token'));
  });

  it('reports an API server that is down', async () => {
    const port = await closedPort();
    const kubeconfig = writeKubeconfig(join(dir, 'config'), [{ name: 'gone', server: `https://127.0.0.1:${port}`, caPem: createCertificateAuthority().certPem, token: 't' }]);
    const info = await discoverCluster({ kubeconfig });
    assert.equal(info.error?.kind, 'unreachable');
    assert.match(info.error!.message, new RegExp(`Cannot reach the Kubernetes API server https://127.0.0.1:${port} of context "gone" \\(ECONNREFUSED\\)`));
  });

  it('reports a server certificate the kubeconfig CA does not trust', async () => {
    const kube = await start({ pixie: {} });
    const kubeconfig = writeKubeconfig(join(dir, 'config'), [{ ...kube.entry, caPem: createCertificateAuthority('some-other-ca').certPem }]);
    const info = await discoverCluster({ kubeconfig });
    assert.equal(info.error?.kind, 'tls');
    assert.match(info.error!.message, /TLS verification of the Kubernetes API server .* failed for context "test-cluster"/);
    // Nothing reached the HTTP layer.
    assert.equal(kube.requests.length, 0);
  });

  it('passes on an API server error with its Status message', async () => {
    const kube = await start({ pixie: {}, faults: [{ path: '/api/v1/namespaces/pl/secrets/pl-cluster-secrets', code: 500, message: 'etcdserver: request timed out' }] });
    const info = await discoverCluster({ kubeconfig: kube.kubeconfigPath });
    assert.equal(info.error?.kind, 'api');
    assert.match(info.error!.message, /answered 500 to "get" secret pl\/pl-cluster-secrets: etcdserver: request timed out/);
  });

  it('gives up on a server that never answers, instead of hanging', async () => {
    // Accepts and reads, never answers (a TLS handshake that never completes).
    const silent = createTcpServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (silent.address() as { port: number }).port;
      const kubeconfig = writeKubeconfig(join(dir, 'config'), [{ name: 'blackhole', server: `https://127.0.0.1:${port}`, caPem: createCertificateAuthority().certPem, token: 't' }]);
      const info = await discoverCluster({ kubeconfig, timeoutMs: 300 });
      assert.equal(info.error?.kind, 'timeout');
      assert.match(info.error!.message, /did not answer within/);
    } finally {
      await closeTcp(silent);
    }
  });

  it('stops when cancelled', async () => {
    const kube = await start({ pixie: {} });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(discoverCluster({ kubeconfig: kube.kubeconfigPath, signal: controller.signal }), (err: unknown) => err instanceof KubeError && err.kind === 'cancelled');
  });

  it('lists every context of a kubeconfig, each with its own answer, the current one marked', async () => {
    const withPixie = await start({ pixie: { clusterId: CLUSTER_ID }, contextName: 'prod' });
    const without = await start({ contextName: 'staging' });
    const port = await closedPort();
    const kubeconfig = writeKubeconfig(
      join(dir, 'config'),
      [withPixie.entry, without.entry, { name: 'old', server: `https://127.0.0.1:${port}`, caPem: withPixie.certificate.caPem, token: 'x' }],
      'staging',
    );
    const found = await discoverClusters({ kubeconfig });
    assert.equal(found.currentContext, 'staging');
    assert.deepEqual(
      found.clusters.map((c) => [c.context, c.current, c.pixie.found, c.error?.kind]),
      [
        ['prod', false, true, undefined],
        ['staging', true, false, undefined],
        ['old', false, false, 'unreachable'],
      ],
    );
    assert.equal(found.clusters[0]!.pixie.clusterId, CLUSTER_ID);
  });

  it('uses $KUBECONFIG when no file is given, and a named context over the current one', async () => {
    const a = await start({ contextName: 'a' });
    const b = await start({ contextName: 'b', pixie: {} });
    const kubeconfig = writeKubeconfig(join(dir, 'config'), [a.entry, b.entry]);
    const info = await discoverCluster({ env: { KUBECONFIG: kubeconfig }, context: 'b' });
    assert.equal(info.context, 'b');
    assert.equal(info.current, false);
    assert.equal(info.pixie.found, true);
  });

  it('explains a missing kubeconfig, an unknown context and a malformed file', async () => {
    await assert.rejects(discoverCluster({ kubeconfig: join(dir, 'nope') }), /Kubeconfig .*nope does not exist/);
    await assert.rejects(discoverCluster({ env: { HOME: dir } }), /No kubeconfig found at .*\.kube\/config/);
    const kube = await start({});
    await assert.rejects(discoverCluster({ kubeconfig: kube.kubeconfigPath, context: 'prod' }), /Context "prod" is not in kubeconfig .* Known contexts: test-cluster/);
    const bad = join(dir, 'bad');
    writeFileSync(bad, 'clusters: [\n  - name: x\n    cluster: {}\n');
    await assert.rejects(discoverCluster({ kubeconfig: bad }), (err: unknown) => err instanceof KubeError && err.kind === 'config' && /cannot be read/.test(err.message));
  });

  it('lists namespaces and pods for the scope pickers', async () => {
    const kube = await start({
      pixie: {},
      namespaces: ['shop'],
      pods: [
        { namespace: 'shop', name: 'frontend-6c9f7d8b5-2xkqp', labels: { app: 'frontend' }, containers: [{ name: 'web' }, { name: 'envoy' }] },
        { namespace: 'shop', name: 'admin-7b5d9c6f4-hv8nw', labels: { app: 'admin' }, phase: 'Pending', ready: false },
      ],
    });
    const target = { kubeconfig: kube.kubeconfigPath };
    assert.deepEqual(await listNamespaces(target), ['default', 'kube-system', 'pl', 'shop']);
    const pods = await listPods(target, 'shop');
    assert.deepEqual(
      pods.map((p) => [p.name, p.phase, p.ready, p.containers]),
      [
        ['admin-7b5d9c6f4-hv8nw', 'Pending', false, ['app']],
        ['frontend-6c9f7d8b5-2xkqp', 'Running', true, ['web', 'envoy']],
      ],
    );
    assert.deepEqual(await listPods(target, 'no-such-namespace'), []);
  });

  it('explains RBAC refusing the namespace list', async () => {
    const kube = await start({ forbidden: [{ verb: 'list', resource: 'namespaces' }] });
    await assert.rejects(listNamespaces({ kubeconfig: kube.kubeconfigPath }), (err: unknown) => {
      assert.ok(err instanceof KubeError);
      assert.equal(err.kind, 'forbidden');
      assert.match(err.message, /RBAC forbids "list" on "namespaces" cluster-wide .* Ask a cluster admin for "list" on "namespaces" cluster-wide\./);
      return true;
    });
  });
});

async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  await closeTcp(server);
  return port;
}

function closeTcp(server: TcpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
