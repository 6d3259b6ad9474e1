// Pixie Cloud mode in the real extension host: the API key set by the command lives in SecretStorage, goes to the cloud as metadata, and nowhere else.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { stackTraceFixture, VizierTestServer } from '../support/vizierServer';
import { flamelens, nextRender } from './support/extensionApi';
import { flamelensLog, LiveServers } from './support/liveServers';
import { screenshot } from './support/screenshot';
import { themeKind } from './support/theme';

const CLUSTER_ID = '8a4f6c2e-1d3b-4e5f-9a7b-0c1d2e3f4a5b';
// Short enough to type key by key, long enough to pass the box's check, unique enough to search for.
const API_KEY = 'px-api-7f3c9e1a5b2d';
const WRONG_KEY = 'px-api-refused-0b1c';

const allSamples = () => stackTraceFixture().reduce((sum, row) => sum + row.count, 0);

/** Every flamelens setting the extension declares, at every level (default, user, workspace, folder), as text. */
function everyFlamelensSetting(): string {
  const declared = Object.keys(vscode.extensions.getExtension('flamelens.flamelens')?.packageJSON.contributes.configuration.properties ?? {});
  assert.ok(declared.length > 5, 'the extension declares no settings');
  const config = vscode.workspace.getConfiguration();
  return JSON.stringify([vscode.workspace.getConfiguration('flamelens'), ...declared.map((key) => config.inspect(key))]);
}

describe('Pixie Cloud mode: the API key', () => {
  const live = new LiveServers();
  let cloud: VizierTestServer;

  beforeEach(async () => {
    // TLS with a CA of its own, as a self-hosted Pixie Cloud: flamelens.pixie.caFile says to trust it.
    cloud = await live.vizier({ tls: true, auth: { apiKey: API_KEY }, batchRows: 8 });
    assert.ok(cloud.ca);
    await live.configure({
      source: 'pixie',
      'pixie.mode': 'cloud',
      'pixie.cloudAddress': `localhost:${cloud.port}`,
      'pixie.clusterId': CLUSTER_ID,
      'pixie.caFile': live.writePem('cloud-ca.pem', cloud.ca),
    });
  });
  afterEach(() => live.release());

  it('"Set Pixie API Key" stores the key; Show Flamegraph sends it to the cloud, and no setting or log holds it @screenshot', async () => {
    const { stored, title, masked } = await live.storeApiKey(API_KEY);
    assert.equal(stored, true);
    assert.match(title, /Pixie API key/);
    assert.equal(masked, true, 'the input box shows the key as it is typed');

    const api = await flamelens();
    const { panel, report } = await nextRender(api, () => vscode.commands.executeCommand('flamelens.showFlamegraph', { window: '5m' }));
    assert.equal(report.rootValue, allSamples());
    assert.equal(panel.panel.title, `cloud · ${CLUSTER_ID} · 5m`);
    const call = cloud.lastCall();
    assert.equal(call.metadata['pixie-api-key'], API_KEY);
    assert.equal(call.metadata['pixie-api-client'], 'flamelens');
    assert.equal(call.clusterId, CLUSTER_ID);
    assert.equal(call.queryName, 'flamelens/stack_traces');

    assert.ok(!everyFlamelensSetting().includes(API_KEY), 'the API key is in the settings');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration()).includes(API_KEY), 'the API key is in the settings');
    const log = await flamelensLog((text) => text.includes(`source: cloud · ${CLUSTER_ID}`) && text.includes('Pixie API key stored'));
    assert.ok(!log.includes(API_KEY), 'the API key is in the log');
    await screenshot(`pixie-cloud-flamegraph-${themeKind()}`);
  });

  it('a refused key: the view says so without showing the key, and the right key then draws', async () => {
    assert.equal((await live.storeApiKey(WRONG_KEY)).stored, true);
    const api = await flamelens();
    const shown = await vscode.commands.executeCommand<boolean>('flamelens.showFlamegraph', { window: '5m' });
    assert.equal(shown, false);
    // The key did reach the cloud, which refused it.
    assert.equal(cloud.lastCall().metadata['pixie-api-key'], WRONG_KEY);
    const panel = api.flamegraphs.activePanel;
    assert.ok(panel, 'no flamegraph panel is open');
    const message = panel.lastMessage;
    assert.ok(message?.type === 'error', `the view shows ${JSON.stringify(message)}`);
    assert.match(message.message, /Pixie refused the API key/);
    assert.match(message.message, /Set Pixie API Key/);
    assert.ok(!message.message.includes(WRONG_KEY), `the message shows the key: ${message.message}`);
    const log = await flamelensLog((text) => text.includes('Pixie refused the API key'));
    assert.ok(!log.includes(WRONG_KEY), 'the refused key is in the log');
    await screenshot(`pixie-cloud-refused-key-${themeKind()}`);

    // Setting the key again remakes the source: the next request uses the new key and draws.
    assert.equal((await live.storeApiKey(API_KEY)).stored, true);
    const { report } = await nextRender(api, () => vscode.commands.executeCommand('flamelens.showFlamegraph', { window: '5m' }));
    assert.equal(report.rootValue, allSamples());
    assert.equal(cloud.lastCall().metadata['pixie-api-key'], API_KEY);
  });

  it('a cloud certificate the machine does not trust: the message says the TLS handshake failed', async () => {
    await live.configure({ 'pixie.caFile': '' });
    assert.equal((await live.storeApiKey(API_KEY)).stored, true);
    const api = await flamelens();
    const shown = await vscode.commands.executeCommand<boolean>('flamelens.showFlamegraph', { window: '5m' });
    assert.equal(shown, false);
    const message = api.flamegraphs.activePanel?.lastMessage;
    assert.ok(message?.type === 'error', `the view shows ${JSON.stringify(message)}`);
    assert.match(message.message, new RegExp(`Cannot reach Vizier at localhost:${cloud.port}`));
    assert.match(message.message, /TLS handshake failed/);
    assert.ok(!message.message.includes(API_KEY));
  });

  it('a CA file that cannot be read: the message names the file and the setting', async () => {
    const missing = `${live.writePem('other.pem', '')}.missing`;
    await live.configure({ 'pixie.caFile': missing });
    assert.equal((await live.storeApiKey(API_KEY)).stored, true);
    const api = await flamelens();
    const shown = await vscode.commands.executeCommand<boolean>('flamelens.showFlamegraph', { window: '5m' });
    assert.equal(shown, false);
    const message = api.flamegraphs.activePanel?.lastMessage;
    assert.ok(message?.type === 'error', `the view shows ${JSON.stringify(message)}`);
    assert.ok(message.message.includes(`Cannot read the CA certificate for Pixie Cloud from ${missing} (ENOENT)`), message.message);
    assert.match(message.message, /flamelens\.pixie\.caFile/);
    assert.equal(cloud.calls.length, 0);
  });
});
