// The demo end to end, briefly: Tinyhat under load, sampled; the proxy's latency agrees with the load generator's, and the preview work shows.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LocalSampler } from '../../../src/sampler/localSampler';
import { Manifest, readManifest } from '../../../src/sampler/manifest';
import type { VizierClient } from '../../../src/sources/pixie/vizierClient';
import { Tinyhat } from '../../../examples/tinyhat/src/launch/services';
import type { EndpointStats } from '../../../examples/tinyhat/src/load/recorder';
import { descendantPids, EndpointRow, eventually, fetchEndpointLatency, fetchStackProfile, freePort, isRunning, loopbackClient, shareOf } from '../../unit/sampler/support';

const TINYHAT = resolve(__dirname, '../../../examples/tinyhat');

/** The demo's manifest with free ports, so the test never collides with a running demo. */
async function testManifest(): Promise<Manifest> {
  const manifest = readManifest(join(TINYHAT, 'tinyhat.manifest.json'));
  for (const s of manifest.services) {
    s.port = await freePort();
    s.targetPort = await freePort();
  }
  return manifest;
}

describe('Tinyhat under load, through the local sampler', function () {
  this.timeout(120_000);
  let dataDir: string;
  let app: Tinyhat | undefined;
  let sampler: LocalSampler | undefined;
  let client: VizierClient;
  let observed: EndpointStats[];
  let served: EndpointRow[];

  before(async () => {
    const build = spawnSync(process.execPath, [join(TINYHAT, 'build.mjs')], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    dataDir = mkdtempSync(join(tmpdir(), 'flamelens-tinyhat-test-'));
    const manifest = await testManifest();
    sampler = await LocalSampler.start({ manifest, cpu: 'auto', chunkSeconds: [2] });
    const nodeFlags = sampler.cpuKind === 'perf' ? ['--perf-basic-prof', '--interpreted-frames-native-stack'] : ['--inspect=127.0.0.1:0'];
    app = await Tinyhat.start({ manifest, dataDir, nodeFlags, stdio: 'ignore' });
    client = loopbackClient(sampler.address);
    const frontend = `http://127.0.0.1:${manifest.services.find((s) => s.name === 'frontend')!.port}`;
    // Its own process, as in the demo: its timings must not wait on this process's event loop.
    // A fixed amount of work (6 admin page loads), however long a busy machine takes for it.
    const report = join(dataDir, 'load.json');
    const load = spawn(
      process.execPath,
      [
        join(TINYHAT, 'dist', 'load.js'), '--url', frontend, '--admin-visits', '6', '--duration', '90', '--admin-pause', '0.2',
        '--upload-pause', '0.5', '--visitor-pause', '0.5', '--max-pending', '3', '--json', report,
      ],
      { stdio: 'ignore' },
    );
    const code = await new Promise((done) => load.once('exit', done));
    assert.equal(code, 0, 'the load generator ran');
    observed = JSON.parse(readFileSync(report, 'utf8')) as EndpointStats[];
    served = await fetchEndpointLatency(client, '-5m', 'default');
  });

  after(async () => {
    client?.close();
    await sampler?.stop();
    await app?.stop();
    for (const r of app?.services ?? []) rmSync(`/tmp/perf-${r.pid}.map`, { force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('measures at the frontend the p50 latency the load generator saw: within 20% for GET /admin', () => {
    for (const client of observed.filter((s) => s.path === '/admin' || s.count >= 6)) {
      const { method, path } = client;
      const proxy = served.find((r) => r.service === 'default/frontend' && r.method === method && r.path === path);
      assert.ok(proxy, `${method} ${path}: load saw ${JSON.stringify(client)}, the proxy served nothing`);
      assert.equal(proxy.count, client.count, `${method} ${path}: every request the load made went through the proxy`);
      const seen = `${method} ${path}: proxy p50 ${proxy.p50Ms.toFixed(1)} ms vs load ${client.p50Ms.toFixed(1)} ms`;
      if (path === '/admin') {
        assert.ok(Math.abs(proxy.p50Ms - client.p50Ms) <= 0.2 * client.p50Ms, seen);
      } else {
        // Endpoints of a few ms: on a crowded 2-core machine the client also waits for its turn on
        // the CPU before it sends and after the answer arrives (seen: +25 ms at a load average of 11),
        // which the server side cannot see. What must hold: the proxy never adds time of its own.
        assert.ok(proxy.p50Ms <= client.p50Ms + 2, seen);
      }
    }
  });

  it('shows GET /admin far slower than the other endpoints, because of one /manipulate per pending hat', () => {
    const admin = served.find((r) => r.service === 'default/admin-service' && r.method === 'GET' && r.path === '/admin')!;
    const manipulate = served.find((r) => r.service === 'default/manipulation-service' && r.path === '/manipulate')!;
    assert.ok(admin && manipulate, JSON.stringify(served));
    assert.ok(manipulate.count >= 3 * admin.count, `${manipulate.count} /manipulate calls for ${admin.count} admin pages`);
    for (const other of served.filter((r) => r.path !== '/admin' && r.path !== '/manipulate')) {
      assert.ok(admin.p50Ms > 3 * other.p50Ms, `GET /admin p50 ${admin.p50Ms.toFixed(0)} ms vs ${other.method} ${other.path} at ${other.service} ${other.p50Ms.toFixed(0)} ms`);
    }
  });

  it('samples the preview generation (jimp under renderPreview) in the manipulation pod of namespace default', async () => {
    // The last chunks are folded after the load ends: wait for them, not for a fixed time.
    const profile = await eventually(async () => {
      const p = await fetchStackProfile(client, { start_time: '-5m', namespace: 'default', pod: '' });
      const manipulation = p.stacks.filter((s) => s.ctx?.pod?.startsWith('manipulation-service-')).reduce((n, s) => n + s.count, 0);
      return manipulation >= 30 ? p : undefined;
    }, '30 samples from the manipulation pod');
    const preview = shareOf(profile, (f) => f.startsWith('renderPreview '));
    assert.ok(preview > 0.1, `renderPreview is in ${(preview * 100).toFixed(0)}% of the samples of namespace default`);
    const jimp = shareOf(profile, (f) => /node_modules\/@jimp\//.test(f));
    assert.ok(jimp > 0.1, `jimp frames are in ${(jimp * 100).toFixed(0)}% of the samples`);
    // Of the app's own functions, the preview is the widest: the story the flamegraph tells.
    const appFrames = new Set(profile.stacks.flatMap((s) => s.frames.filter((f) => /examples\/tinyhat\/dist\/\w+\.js:\d+:\d+$/.test(f))));
    const widest = [...appFrames].map((f) => [f, shareOf(profile, (g) => g === f)] as const).sort((a, b) => b[1] - a[1]);
    assert.match(widest[0][0], /^renderPreview /, `widest app frames: ${widest.slice(0, 3).map(([f, n]) => `${f} ${(n * 100).toFixed(0)}%`).join(', ')}`);
    // The frame points into the bundle, whose source map leads back to the TypeScript.
    assert.ok(profile.stacks.some((s) => s.frames.some((f) => /^renderPreview .*examples\/tinyhat\/dist\/manipulation\.js:\d+:\d+$/.test(f))));
  });

  it('stops every service and sampler process, checked by PID', async () => {
    const pids = [...app!.services.map((r) => r.pid), ...descendantPids(process.pid, ['perf', 'sleep'])];
    await sampler!.stop();
    await app!.stop();
    for (const pid of pids) assert.ok(!isRunning(pid), `PID ${pid} still runs`);
    sampler = undefined;
  });
});
