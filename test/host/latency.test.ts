// Show Service Latency from a live Vizier API on loopback: the view filled with what the server served, and its faults.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LatencyPanel } from '../../src/editor/latency/latencyPanels';
import { answerFlamelensScripts, latencyFixture, VizierTestServer } from '../support/vizierServer';
import { flamelens } from './support/extensionApi';
import { closedAddress, LiveServers, within } from './support/liveServers';
import { screenshot } from './support/screenshot';
import { themeKind } from './support/theme';
import { nextEvent, waitFor } from './support/wait';

/** Runs Show Service Latency; resolves once its panel exists (it is made inside the command). */
async function showServiceLatency(args: { window: string }): Promise<{ shown: Thenable<boolean | undefined>; panel: LatencyPanel }> {
  const api = await flamelens();
  const opened = api.latency.current ? Promise.resolve(api.latency.current) : nextEvent('the latency view to open', api.latency.onDidOpen);
  const shown = vscode.commands.executeCommand<boolean>('flamelens.showServiceLatency', args);
  return { shown, panel: await opened };
}

describe('Show Service Latency from a live Vizier API (local source)', () => {
  const live = new LiveServers();
  let server: VizierTestServer;

  beforeEach(async () => {
    server = await live.vizier({ batchRows: 8 });
    await live.configure({ source: 'local', 'local.address': server.address });
  });
  afterEach(() => live.release());

  it('lists the services and endpoints the server served, with GET /admin slow @screenshot', async () => {
    const { shown, panel } = await showServiceLatency({ window: '5m' });
    assert.equal(await shown, true);
    const served = latencyFixture(300);
    const table = panel.table;
    assert.ok(table, 'the latency view has no table');
    assert.equal(table.windowSeconds, 300);
    assert.deepEqual(
      table.services.map((s) => s.service),
      served.services.map((s) => s.service).sort(),
    );
    assert.equal(table.endpoints.length, served.endpoints.length);
    const admin = table.endpoints.find((e) => e.method === 'GET' && e.path === '/admin');
    assert.ok(admin, 'GET /admin is missing');
    assert.equal(admin.service, 'default/admin');
    assert.equal(admin.p50Ms, 1840);
    assert.equal(admin.p99Ms, 3420);
    // 24 requests a minute over 5 minutes.
    assert.equal(admin.requestCount, 120);
    assert.equal(admin.requestsPerSecond, 0.4);
    const upload = table.endpoints.find((e) => e.method === 'POST' && e.path === '/upload');
    assert.equal(upload?.errorRate, 0.03);
    // A series per service and per endpoint, one point per 10 s bin.
    assert.equal(table.series.length, served.services.length + served.endpoints.length);
    for (const series of table.series) assert.equal(series.points.length, 30, `${series.service} ${series.method ?? ''} ${series.path ?? ''}`);

    const call = server.lastCall();
    assert.equal(call.queryName, 'flamelens/http_latency');
    assert.deepEqual(
      call.funcs.map((f) => f.name),
      ['service_latency', 'endpoint_latency', 'service_timeseries', 'endpoint_timeseries'],
    );
    for (const f of call.funcs) assert.deepEqual(f.args, { start_time: '-5m', namespace: '' });

    const rendered = await waitFor('the latency webview to report a draw', () => panel.lastRendered);
    assert.equal(rendered.services, served.services.length);
    assert.equal(rendered.endpoints, served.endpoints.length);
    assert.equal(rendered.charts, 1);
    await screenshot(`latency-local-${themeKind()}`);
  });

  it('asks for the window the user chose: 1 h', async () => {
    const { shown, panel } = await showServiceLatency({ window: '1h' });
    assert.equal(await shown, true);
    assert.equal(server.lastCall().funcs[0].args.start_time, '-1h');
    const admin = panel.table?.endpoints.find((e) => e.method === 'GET' && e.path === '/admin');
    assert.equal(admin?.requestCount, 24 * 60);
    assert.equal(panel.table?.series[0].points.length, 360);
  });

  it('server down: the command returns false and the view says the sampler cannot be reached', async () => {
    const down = await closedAddress();
    await live.configure({ 'local.address': down });
    const { shown, panel } = await showServiceLatency({ window: '5m' });
    assert.equal(await within('Show Service Latency to return', shown), false);
    const last = panel.lastMessage;
    assert.equal(last?.type, 'error');
    assert.ok(last?.type === 'error');
    assert.match(last.message, new RegExp(`Cannot reach Vizier at ${down.replace(/\./g, '\\.')}`));
    assert.match(last.message, /ECONNREFUSED/);

    // The next good request fills the same view.
    await live.configure({ 'local.address': server.address });
    server.respondWith(answerFlamelensScripts);
    const again = await showServiceLatency({ window: '5m' });
    assert.equal(await again.shown, true);
    assert.equal(again.panel.lastMessage?.type, 'latency');
  });

  it('closing the view while the script runs stops it, with no error', async () => {
    server.respondWith({ kind: 'answer', batchRows: 1, delayMsPerBatch: 200 });
    const api = await flamelens();
    const { shown, panel } = await showServiceLatency({ window: '5m' });
    const call = await waitFor('the latency stream to be under way', () => {
      const last = server.calls.at(-1);
      return last && last.messagesSent > 5 ? last : undefined;
    });
    // What a user does: close the tab.
    panel.panel.dispose();
    assert.equal(await within('the server to see the call end', call.settled), 'cancelled');
    assert.equal(await within('Show Service Latency to return after its view was closed', shown), false);
    assert.equal(api.latency.current, undefined);

    server.respondWith(answerFlamelensScripts);
    const again = await showServiceLatency({ window: '5m' });
    assert.equal(await again.shown, true);
    assert.equal(again.panel.table?.endpoints.length, latencyFixture(300).endpoints.length);
  });

  it('closing the view before its page has loaded: the command still returns', async () => {
    const api = await flamelens();
    const closing = api.latency.onDidOpen((panel) => setTimeout(() => panel.panel.dispose(), 0));
    try {
      const shown = vscode.commands.executeCommand<boolean>('flamelens.showServiceLatency', { window: '5m' });
      assert.equal(await within('Show Service Latency to return after its view was closed', shown), false);
    } finally {
      closing.dispose();
    }
    const again = await showServiceLatency({ window: '5m' });
    assert.equal(await again.shown, true);
    assert.equal(again.panel.table?.endpoints.length, latencyFixture(300).endpoints.length);
  });
});
