// The local sampler on a real busy Node process: named samples through perf and the inspector, the Vizier API through the real client, clean shutdown.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { LocalSampler } from '../../../src/sampler/localSampler';
import { parseManifest } from '../../../src/sampler/manifest';
import type { Profile } from '../../../src/core/profile';
import type { VizierClient } from '../../../src/sources/pixie/vizierClient';
import { VizierError } from '../../../src/sources/pixie/vizierError';
import {
  BURNING_FUNCTION,
  BusyProcess,
  descendantPids,
  cpuTimeMs,
  eventually,
  fetchEndpointLatency,
  fetchStackProfile,
  freePort,
  isRunning,
  loopbackClient,
  shareOf,
  startBusyProcess,
} from '../../unit/sampler/support';

const POD = 'admin-service-7d9f8c6b5-x2k4p';

async function manifestFor(busy: BusyProcess) {
  return parseManifest({
    cluster: 'test',
    node: 'test-node-1',
    services: [{ name: 'admin-service', namespace: 'default', pod: POD, container: 'admin', port: await freePort(), targetPort: busy.port }],
  });
}

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
}

async function profileWithSamples(client: VizierClient, minSamples: number): Promise<Profile> {
  return eventually(async () => {
    const profile = await fetchStackProfile(client, { start_time: '-5m', namespace: 'default', pod: '' });
    return profile.totalSamples >= minSamples ? profile : undefined;
  }, `${minSamples} samples from the busy process`);
}

describe('local sampler on a real busy process (perf where allowed)', function () {
  this.timeout(40_000);
  let busy: BusyProcess;
  let sampler: LocalSampler;
  let client: VizierClient;
  let proxyPort: number;
  let cpuAtStart: number;
  let samplerChildren: number[] = [];

  before(async () => {
    busy = await startBusyProcess(['--perf-basic-prof', '--interpreted-frames-native-stack']);
    const manifest = await manifestFor(busy);
    proxyPort = manifest.services[0].port;
    cpuAtStart = cpuTimeMs(busy.pid);
    sampler = await LocalSampler.start({ manifest, cpu: 'auto', chunkSeconds: [2] });
    client = loopbackClient(sampler.address);
  });

  after(async () => {
    client?.close();
    await sampler?.stop();
    await busy?.stop();
  });

  it('names the function that burns the CPU, with a share and a sample count that match the CPU it used', async () => {
    const profile = await profileWithSamples(client, 40);
    const cpuUsedMs = cpuTimeMs(busy.pid) - cpuAtStart;
    const burning = shareOf(profile, (f) => f.startsWith(`${BURNING_FUNCTION} ${busy.scriptPath}:`));
    assert.ok(burning > 0.7, `${BURNING_FUNCTION} is in ${(burning * 100).toFixed(0)}% of the samples`);
    // ~10 ms of CPU per sample: the samples cannot account for more CPU than the process used (+ one chunk of slack).
    const sampledMs = profile.totalSamples * (1000 / 99);
    assert.ok(sampledMs <= cpuUsedMs * 1.3 + 200, `${profile.totalSamples} samples (${sampledMs.toFixed(0)} ms) vs ${cpuUsedMs} ms of CPU used`);
    if (sampler.cpuKind === 'perf') {
      // perf (cpu-clock) names native frames too, and puts the kernel at the leaf end with Pixie's marker.
      assert.ok(profile.stacks.some((s) => s.frames.includes('uv_run')), 'libuv frames under the JS frames');
    }
  });

  it('serves stack_traces through the real Vizier client with the pod, namespace and process of the manifest', async () => {
    const profile = await profileWithSamples(client, 20);
    const contexts = new Set(profile.stacks.map((s) => JSON.stringify(s.ctx)));
    assert.equal(contexts.size, 1, [...contexts].join(' | '));
    const ctx = profile.stacks[0].ctx!;
    assert.equal(ctx.namespace, 'default');
    assert.equal(ctx.pod, POD);
    assert.equal(ctx.container, 'admin');
    assert.equal(ctx.node, 'test-node-1');
    assert.match(ctx.process ?? '', /busy\.js$/);
    const other = await fetchStackProfile(client, { start_time: '-5m', namespace: 'kube-system', pod: '' });
    assert.equal(other.totalSamples, 0, 'another namespace has no samples');
  });

  it('measures HTTP latency through the proxy without touching the process, and serves it per endpoint', async () => {
    for (const path of ['/hats/41', '/hats/42?size=big', '/missing/7']) assert.ok([200, 404].includes(await get(proxyPort, path)));
    const rows = await fetchEndpointLatency(client, '-5m', 'default');
    const hats = rows.find((r) => r.path === '/hats/<id>');
    assert.ok(hats, `rows: ${JSON.stringify(rows)}`);
    assert.equal(hats.service, 'default/admin-service');
    assert.equal(hats.method, 'GET');
    assert.equal(hats.count, 2);
    assert.equal(hats.errorRate, 0);
    assert.ok(hats.p50Ms > 0 && hats.p50Ms < hats.p99Ms + 1e-9);
    const missing = rows.find((r) => r.path === '/missing/<id>');
    assert.equal(missing?.errorRate, 1);
  });

  it('answers an unknown script with a compile error that says which scripts it runs', async () => {
    await assert.rejects(
      client.executeScript({ script: "import px\npx.display(px.DataFrame('http_events'))", queryName: 'px/http_data', onBatch: () => undefined }),
      (err: unknown) => {
        assert.ok(err instanceof VizierError);
        assert.equal(err.kind, 'compile');
        assert.match(err.message, /flamelens\/stack_traces/);
        assert.match(err.message, /line 1:1/);
        return true;
      },
    );
    await assert.rejects(
      client.executeScript({
        script: 'import px\n\ndef stack_traces(start_time: str, namespace: str, pod: str):\n    pass\n',
        queryName: 'flamelens/stack_traces',
        funcs: [{ name: 'stack_traces', args: { start_time: 'yesterday', namespace: '', pod: '' }, outputTable: 'stack_traces' }],
        onBatch: () => undefined,
      }),
      /start_time 'yesterday' is not a relative time/,
    );
  });

  it('stops every process it started (perf) and leaves the sampled process running', async () => {
    samplerChildren = descendantPids(process.pid, ['perf', 'sleep']);
    if (sampler.cpuKind === 'perf') assert.ok(samplerChildren.length > 0, 'perf record runs while sampling');
    await sampler.stop();
    for (const pid of samplerChildren) assert.ok(!isRunning(pid), `PID ${pid} still runs after stop()`);
    assert.ok(isRunning(busy.pid), 'the sampled process is not the sampler’s to stop');
    await assert.rejects(client.healthCheck({ timeoutMs: 2000 }), VizierError);
  });
});

describe('local sampler through the Node inspector', function () {
  this.timeout(40_000);

  it('samples a process that has an inspector open, with the burning function named and idle time left out', async () => {
    const busy = await startBusyProcess(['--inspect=127.0.0.1:0']);
    let sampler: LocalSampler | undefined;
    let client: VizierClient | undefined;
    try {
      sampler = await LocalSampler.start({ manifest: await manifestFor(busy), cpu: 'inspector', chunkSeconds: [1] });
      client = loopbackClient(sampler.address);
      const profile = await profileWithSamples(client, 40);
      const burning = shareOf(profile, (f) => f.startsWith(`${BURNING_FUNCTION} ${busy.scriptPath}:`));
      // The inspector samples the main thread by wall clock while it is not idle: on a crowded
      // machine some samples land in the timer and (program) frames around the burning call.
      assert.ok(burning > 0.5, `${BURNING_FUNCTION} is in ${(burning * 100).toFixed(0)}% of the samples`);
      assert.ok(!profile.stacks.some((s) => s.frames.includes('(idle)')), 'idle time is not CPU');
      // The frame carries its 1-based line and column: `function burnCpuForSamplerTest(ms)` is on line 3.
      assert.ok(profile.stacks.some((s) => s.frames.some((f) => f.startsWith(`${BURNING_FUNCTION} ${busy.scriptPath}:3:`))));
    } finally {
      client?.close();
      await sampler?.stop();
      await busy.stop();
    }
  });
});
