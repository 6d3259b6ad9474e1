import assert from 'node:assert/strict';
import { ProfileBuilder, StackRecord } from '../../../src/core/profile';
import { fetchProfile, FetchProgress } from '../../../src/sources/pixie/fetchProfile';
import { contextOfRow, filterStackRows, stackTraceFixture, startVizierTestServer, VizierTestServer } from '../../support/vizierServer';
import { plaintextEndpoint } from './endpoints';

/** The profile the fixture rows should make, aggregated in one go. */
function expected(namespace: string, pod = ''): Map<string, number> {
  const builder = new ProfileBuilder();
  for (const row of filterStackRows(stackTraceFixture(), namespace, pod)) {
    if (namespace && row.namespace !== namespace) continue;
    builder.add(row.stack_trace, row.count, contextOfRow(row));
  }
  return byKey(builder.build('pixie').stacks);
}

function byKey(stacks: readonly StackRecord[]): Map<string, number> {
  return new Map(stacks.map((s) => [`${s.ctx?.namespace}|${s.ctx?.pod}|${s.ctx?.container}|${s.frames.join(';')}`, s.count]));
}

describe('fetchProfile: aggregating stack traces as they stream', () => {
  let server: VizierTestServer;
  before(async () => {
    // 3 rows a batch: the 30-odd fixture rows arrive in about a dozen batches.
    server = await startVizierTestServer({ batchRows: 3 });
  });
  after(() => server.close());

  it('adds up every batch into one profile with the rows\' Kubernetes context', async () => {
    const progress: FetchProgress[] = [];
    const profile = await fetchProfile(plaintextEndpoint(server), { windowSeconds: 300, onProgress: (p) => progress.push(p) });
    const rows = stackTraceFixture();
    assert.equal(profile.format, 'pixie');
    assert.equal(profile.source, 'test-cluster');
    assert.equal(profile.sampleIntervalMs, 10);
    assert.equal(profile.totalSamples, rows.reduce((s, r) => s + r.count, 0));
    assert.deepEqual(byKey(profile.stacks), expected(''));
    assert.equal(progress.length, Math.ceil(rows.length / 3));
    assert.deepEqual(progress.at(-1), { rows: rows.length, batches: progress.length, uniqueStacks: profile.stacks.length, totalSamples: profile.totalSamples });
    // Two admin pods ran the same stacks: kept apart by pod, each with the bare pod name.
    const hot = profile.stacks.filter((s) => s.frames.at(-1) === 'github.com/disintegration/imaging.parallel.func1');
    assert.deepEqual(hot.map((s) => [s.ctx?.pod, s.count]).sort(), [['admin-7c9f8b6d4-9zt5m', 1355], ['admin-7c9f8b6d4-lx2qp', 2710]]);
    assert.deepEqual(hot[0].ctx, { node: 'gke-demo-pool-1-a1b2', namespace: 'default', pod: 'admin-7c9f8b6d4-lx2qp', container: 'admin', process: '/app/admin' });
  });

  it('keeps exactly the asked namespace, though PxL matches it as a substring', async () => {
    const profile = await fetchProfile(plaintextEndpoint(server), { windowSeconds: 300, namespace: 'default' });
    // The server (like px.contains) also sent default-staging rows.
    assert.ok(server.lastCall().funcs[0].args.namespace === 'default');
    assert.deepEqual([...new Set(profile.stacks.map((s) => s.ctx?.namespace))], ['default']);
    assert.deepEqual(byKey(profile.stacks), expected('default'));
  });

  it('narrows to a pod', async () => {
    const profile = await fetchProfile(plaintextEndpoint(server), { windowSeconds: 300, namespace: 'default', pod: 'manipulate' });
    assert.deepEqual([...new Set(profile.stacks.map((s) => s.ctx?.pod))], ['manipulate-58f6d9c7b-p0wer']);
    assert.deepEqual(byKey(profile.stacks), expected('default', 'manipulate'));
  });

  it('keeps kernel, Java and unsymbolised frames as Pixie wrote them', async () => {
    const profile = await fetchProfile(plaintextEndpoint(server), { windowSeconds: 300 });
    const frames = new Set(profile.stacks.flatMap((s) => s.frames));
    for (const f of ['[k] tcp_recvmsg', '[j] Interpreter [4x]', '[m] /usr/local/bin/node + 0x0000000001a2b3c4', '0x00007f3a1c2d4e10', '<stack trace lost>', 'fib(unsigned long)']) {
      assert.ok(frames.has(f), f);
    }
  });
});
