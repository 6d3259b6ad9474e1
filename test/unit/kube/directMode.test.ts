import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { connectDirect, endpointFromKube, KubeError, signVizierJwt, verifyVizierJwt } from '../../../src/sources/kube';
import type { VizierEndpoint } from '../../../src/sources/pixie/endpoint';
import { pixieResourcePath } from '../../../src/sources/pixie/resources';
import { ARG_NAMESPACE, ARG_POD, ARG_START_TIME, STACK_TRACES_SCRIPT } from '../../../src/sources/pixie/scripts';
import { VizierClient } from '../../../src/sources/pixie/vizierClient';
import { VizierError } from '../../../src/sources/pixie/vizierError';
import {
  createCertificateAuthority,
  issueServerCertificate,
  KubeApiServer,
  KubeApiServerOptions,
  PixieFixture,
  ServerCertificate,
  startKubeApiServer,
} from '../../support/kubeApiServer';
import { filterStackRows, stackTraceFixture, startVizierTestServer, VizierTestServer } from '../../support/vizierServer';

const CLUSTER_ID = '5f0c7a1e-2b3d-4c5e-8f9a-0b1c2d3e4f5a';
const SIGNING_KEY = 'c2f1e0d9b8a7968574635241302f1e0dc2f1e0d9b8a7968574635241302f1e0d';

describe('Direct mode end to end: kubeconfig -> secret -> port-forward -> JWT -> ExecuteScript', () => {
  // Vizier's service certificate names `*.pl.svc` (pixie-io/pixie src/utils/shared/certs).
  let brokerCert: ServerCertificate;
  let broker: VizierTestServer;
  const kubes: KubeApiServer[] = [];
  const endpoints: VizierEndpoint[] = [];

  before(async () => {
    brokerCert = issueServerCertificate(createCertificateAuthority('vizier-ca'), { dns: ['*.pl.svc', '*.pl.svc.cluster.local', '*.pl.pod.cluster.local', 'localhost'] });
    broker = await startVizierTestServer({
      tls: { ca: Buffer.from(brokerCert.caPem), cert: Buffer.from(brokerCert.certPem), key: Buffer.from(brokerCert.keyPem), caKey: Buffer.alloc(0) },
      auth: { bearerSigningKey: SIGNING_KEY },
      batchRows: 4,
    });
  });
  after(() => broker.close());
  afterEach(async () => {
    for (const e of endpoints.splice(0)) e.dispose?.();
    await Promise.all(kubes.splice(0).map((k) => k.close()));
  });

  const cluster = async (pixie: Partial<PixieFixture> | false = {}, extra: Omit<KubeApiServerOptions, 'pixie'> = {}) => {
    const kube = await startKubeApiServer({
      ...extra,
      pixie:
        pixie === false
          ? false
          : { clusterId: CLUSTER_ID, clusterName: 'prod-eu', jwtSigningKey: SIGNING_KEY, serviceCaPem: brokerCert.caPem, queryBroker: { host: '127.0.0.1', port: broker.port }, ...pixie },
    });
    kubes.push(kube);
    return kube;
  };
  const connectTo = async (kube: KubeApiServer, signal?: AbortSignal) => {
    const endpoint = await connectDirect({ kubeconfigPath: kube.kubeconfigPath, signal });
    endpoints.push(endpoint);
    return endpoint;
  };
  const stackTraces = (client: VizierClient, namespace: string) => {
    const rows: number[] = [];
    return client
      .executeScript({
        script: readFileSync(pixieResourcePath('pxl', STACK_TRACES_SCRIPT.file), 'utf8'),
        queryName: STACK_TRACES_SCRIPT.queryName,
        funcs: [{ name: 'stack_traces', outputTable: 'stack_traces', args: { [ARG_START_TIME]: '-5m', [ARG_NAMESPACE]: namespace, [ARG_POD]: '' } }],
        onBatch: (batch) => void rows.push(batch.numRows),
      })
      .then((summary) => ({ summary, rows }));
  };

  it('runs a PxL script on the query broker through the port-forward, with a JWT the broker accepts', async () => {
    const kube = await cluster();
    const endpoint = await connectTo(kube);
    assert.match(endpoint.address, /^127\.0\.0\.1:\d+$/);
    assert.equal(endpoint.label, 'direct · test-cluster');
    assert.equal(endpoint.clusterId, CLUSTER_ID);
    assert.deepEqual(endpoint.tls, { ca: Buffer.from(brokerCert.caPem), serverName: 'vizier-query-broker-svc.pl.svc' });

    const client = new VizierClient(endpoint);
    try {
      await client.healthCheck();
      const { summary, rows } = await stackTraces(client, 'default');
      const expected = filterStackRows(stackTraceFixture(), 'default', '').length;
      assert.ok(expected > 8, 'the fixture spans several batches');
      assert.equal(summary.rows, expected);
      assert.ok(rows.length >= Math.ceil(expected / 4));
    } finally {
      client.close();
    }

    // What the broker received: the cluster id from the secret and a token its checks accept.
    const call = broker.lastCall();
    assert.equal(call.method, 'ExecuteScript');
    assert.equal(call.clusterId, CLUSTER_ID);
    const token = /^bearer (.+)$/.exec(call.metadata.authorization ?? '')?.[1];
    assert.ok(token, 'the call carried a bearer token');
    const claims = verifyVizierJwt(token, SIGNING_KEY);
    assert.deepEqual([claims.aud, claims.iss, claims.sub, claims.ServiceID, claims.Scopes], ['vizier', 'PL', 'flamelens', 'flamelens', 'service']);
    assert.equal(claims.exp - claims.nbf, 600 + 120);
    // Everything went through the API server's port-forward to the broker pod.
    assert.ok(kube.portForwards.length >= 2);
    assert.ok(kube.portForwards.every((f) => f.namespace === 'pl' && f.pod === 'vizier-query-broker-7d9c8b6f5d-x2k4q' && f.port === 50300));
  });

  it('is what `fetch --kube` gets from endpointFromKube', async () => {
    const kube = await cluster();
    const endpoint = await endpointFromKube({ kubeconfig: kube.kubeconfigPath, context: 'test-cluster' });
    endpoints.push(endpoint);
    assert.equal(endpoint.clusterId, CLUSTER_ID);
  });

  it('an expired token is refused as unauthenticated', async () => {
    const kube = await cluster();
    const endpoint = await connectTo(kube);
    const expired = signVizierJwt({ signingKey: SIGNING_KEY, now: Math.floor(Date.now() / 1000) - 3600 });
    const stale: VizierEndpoint = { address: endpoint.address, tls: endpoint.tls, clusterId: endpoint.clusterId, label: endpoint.label, metadata: { authorization: `bearer ${expired}` } };
    const client = new VizierClient(stale);
    try {
      await assert.rejects(stackTraces(client, 'default'), (err: unknown) => {
        assert.ok(err instanceof VizierError);
        assert.equal(err.kind, 'unauthenticated');
        assert.equal(err.details.code, GrpcStatus.UNAUTHENTICATED);
        assert.ok(!err.message.includes(expired));
        return true;
      });
    } finally {
      client.close();
    }
  });

  it('a token signed with another cluster key is refused as unauthenticated', async () => {
    const kube = await cluster({ jwtSigningKey: 'not-the-brokers-key' });
    const endpoint = await connectTo(kube);
    const client = new VizierClient(endpoint);
    try {
      await assert.rejects(stackTraces(client, 'default'), (err: unknown) => err instanceof VizierError && err.kind === 'unauthenticated');
    } finally {
      client.close();
    }
  });

  it('follows the query broker to its new pod after a restart', async () => {
    const kube = await cluster();
    const endpoint = await connectTo(kube);
    kube.deletePod('pl', 'vizier-query-broker-7d9c8b6f5d-x2k4q');
    kube.addPod({
      namespace: 'pl',
      name: 'vizier-query-broker-7d9c8b6f5d-r4t8z',
      labels: { app: 'pl-monitoring', component: 'vizier', name: 'vizier-query-broker' },
      containers: [{ name: 'app', ports: [{ containerPort: 50300 }] }],
      forwardTo: { host: '127.0.0.1', port: broker.port },
    });
    const client = new VizierClient(endpoint);
    try {
      await client.healthCheck();
    } finally {
      client.close();
    }
    const forwards = kube.portForwards.map((f) => f.pod);
    assert.equal(forwards[0], 'vizier-query-broker-7d9c8b6f5d-x2k4q');
    assert.equal(forwards[forwards.length - 1], 'vizier-query-broker-7d9c8b6f5d-r4t8z');
    // The old pod answered 404 and the same connection went on to the new one.
    assert.ok(kube.requests.some((r) => r.status === 404 && r.path.startsWith('/api/v1/namespaces/pl/pods/vizier-query-broker-7d9c8b6f5d-x2k4q/portforward')));
  });

  it('dispose() closes the forward', async () => {
    const kube = await cluster();
    const endpoint = await connectTo(kube);
    endpoint.dispose?.();
    const port = Number(endpoint.address.split(':')[1]);
    await assert.rejects(
      new Promise((resolve, reject) => {
        const s = connect(port, '127.0.0.1', () => resolve(s));
        s.on('error', reject);
      }),
      /ECONNREFUSED/,
    );
  });

  const refusal = async (kube: KubeApiServer, kind: string, message: RegExp) => {
    await assert.rejects(connectTo(kube), (err: unknown) => {
      assert.ok(err instanceof KubeError, String(err));
      assert.equal(err.kind, kind);
      assert.match(err.message, message);
      assert.ok(!err.message.includes(SIGNING_KEY));
      return true;
    });
  };

  it('says Pixie is not installed: namespace pl not found', async () => {
    await refusal(await cluster(false), 'not-found', /Pixie is not installed in context "test-cluster": namespace pl not found/);
  });

  it('says the broker has no ready pod', async () => {
    await refusal(await cluster({ queryBrokerReady: false }), 'port-forward', /No ready pod behind service pl\/vizier-query-broker-svc .*\(selector name=vizier-query-broker\): vizier-query-broker-7d9c8b6f5d-x2k4q \(Pending, not ready\)/);
  });

  it('says when RBAC refuses the cluster secret', async () => {
    await refusal(await cluster({}, { forbidden: [{ verb: 'get', resource: 'secrets', namespace: 'pl' }] }), 'forbidden', /RBAC forbids "get" on "secrets" in namespace "pl"/);
  });

  it('will not connect without the CA to verify the broker, and says why', async () => {
    await refusal(await cluster({ serviceCaPem: undefined }), 'not-found', /Cannot verify the Pixie query broker's TLS certificate: its CA \(ca.crt of secret pl\/service-tls-certs\) is not readable/);
  });

  it('refuses a broker certificate that the cluster CA did not sign', async () => {
    await refusal(await cluster({ serviceCaPem: createCertificateAuthority('rotated-ca').certPem }), 'tls', /does not verify against pl\/service-tls-certs ca.crt for vizier-query-broker-svc.pl.svc/);
  });

  it('reports the broker port refusing the forward', async () => {
    await refusal(await cluster({ queryBroker: undefined }), 'port-forward', /Port-forward to pl\/vizier-query-broker-7d9c8b6f5d-x2k4q:50300 failed: .*connection refused/);
  });

  it('reports RBAC refusing the port-forward', async () => {
    await refusal(await cluster({}, { forbidden: [{ verb: 'create', resource: 'pods/portforward', namespace: 'pl' }] }), 'forbidden', /"create" on "pods\/portforward" in namespace "pl"/);
  });

  it('stops when cancelled', async () => {
    const kube = await cluster();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(connectTo(kube, controller.signal), (err: unknown) => err instanceof KubeError && err.kind === 'cancelled');
  });
});
