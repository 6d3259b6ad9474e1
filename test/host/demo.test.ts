// The README's demo end to end: `npm run demo -- --no-editor` started for real, and the extension on the local source showing it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Profile } from '../../src/core/profile';
import { functionCosts } from '../../src/core/topFunctions';
import type { LatencyTable } from '../../src/core/latency';
import type { FlamegraphPanel, RenderedReport } from '../../src/editor/flamegraph/panel';
import type { FlamegraphViewState } from '../../webview/protocol';
import { DemoRun } from './support/demo';
import { flamelens } from './support/extensionApi';
import { LiveServers } from './support/liveServers';
import { repoPath } from './support/paths';
import { askRunner, requestsDir } from './support/runner';
import { screenshot } from './support/screenshot';
import { themeKind } from './support/theme';
import { sleep, waitFor } from './support/wait';

interface ManifestService {
  name: string;
  namespace: string;
  pod: string;
}

/** The pods the demo's services are attributed to (the manifest the demo starts them from). */
function manifestPods(): ManifestService[] {
  return (JSON.parse(readFileSync(repoPath('examples', 'tinyhat', 'tinyhat.manifest.json'), 'utf8')) as { services: ManifestService[] }).services;
}

/** `renderPreview /path/manipulation.js:76:29` -> `renderPreview`: the samplers name JS frames `name path:line:col`. */
function functionName(frame: string): string {
  return frame.split(' ')[0];
}

/** Tinyhat's own functions (not its libraries', not the runtime's), widest first by total samples. */
function widestTinyhatFunctions(profile: Profile): { name: string; total: number }[] {
  return [...functionCosts(profile).values()]
    .filter((cost) => /[/\\]examples[/\\]tinyhat[/\\]/.test(cost.name) && !/node_modules/.test(cost.name))
    .sort((a, b) => b.total - a.total)
    .map((cost) => ({ name: functionName(cost.name), total: cost.total }));
}

function previewSamples(profile: Profile | undefined): number {
  return profile ? widestTinyhatFunctions(profile).find((f) => f.name === 'renderPreview')?.total ?? 0 : 0;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const WINDOW = '30s';

/** What the view shows, as the webview last reported it (zoom included); the panel keeps it to restore the view. */
function viewState(panel: FlamegraphPanel): FlamegraphViewState {
  return (panel as unknown as { state: FlamegraphViewState }).state;
}

/** A screenshot of the view alone: the notifications of earlier loads (an early empty window, progress) closed first. */
async function screenshotView(name: string): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
  const dir = requestsDir();
  if (dir) {
    let asked = 0;
    await waitFor('the notifications to close', async () => {
      const shown = await askRunner<string[]>(dir, `demo-toasts-${process.pid}-${++asked}`, { kind: 'read', selector: '.notifications-toasts .notification-toast' });
      return (shown ?? []).length === 0;
    });
  }
  await screenshot(`${name}-${themeKind()}`);
}

/**
 * Runs Show Flamegraph (no pickers) and, when it loaded samples, waits for the webview to report the draw.
 * Waiting matters: the webview reports its view state after each draw, and a report still on its way
 * when the next Show Flamegraph sets a namespace would replace that namespace with the old filters.
 */
async function showFlamegraph(args: { window: string; namespace?: string }) {
  const api = await flamelens();
  let report: RenderedReport | undefined;
  const sub = api.flamegraphs.onDidRender((drawn) => (report = drawn.report));
  try {
    const shown = await vscode.commands.executeCommand<boolean>('flamelens.showFlamegraph', args);
    const panel = api.flamegraphs.activePanel;
    const profile = panel?.currentProfile;
    if (shown && profile && profile.totalSamples > 0) await waitFor('the flamegraph webview to report its draw', () => report, { timeoutMs: 30_000 });
    return { shown, panel, profile, report };
  } finally {
    sub.dispose();
  }
}

describe('The Tinyhat demo in the extension (npm run demo, local sampler) @demo', function () {
  const live = new LiveServers();
  let demo: DemoRun | undefined;
  let address: string | undefined;

  before(async function () {
    this.timeout(90_000);
    demo = new DemoRun();
    // Builds nothing when the runner just built; a stale tree is rebuilt first, which takes longer.
    address = await demo.samplerAddress(75_000);
    await live.configure({ source: 'local', 'local.address': address });
  });

  after(async function () {
    this.timeout(40_000);
    try {
      await live.release();
    } finally {
      const stopped = await demo?.stop();
      if (stopped) {
        const tail = demo?.tail() ?? '';
        console.log(`    (demo stopped: ${stopped.seen.length} processes seen, ${stopped.left.length} left running)`);
        assert.deepEqual(
          stopped.left.map((p) => `${p.pid} ${p.command}`),
          [],
          `the demo left processes running after Ctrl+C (now killed)`,
        );
        // A demo that never got going says so in before(); these check the stop of one that did.
        if (!address) return;
        assert.ok(stopped.seen.length >= 7, `only ${stopped.seen.length} processes of the demo were seen (sampler, launcher, 4 services, load):\n${stopped.seen.map((p) => `${p.pid} ${p.command}`).join('\n')}`);
        assert.equal(stopped.exit, 0, `Ctrl+C: the demo exited with ${stopped.exit}:\n${tail}`);
        assert.match(tail, /stopped everything it started/);
      }
    }
  });

  it('Show Flamegraph draws the demo: pods of namespace default, the preview generation among the widest frames', async function () {
    this.timeout(75_000);
    // The sampler fills its window from the load as it comes: ask again until the admin page's previews show.
    const profile = await waitFor(
      'the demo sampler to have samples of the preview generation',
      async () => {
        const { profile: current } = await showFlamegraph({ window: WINDOW });
        return previewSamples(current) >= 20 ? current : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 2000 },
    );

    const pods = manifestPods();
    const contexts = profile.stacks.map((s) => s.ctx);
    assert.ok(
      contexts.every((ctx) => ctx?.namespace === 'default'),
      `stacks outside namespace default: ${JSON.stringify(contexts.filter((ctx) => ctx?.namespace !== 'default').slice(0, 3))}`,
    );
    const sampledPods = new Set(contexts.map((ctx) => ctx?.pod));
    for (const pod of sampledPods) assert.ok(pods.some((p) => p.pod === pod), `pod ${pod} is not one of the manifest's`);
    for (const busy of ['admin-service', 'manipulation-service']) {
      const pod = pods.find((p) => p.name === busy)?.pod;
      assert.ok(pod && sampledPods.has(pod), `no samples of ${busy} (pod ${pod}); pods sampled: ${[...sampledPods].join(', ')}`);
    }
    const previewPod = new Set(profile.stacks.filter((s) => s.frames.some((f) => functionName(f) === 'renderPreview')).map((s) => s.ctx?.pod));
    assert.deepEqual([...previewPod], [pods.find((p) => p.name === 'manipulation-service')?.pod]);

    const widest = widestTinyhatFunctions(profile).slice(0, 3);
    assert.ok(
      widest.some((f) => f.name === 'renderPreview'),
      `renderPreview is not among Tinyhat's 3 widest functions: ${widest.map((f) => `${f.name} ${f.total}`).join(', ')}`,
    );
  });

  it('narrowed to namespace default, the flamegraph keeps the pods and the preview generation', async function () {
    this.timeout(60_000);
    const { shown, panel, profile, report } = await showFlamegraph({ window: WINDOW, namespace: 'default' });
    assert.equal(shown, true);
    assert.ok(panel && profile && report, 'the flamegraph drew no profile');
    assert.deepEqual(panel.filters, { namespace: 'default' });
    assert.match(panel.panel.title, /^local · 127\.0\.0\.1:\d+ · 30s · namespace default$/);
    assert.ok(profile.stacks.every((s) => s.ctx?.namespace === 'default'));
    // The view draws every sample: all of the demo runs in namespace default.
    assert.equal(report.rootValue, profile.totalSamples);
    assert.ok(previewSamples(profile) > 0, 'renderPreview is gone once narrowed to namespace default');
    const pods = new Set(profile.stacks.map((s) => s.ctx?.pod));
    assert.ok(pods.has(manifestPods().find((p) => p.name === 'manipulation-service')?.pod), `pods drawn: ${[...pods].join(', ')}`);
    await screenshotView('demo-flamegraph');

    // What a CPU CodeLens on renderPreview does: zoom the flamegraph to its widest frame.
    assert.equal(await vscode.commands.executeCommand('flamelens.focusFunction', 'renderPreview'), true);
    const zoomed = await waitFor('the flamegraph to zoom to renderPreview', () => {
      const leaf = viewState(panel).zoomPath.at(-1);
      return leaf !== undefined && functionName(leaf) === 'renderPreview' ? viewState(panel).zoomPath : undefined;
    });
    assert.deepEqual(zoomed.slice(0, 2), ['node: tinyhat-node-1', 'namespace: default']);
    assert.ok(zoomed.includes(`pod: ${manifestPods().find((p) => p.name === 'manipulation-service')?.pod}`), zoomed.join(' > '));
    // The zoom animates (300 ms): let it end before the picture.
    await sleep(500);
    await screenshotView('demo-flamegraph-preview');
  });

  it('Show Service Latency lists GET /admin far slower than the other endpoints', async function () {
    this.timeout(60_000);
    const api = await flamelens();
    const table = await waitFor(
      'the demo sampler to have latency of GET /admin and the other endpoints',
      async (): Promise<LatencyTable | undefined> => {
        await vscode.commands.executeCommand<boolean>('flamelens.showServiceLatency', { window: WINDOW });
        const current = api.latency.current?.table;
        const admin = current?.endpoints.find((e) => e.service === 'default/admin-service' && e.method === 'GET' && e.path === '/admin');
        return admin && admin.requestCount >= 2 && current && current.endpoints.length >= 6 ? current : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 2000 },
    );
    assert.ok(
      table.services.map((s) => s.service).every((s) => s.startsWith('default/')),
      `services: ${table.services.map((s) => s.service).join(', ')}`,
    );
    const admin = table.endpoints.find((e) => e.service === 'default/admin-service' && e.method === 'GET' && e.path === '/admin');
    assert.ok(admin);
    const others = table.endpoints.filter((e) => !(e.method === 'GET' && e.path === '/admin'));
    assert.ok(others.length >= 4, `only ${others.length} other endpoints: ${others.map((e) => `${e.method} ${e.path}`).join(', ')}`);
    const typical = median(others.map((e) => e.p50Ms));
    assert.ok(
      admin.p50Ms >= 5 * typical,
      `GET /admin p50 ${admin.p50Ms.toFixed(1)} ms is not 5x the median p50 of the others (${typical.toFixed(1)} ms): ${others.map((e) => `${e.method} ${e.path} ${e.p50Ms.toFixed(1)}`).join(', ')}`,
    );
    const panel = api.latency.current;
    assert.ok(panel);
    await waitFor('the latency webview to report a draw', () => panel.lastRendered);
    await screenshotView('demo-latency');
  });
});
