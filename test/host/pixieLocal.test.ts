// Show Flamegraph from a live Vizier API on loopback (the local source): what it draws, what it asks, and how it fails.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { answerFlamelensScripts, filterStackRows, generatedTotalSamples, stackTraceFixture, VizierTestServer } from '../support/vizierServer';
import { flamelens, nextRender } from './support/extensionApi';
import { closedAddress, flamelensLog, LiveServers, within } from './support/liveServers';
import { screenshot } from './support/screenshot';
import { themeKind } from './support/theme';
import { waitFor } from './support/wait';

/** Samples of the fixture rows with exactly this namespace (all rows when undefined), summed apart from the extension. */
function fixtureSamples(namespace?: string): number {
  return stackTraceFixture()
    .filter((row) => namespace === undefined || row.namespace === namespace)
    .reduce((sum, row) => sum + row.count, 0);
}

describe('Show Flamegraph from a live Vizier API (local source)', () => {
  const live = new LiveServers();
  let server: VizierTestServer;

  beforeEach(async () => {
    // Small batches: the profile arrives in many messages, as from a real cluster.
    server = await live.vizier({ batchRows: 4 });
    await live.configure({ source: 'local', 'local.address': server.address });
  });
  afterEach(() => live.release());

  /** Runs Show Flamegraph with arguments (no pickers) and returns what the command said and what the webview drew. */
  async function showFlamegraph(args: { window: string; namespace?: string; pod?: string }) {
    const api = await flamelens();
    let shown: boolean | undefined;
    const drawn = await nextRender(api, async () => {
      shown = await vscode.commands.executeCommand<boolean>('flamelens.showFlamegraph', args);
    });
    return { shown, ...drawn };
  }

  it('draws the profile the server streamed, having asked for the last 5 minutes @screenshot', async () => {
    const { shown, panel, report } = await showFlamegraph({ window: '5m' });
    assert.equal(shown, true);
    assert.equal(report.rootValue, fixtureSamples());
    assert.equal(report.rootValue, panel.lastView?.totalSamples);
    assert.ok(report.nodeCount > 40, `only ${report.nodeCount} nodes drawn`);

    const call = server.lastCall();
    assert.equal(call.queryName, 'flamelens/stack_traces');
    assert.match(call.queryStr, /def stack_traces\(start_time: str, namespace: str, pod: str\)/);
    assert.deepEqual(call.funcs, [{ name: 'stack_traces', outputTable: 'stack_traces', args: { start_time: '-5m', namespace: '', pod: '' } }]);
    assert.ok(call.messagesSent > 5, `the server sent only ${call.messagesSent} messages`);
    assert.match(panel.panel.title, /^local · 127\.0\.0\.1:\d+ · 5m$/);
    await screenshot(`pixie-local-flamegraph-${themeKind()}`);
  });

  it('asks for one namespace and draws only its samples', async () => {
    const { shown, report } = await showFlamegraph({ window: '15m', namespace: 'default' });
    assert.equal(shown, true);
    const call = server.lastCall();
    assert.deepEqual(call.funcs[0].args, { start_time: '-15m', namespace: 'default', pod: '' });
    // The PxL matches namespaces as substrings, so `default-staging` came too; the view keeps `default` only.
    const streamed = filterStackRows(stackTraceFixture(), 'default', '');
    assert.ok(streamed.some((row) => row.namespace === 'default-staging'));
    assert.equal(report.rootValue, fixtureSamples('default'));
    assert.ok(report.rootValue < fixtureSamples());
    await screenshot(`pixie-local-namespace-${themeKind()}`);
  });

  it('asks for one pod and draws its samples', async () => {
    const { report } = await showFlamegraph({ window: '30s', namespace: 'default', pod: 'manipulate-58f6d9c7b' });
    assert.deepEqual(server.lastCall().funcs[0].args, { start_time: '-30s', namespace: 'default', pod: 'manipulate-58f6d9c7b' });
    const expected = filterStackRows(stackTraceFixture(), 'default', 'manipulate-58f6d9c7b')
      .filter((row) => row.namespace === 'default')
      .reduce((sum, row) => sum + row.count, 0);
    assert.ok(expected > 0);
    assert.equal(report.rootValue, expected);
  });

  it('draws a 1M-row result, aggregated as it streamed in', async () => {
    server.respondWith({ kind: 'generatedStacks', rows: 1_000_000, uniqueStacks: 5000 });
    const { shown, panel, report } = await showFlamegraph({ window: '1h' });
    assert.equal(shown, true);
    assert.equal(report.rootValue, generatedTotalSamples(1_000_000, 5000));
    assert.equal(panel.currentProfile?.stacks.length, 5000);
    assert.equal(await server.lastCall().settled, 'finished');
  });

  describe('faults: a clear message, no hang, and the next request draws', () => {
    /** After a fault the extension must still work: the next good request draws the whole profile. */
    async function assertStillDraws(): Promise<void> {
      server.respondWith(answerFlamelensScripts);
      const { shown, report } = await showFlamegraph({ window: '5m' });
      assert.equal(shown, true);
      assert.equal(report.rootValue, fixtureSamples());
    }

    it('server down: the command returns false and the view says the sampler cannot be reached', async () => {
      const down = await closedAddress();
      await live.configure({ 'local.address': down });
      const api = await flamelens();
      const shown = await vscode.commands.executeCommand<boolean>('flamelens.showFlamegraph', { window: '5m' });
      assert.equal(shown, false);
      const panel = api.flamegraphs.activePanel;
      assert.ok(panel, 'no flamegraph panel is open');
      const message = panel.lastMessage;
      assert.equal(message?.type, 'error');
      assert.ok(message?.type === 'error' && message.message.includes(`Cannot reach Vizier at ${down}`), `the view says: ${JSON.stringify(message)}`);
      assert.match(message.message, /ECONNREFUSED/);
      assert.match(message.message, /Check the address/);
      await screenshot(`pixie-local-server-down-${themeKind()}`);

      await live.configure({ 'local.address': server.address });
      await assertStillDraws();
    });

    it('PxL compile error: the message gives line and column', async () => {
      server.respondWith({ kind: 'compileError', errors: [{ line: 14, column: 23, message: "'stack_traces.beta' not found" }] });
      const api = await flamelens();
      const shown = await vscode.commands.executeCommand<boolean>('flamelens.showFlamegraph', { window: '5m' });
      assert.equal(shown, false);
      const message = api.flamegraphs.activePanel?.lastMessage;
      assert.equal(message?.type, 'error');
      assert.ok(message?.type === 'error');
      assert.match(message.message, /PxL compile error/);
      assert.match(message.message, /14:23/);
      assert.match(message.message, /'stack_traces\.beta' not found/);
      await assertStillDraws();
    });

    it('closing the view while a 1M-row result streams stops the stream, with no error', async () => {
      server.respondWith({ kind: 'generatedStacks', rows: 1_000_000, uniqueStacks: 5000, batchRows: 500 });
      const api = await flamelens();
      const shown = vscode.commands.executeCommand<boolean>('flamelens.showFlamegraph', { window: '1h' });
      const call = await waitFor('the 1M-row stream to be under way', () => {
        const last = server.calls.at(-1);
        return last && last.messagesSent > 20 ? last : undefined;
      });
      const panel = api.flamegraphs.activePanel;
      assert.ok(panel, 'no flamegraph panel is open');
      // What a user does: close the flamegraph's tab while it loads.
      panel.panel.dispose();
      assert.equal(await within('the server to see the call end', call.settled), 'cancelled');
      assert.ok(call.messagesSent < 2000, `the server sent all ${call.messagesSent} batches: the stream was not stopped`);
      // The user closed the view: no error to report, and the command returns (an awaited error notification would hold it).
      assert.equal(await within('Show Flamegraph to return after its view was closed', shown), false);
      const log = await flamelensLog((text) => text.includes(`${server.port} · 1h: cancelled`));
      assert.doesNotMatch(log, /Webview is disposed/);
      await assertStillDraws();
    });

    it('closing the view before its page has loaded: the command still returns', async () => {
      const api = await flamelens();
      // As soon as the tab opens, before its script has said it is ready.
      const closing = api.flamegraphs.onDidOpen((panel) => setTimeout(() => panel.panel.dispose(), 0));
      try {
        const shown = vscode.commands.executeCommand<boolean>('flamelens.showFlamegraph', { window: '5m' });
        assert.equal(await within('Show Flamegraph to return after its view was closed', shown), false);
      } finally {
        closing.dispose();
      }
      await assertStillDraws();
    });
  });
});
