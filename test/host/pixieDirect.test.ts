// Pixie direct mode in the real extension host: kubeconfig -> pl-cluster-secrets -> port-forward -> JWT -> ExecuteScript, through the commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createCertificateAuthority, issueServerCertificate, KubeApiServer, PixieFixture, ServerCertificate } from '../support/kubeApiServer';
import { latencyFixture, stackTraceFixture, VizierTestServer } from '../support/vizierServer';
import { flamelens, nextRender } from './support/extensionApi';
import { LiveServers } from './support/liveServers';
import { screenshot } from './support/screenshot';
import { themeKind } from './support/theme';
import { waitFor } from './support/wait';

const CLUSTER_ID = '5f0c7a1e-2b3d-4c5e-8f9a-0b1c2d3e4f5a';
const SIGNING_KEY = 'c2f1e0d9b8a7968574635241302f1e0dc2f1e0d9b8a7968574635241302f1e0d';

describe('Pixie direct mode through the kubeconfig', () => {
  const live = new LiveServers();
  // Vizier's service certificate names `*.pl.svc`; its CA is in secret pl/service-tls-certs.
  let brokerCert: ServerCertificate;
  let broker: VizierTestServer;
  let kube: KubeApiServer;

  before(() => {
    brokerCert = issueServerCertificate(createCertificateAuthority('vizier-ca'), { dns: ['*.pl.svc', '*.pl.svc.cluster.local', 'localhost'] });
  });

  /** A cluster with Pixie whose query broker is the Vizier test server (TLS, JWT checked), and settings pointing at its kubeconfig. */
  async function cluster(pixie: Partial<PixieFixture> = {}): Promise<void> {
    const tls = { ca: Buffer.from(brokerCert.caPem), cert: Buffer.from(brokerCert.certPem), key: Buffer.from(brokerCert.keyPem), caKey: Buffer.alloc(0) };
    broker = await live.vizier({ tls, auth: { bearerSigningKey: SIGNING_KEY }, batchRows: 8 });
    kube = await live.kube({
      contextName: 'prod-eu',
      namespaces: ['uploads', 'default-staging'],
      pixie: { clusterId: CLUSTER_ID, clusterName: 'prod-eu', jwtSigningKey: SIGNING_KEY, serviceCaPem: brokerCert.caPem, queryBroker: { host: '127.0.0.1', port: broker.port }, ...pixie },
    });
    await live.configure({ source: 'pixie', 'pixie.mode': 'direct', kubeconfig: kube.kubeconfigPath });
  }

  afterEach(() => live.release());

  it('Show Flamegraph draws the cluster profile from the query broker, with a JWT it accepts @screenshot', async () => {
    await cluster();
    const api = await flamelens();
    const { panel, report } = await nextRender(api, () => vscode.commands.executeCommand('flamelens.showFlamegraph', { window: '5m', namespace: 'default' }));
    assert.equal(
      report.rootValue,
      stackTraceFixture()
        .filter((row) => row.namespace === 'default')
        .reduce((sum, row) => sum + row.count, 0),
    );
    assert.match(panel.panel.title, /^direct · .+ · 5m · namespace default$/);

    const call = broker.lastCall();
    assert.equal(call.queryName, 'flamelens/stack_traces');
    assert.equal(call.clusterId, CLUSTER_ID);
    assert.deepEqual(call.funcs[0].args, { start_time: '-5m', namespace: 'default', pod: '' });
    assert.match(call.metadata.authorization ?? '', /^bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    // The broker checked signature, audience and expiry before answering; these are the claims it read.
    assert.ok(call.claims, 'the broker did not accept a token');
    assert.deepEqual(call.claims.aud, 'vizier');
    assert.ok(typeof call.claims.exp === 'number' && call.claims.exp > Date.now() / 1000);
    // Reached through a port-forward to the broker's pod, found from its service.
    // One forwarded connection checks the broker's certificate, the next carries gRPC: all to the broker's pod.
    assert.ok(kube.portForwards.length >= 1, 'no port-forward was opened');
    for (const forward of kube.portForwards) {
      assert.equal(forward.namespace, 'pl');
      assert.match(forward.pod, /^vizier-query-broker-/);
      assert.equal(forward.port, 50300);
    }
    await screenshot(`pixie-direct-flamegraph-${themeKind()}`);
  });

  it('Show Service Latency fills the view through the same port-forward', async () => {
    await cluster();
    const api = await flamelens();
    const shown = await vscode.commands.executeCommand<boolean>('flamelens.showServiceLatency', { window: '5m' });
    assert.equal(shown, true);
    const table = api.latency.current?.table;
    assert.equal(table?.endpoints.length, latencyFixture(300).endpoints.length);
    assert.equal(table?.endpoints.find((e) => e.method === 'GET' && e.path === '/admin')?.p99Ms, 3420);
    assert.equal(broker.lastCall().queryName, 'flamelens/http_latency');
    assert.ok(broker.lastCall().claims);
    await waitFor('the latency webview to report a draw', () => api.latency.current?.lastRendered);

    // A second request reuses the connection: the cluster's secret is not read again.
    const { report } = await nextRender(api, () => vscode.commands.executeCommand('flamelens.showFlamegraph', { window: '5m' }));
    assert.equal(report.rootValue, stackTraceFixture().reduce((sum, row) => sum + row.count, 0));
    assert.equal(kube.requests.filter((r) => r.path.startsWith('/api/v1/namespaces/pl/secrets/pl-cluster-secrets')).length, 1);
  });

  it('a broker that refuses the token (its signing key changed): the view says so and what to do', async () => {
    await cluster({ jwtSigningKey: 'a-rotated-signing-key-the-broker-does-not-know-0123456789abcdef' });
    const api = await flamelens();
    const shown = await vscode.commands.executeCommand<boolean>('flamelens.showFlamegraph', { window: '5m' });
    assert.equal(shown, false);
    assert.equal(broker.lastCall().claims, undefined);
    const message = api.flamegraphs.activePanel?.lastMessage;
    assert.ok(message?.type === 'error', `the view shows ${JSON.stringify(message)}`);
    assert.match(message.message, /refused the token/);
    assert.match(message.message, /jwt-signing-key/);
    assert.ok(!message.message.includes('a-rotated-signing-key'), 'the message shows the signing key');
  });

  it('Pixie not installed in the context: the view says where it looked', async () => {
    broker = await live.vizier({});
    kube = await live.kube({ contextName: 'no-pixie' });
    await live.configure({ source: 'pixie', 'pixie.mode': 'direct', kubeconfig: kube.kubeconfigPath });
    const api = await flamelens();
    const shown = await vscode.commands.executeCommand<boolean>('flamelens.showFlamegraph', { window: '5m' });
    assert.equal(shown, false);
    const message = api.flamegraphs.activePanel?.lastMessage;
    assert.ok(message?.type === 'error', `the view shows ${JSON.stringify(message)}`);
    assert.match(message.message, /no-pixie/);
    assert.match(message.message, /\bpl\b/);
    assert.equal(broker.calls.length, 0);
  });
});
