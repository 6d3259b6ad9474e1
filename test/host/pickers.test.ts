// Select Cluster and Show Flamegraph started with no arguments, as from the palette: the real quick picks list the kubeconfig's contexts, the
// windows, and the namespaces and pods the Kubernetes API has; what is picked sets the settings and reaches the Vizier server.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createCertificateAuthority, issueServerCertificate, KubeApiServer, PodFixture, ServerCertificate, writeKubeconfig } from '../support/kubeApiServer';
import { stackTraceFixture, StackTraceRow, VizierTestServer } from '../support/vizierServer';
import { flamelens, nextRender } from './support/extensionApi';
import { closedAddress, LiveServers } from './support/liveServers';
import { runFromCommandPalette } from './support/palette';
import { askRunner, requestsDir } from './support/runner';
import { screenshot } from './support/screenshot';
import { themeKind } from './support/theme';
import { waitFor } from './support/wait';
import { pickQuickItem, ShownQuickPick, shownQuickPick, visibleNotifications } from './support/webviewActions';

const CLUSTER_ID = '3b9d2f4e-6a1c-4d8e-b2f0-7c5a9e1d3b6f';
const SIGNING_KEY = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d';
/** What Select Cluster writes (user settings), restored after every test. */
const PICKED_SETTINGS = ['source', 'pixie.mode', 'pixie.clusterId', 'kubeContext'] as const;
const EXTRA_NAMESPACES = ['uploads', 'default-staging'];

/** The app's pods, as the stack-trace fixture names them (`namespace/pod`). */
function appPods(): PodFixture[] {
  const names = new Set(stackTraceFixture().map((row) => row.pod));
  return [...names]
    .map((qualified) => qualified.split('/') as [string, string])
    .filter(([namespace]) => namespace !== 'pl')
    .map(([namespace, name]) => ({ namespace, name, containers: [{ name: name.split('-')[0]! }] }));
}

const samples = (rows: StackTraceRow[]) => rows.reduce((sum, row) => sum + row.count, 0);

/** Waits for the quick pick whose title matches `title` (the palette's own box may still be closing) and returns it as shown. */
async function quickPickTitled(title: RegExp): Promise<ShownQuickPick> {
  let last: ShownQuickPick | undefined;
  return waitFor(
    `a quick pick titled ${title}`,
    async () => {
      last = await shownQuickPick(5_000).catch(() => undefined);
      return last && title.test(last.title) ? last : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  ).catch((err: Error) => {
    throw new Error(`${err.message} Shown: ${last ? `"${last.title}" with ${last.items.map((i) => i.label).join(', ')}` : 'none'}`);
  });
}

/** Waits for the quick pick titled `title`, then clicks its row `label`; returns the quick pick as it was before the click. */
async function pick(title: RegExp, label: string): Promise<ShownQuickPick> {
  const shown = await quickPickTitled(title);
  await pickQuickItem(label);
  return shown;
}

let reads = 0;

/** The titles of the quick picks on screen (none when every box is closed). */
async function visibleQuickPickTitles(): Promise<string[]> {
  const dir = requestsDir();
  if (!dir) throw new Error('Reading the quick pick needs the browser, which only the code-server runner drives (npm run test:host).');
  return (await askRunner<string[]>(dir, `pickers-read-${process.pid}-${++reads}`, { kind: 'read', selector: '.quick-input-widget .quick-input-title' })) ?? [];
}

/** Runs Select Cluster from the palette and picks `context` in its list; returns the list as shown. */
async function selectCluster(context: string): Promise<ShownQuickPick> {
  await runFromCommandPalette('Flamelens: Select Cluster', 'flamelens.selectCluster');
  return pick(/^Flamelens: cluster/, context);
}

/** The notification toast that mentions `text`, once one is shown. */
function notificationAbout(text: string): Promise<string> {
  return waitFor(`a notification about ${text}`, async () => (await visibleNotifications()).find((m) => m.includes(text)));
}

function globalValues(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('flamelens');
  return Object.fromEntries(PICKED_SETTINGS.map((key) => [key, config.inspect(key)?.globalValue]));
}

describe('Select Cluster and the Show Flamegraph pickers, driven in the quick picks', () => {
  const live = new LiveServers();
  let brokerCert: ServerCertificate;
  let broker: VizierTestServer;
  let kube: KubeApiServer;
  let dir: string;

  before(() => {
    brokerCert = issueServerCertificate(createCertificateAuthority('vizier-ca'), { dns: ['*.pl.svc', '*.pl.svc.cluster.local', 'localhost'] });
  });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'flamelens-pickers-'));
    assert.deepEqual(globalValues(), Object.fromEntries(PICKED_SETTINGS.map((key) => [key, undefined])), 'an earlier test left cluster settings behind');
  });

  afterEach(async () => {
    // A quick pick left open by a failed test would swallow the next test's clicks.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const config = vscode.workspace.getConfiguration('flamelens');
    for (const key of PICKED_SETTINGS) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
    await live.release();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A cluster with Pixie whose query broker (behind the port-forward) is the Vizier test server, and the app's pods. */
  async function pixieCluster(contextName: string): Promise<void> {
    const tls = { ca: Buffer.from(brokerCert.caPem), cert: Buffer.from(brokerCert.certPem), key: Buffer.from(brokerCert.keyPem), caKey: Buffer.alloc(0) };
    broker = await live.vizier({ tls, auth: { bearerSigningKey: SIGNING_KEY }, batchRows: 8 });
    kube = await live.kube({
      contextName,
      namespaces: EXTRA_NAMESPACES,
      pods: appPods(),
      pixie: { clusterId: CLUSTER_ID, clusterName: contextName, jwtSigningKey: SIGNING_KEY, serviceCaPem: brokerCert.caPem, queryBroker: { host: '127.0.0.1', port: broker.port } },
    });
  }

  it('Select Cluster lists every context with what was found; picking Pixie + Direct configures it and Show Flamegraph draws its profile @screenshot', async () => {
    await pixieCluster('prod-eu');
    const bare = await live.kube({ contextName: 'dev-kind' });
    const down = { ...bare.entry, name: 'old-gke', server: `https://${await closedAddress()}` };
    // The current context is one without Pixie: the picked context must be the one used afterwards.
    const kubeconfig = writeKubeconfig(path.join(dir, 'config'), [kube.entry, bare.entry, down], 'dev-kind');
    await live.configure({ kubeconfig });

    await runFromCommandPalette('Flamelens: Select Cluster', 'flamelens.selectCluster');
    const clusters = await quickPickTitled(/^Flamelens: cluster/);
    assert.match(clusters.title, new RegExp(`\\(${kubeconfig.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
    assert.deepEqual(
      clusters.items.map((i) => i.label),
      ['prod-eu', 'dev-kind', 'old-gke'],
    );
    const row = (context: string) => clusters.items.find((i) => i.label === context)!;
    assert.equal(row('prod-eu').description, kube.url);
    assert.match(row('prod-eu').ariaLabel, /Pixie prod-eu · cloud \(withpixie\.ai:443\) or direct/);
    assert.match(row('dev-kind').ariaLabel, /Pixie not found: namespace pl not found/);
    assert.match(row('old-gke').ariaLabel, /API server unreachable: Cannot reach the Kubernetes API server https:\/\/127\.0\.0\.1:\d+ of context "old-gke" \(ECONNREFUSED\)/);
    // Discovery is over: its progress notification closes (VS Code keeps one at least 800 ms).
    await waitFor('the discovery progress to close', async () => !(await visibleNotifications()).some((m) => /looking for Pixie/.test(m)));
    await screenshot(`select-cluster-${themeKind()}`);

    await pickQuickItem('prod-eu');
    const modes = await pick(/^Flamelens: how to reach Pixie in prod-eu$/, 'Direct');
    assert.deepEqual(
      modes.items.map((i) => i.label),
      ['Cloud', 'Direct'],
    );
    await waitFor('Select Cluster to write the settings', () => globalValues().source === 'pixie');
    assert.deepEqual(globalValues(), { source: 'pixie', 'pixie.mode': 'direct', 'pixie.clusterId': CLUSTER_ID, kubeContext: 'prod-eu' });
    const said = await notificationAbout('prod-eu');
    assert.match(said, /Flamelens now uses Pixie in "prod-eu" \(direct\)/);
    await vscode.commands.executeCommand('notifications.clearAll');

    const api = await flamelens();
    const { panel, report } = await nextRender(api, async () => {
      await runFromCommandPalette('Flamelens: Show Flamegraph', 'flamelens.showFlamegraph');
      await pick(/^Flamelens: time window$/, '5m');
      await pick(/^Flamelens: scope$/, 'Whole cluster');
    });
    assert.equal(report.rootValue, samples(stackTraceFixture()));
    assert.match(panel.panel.title, /^direct · .*prod-eu.* · 5m$/);
    const call = broker.lastCall();
    assert.equal(call.queryName, 'flamelens/stack_traces');
    assert.equal(call.clusterId, CLUSTER_ID);
    assert.deepEqual(call.funcs[0].args, { start_time: '-5m', namespace: '', pod: '' });
    assert.ok(call.claims, 'the broker did not accept the token');
    assert.ok(kube.portForwards.length >= 1, 'no port-forward was opened to the picked context');
    assert.equal(bare.portForwards.length, 0);
  });

  it('Select Cluster: picking a context without Pixie, or one whose API server is down, says so and changes no setting', async () => {
    await pixieCluster('prod-eu');
    const bare = await live.kube({ contextName: 'dev-kind' });
    const down = { ...bare.entry, name: 'old-gke', server: `https://${await closedAddress()}` };
    await live.configure({ kubeconfig: writeKubeconfig(path.join(dir, 'config'), [kube.entry, bare.entry, down]) });
    const before = globalValues();

    await selectCluster('dev-kind');
    assert.match(await notificationAbout('dev-kind'), /^Pixie was not found in context "dev-kind": namespace pl not found\.$/);
    // No second step (the mode) was offered, and nothing was written.
    assert.deepEqual(await visibleQuickPickTitles(), []);
    assert.deepEqual(globalValues(), before);
    await vscode.commands.executeCommand('notifications.clearAll');

    await selectCluster('old-gke');
    assert.match(
      await notificationAbout('old-gke'),
      /^Context "old-gke" cannot be used: Cannot reach the Kubernetes API server https:\/\/127\.0\.0\.1:\d+ of context "old-gke" \(ECONNREFUSED\)\. Is the cluster running/,
    );
    assert.deepEqual(await visibleQuickPickTitles(), []);
    assert.deepEqual(globalValues(), before);
  });

  describe('Show Flamegraph with no arguments, direct mode', () => {
    beforeEach(async () => {
      await pixieCluster('prod-eu');
      await live.configure({ source: 'pixie', 'pixie.mode': 'direct', kubeconfig: kube.kubeconfigPath });
    });

    it('the window pick lists 30s, 5m, 15m, 1h with the default marked; the namespace pick lists the cluster\'s namespaces', async () => {
      const api = await flamelens();
      let windows: ShownQuickPick | undefined;
      let namespaces: ShownQuickPick | undefined;
      const { panel, report } = await nextRender(api, async () => {
        await runFromCommandPalette('Flamelens: Show Flamegraph', 'flamelens.showFlamegraph');
        windows = await pick(/^Flamelens: time window$/, '15m');
        await pick(/^Flamelens: scope$/, 'Namespace…');
        namespaces = await pick(/^Flamelens: namespace$/, 'default');
      });

      assert.deepEqual(
        windows!.items.map((i) => i.label),
        ['30s', '5m', '15m', '1h'],
      );
      assert.deepEqual(
        windows!.items.filter((i) => i.description).map((i) => [i.label, i.description]),
        [['5m', 'default (flamelens.window)']],
      );
      // What the Kubernetes API server has, sorted; read from it, not from a profile.
      assert.deepEqual(
        namespaces!.items.map((i) => i.label),
        ['default', 'default-staging', 'kube-system', 'pl', 'uploads'],
      );
      assert.ok(kube.requests.some((r) => r.path.split('?')[0] === '/api/v1/namespaces' && r.status === 200), 'the namespaces were not listed from the API');

      const call = broker.lastCall();
      assert.deepEqual(call.funcs[0].args, { start_time: '-15m', namespace: 'default', pod: '' });
      assert.equal(report.rootValue, samples(stackTraceFixture().filter((row) => row.namespace === 'default')));
      assert.match(panel.panel.title, /· 15m · namespace default$/);
    });

    it('the pod pick lists the pods of the chosen namespace from the API, and the profile is that pod\'s', async () => {
      const api = await flamelens();
      const pod = 'admin-7c9f8b6d4-lx2qp';
      let pods: ShownQuickPick | undefined;
      const { panel, report } = await nextRender(api, async () => {
        await runFromCommandPalette('Flamelens: Show Flamegraph', 'flamelens.showFlamegraph');
        await pick(/^Flamelens: time window$/, '5m');
        await pick(/^Flamelens: scope$/, 'Pod…');
        await pick(/^Flamelens: namespace$/, 'default');
        pods = await pick(/^Flamelens: pod in default$/, pod);
      });

      assert.deepEqual(
        pods!.items.map((i) => i.label),
        appPods()
          .filter((p) => p.namespace === 'default')
          .map((p) => p.name)
          .sort(),
      );
      assert.ok(kube.requests.some((r) => r.path.split('?')[0] === '/api/v1/namespaces/default/pods' && r.status === 200), 'the pods were not listed from the API');
      const call = broker.lastCall();
      assert.deepEqual(call.funcs[0].args, { start_time: '-5m', namespace: 'default', pod });
      assert.equal(report.rootValue, samples(stackTraceFixture().filter((row) => row.pod === `default/${pod}`)));
      assert.match(panel.panel.title, new RegExp(`· 5m · pod ${pod}$`));
    });
  });
});
