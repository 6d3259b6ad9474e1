import * as assert from 'node:assert/strict';
import { classifyFrame } from '../../../src/core/frameKind';
import { ProfileFormatError } from '../../../src/core/formats/formatError';
import { PixieRowAggregator } from '../../../src/core/formats/pixieRows';
import { readProfile } from '../../../src/core/formats/readProfile';
import { CLUSTER, fixtureBytes, samplesBy, stackCounts } from './fixtures';

describe('Pixie flamegraph rows', () => {
  const profile = readProfile(fixtureBytes('pixie-flamegraph.jsonl'), 'pixie-flamegraph.jsonl');

  it('reads `px run -o json px/perf_flamegraph` output with every sample and context', () => {
    assert.equal(profile.format, 'pixie');
    assert.equal(profile.totalSamples, CLUSTER.total);
    assert.deepEqual(samplesBy(profile, 'namespace'), CLUSTER.byNamespace);
    assert.equal(profile.sampleIntervalMs, 10);
  });

  it('aggregates rows by stack string, not by the recycled stack_trace_id', () => {
    assert.equal(profile.stacks.length, CLUSTER.uniqueStacks);
    const roundTrip = profile.stacks.find((s) => s.frames.at(-1) === 'net/http.(*Transport).roundTrip');
    assert.equal(roundTrip?.count, 200);
  });

  it('shows pods without their namespace prefix and keeps node, container and command line', () => {
    const admin = profile.stacks.filter((s) => s.ctx?.pod === CLUSTER.adminPod);
    assert.equal(admin.reduce((n, s) => n + s.count, 0), CLUSTER.adminSamples);
    assert.deepEqual(admin[0].ctx, {
      node: 'gke-tinyhat-default-pool-5c8a2b1e-k3vx',
      namespace: 'default',
      pod: CLUSTER.adminPod,
      container: 'admin-service',
      process: '/app/admin-service',
    });
    // One interned context object per place, shared by its stacks.
    assert.ok(admin.every((s) => s.ctx === admin[0].ctx));
  });

  it('decodes the escapes Go writes for <, > and &', () => {
    const frames = new Set(profile.stacks.flatMap((s) => s.frames));
    assert.ok(frames.has('<not symbolized>'));
    assert.ok(frames.has('<stack trace lost>'));
    assert.ok(frames.has('img::EncodePng(std::vector<unsigned char, std::allocator<unsigned char> > const&)'));
  });

  it('keeps every kind of frame a cluster shows', () => {
    const kinds = new Set(profile.stacks.flatMap((s) => s.frames.map(classifyFrame)));
    assert.deepEqual([...kinds].sort(), ['java', 'kernel', 'unsymbolized', 'user']);
  });

  it('reads a JSON array of rows', () => {
    const array = readProfile(fixtureBytes('pixie-flamegraph.json'));
    assert.equal(array.totalSamples, 120 + 80 + 150 + 12 + 30 + 10);
    assert.equal(array.stacks.length, 5);
    assert.deepEqual(samplesBy(array, 'pod'), { [CLUSTER.adminPod]: 402 });
  });

  it('lifts k8s frames already at the start of stack_trace into the context', () => {
    const lifted = readProfile(fixtureBytes('pixie-k8s-frames.jsonl'));
    assert.deepEqual(samplesBy(lifted, 'pod'), { 'frontend-6b8d9c7f4-q9z8w': 80, 'manipulate-5c4b3a2d1-m7n6b': 150 });
    assert.equal(lifted.stacks[0].ctx?.process, 'node /app/dist/server.js');
    assert.ok(lifted.stacks.every((s) => !s.frames.some((f) => f.startsWith('pod: ') || f.startsWith('namespace: '))));
    // Same stacks and places as the same rows with k8s columns.
    const frontendRows = new Map([...stackCounts(profile)].filter(([k]) => k.includes('pod: frontend') || k.includes('pod: manipulate')));
    assert.deepEqual(stackCounts(lifted), frontendRows);
  });

  it('gives the same profile whatever the key order, spacing and escaping of a row', () => {
    const lines = [
      '{"stack_trace":"main.main;main.handler","count":3,"namespace":"default","pod":"default/api-1"}',
      '{ "pod": "default/api-1", "namespace": "default", "count": 4, "stack_trace": "main.main;main.handler" }',
      '{"namespace":"default","pod":"default/api-1","stack_trace":"main.main;main.\\u0068andler","count":"5"}',
      '{"namespace":"default","pod":"default/api-1","stack_trace":"main.main;main.handler","count":2.0}',
      '',
    ];
    const p = readProfile(new TextEncoder().encode(lines.join('\n')));
    assert.equal(p.stacks.length, 1);
    assert.equal(p.stacks[0].count, 14);
    assert.deepEqual(p.stacks[0].ctx, { namespace: 'default', pod: 'api-1' });
  });

  it('takes the command line as px prints it: a string, a number, or a pid column', () => {
    const lines = [
      '{"_tableName_":"output","node":"n1","namespace":"ns","pod":"ns/p","container":"c","cmdline":"/bin/app --port 80","stack_trace_id":1,"stack_trace":"a;b","count":1}',
      '{"_tableName_":"output","node":"n1","namespace":"ns","pod":"ns/p","container":"c","cmdline":1234,"stack_trace_id":2,"stack_trace":"a;b","count":2}',
      '{"_tableName_":"output","node":"n1","namespace":"ns","pod":"ns/p","container":"c","pid":77,"stack_trace_id":3,"stack_trace":"a;b","count":4}',
    ];
    const p = readProfile(new TextEncoder().encode(lines.join('\n')));
    assert.deepEqual(
      p.stacks.map((s) => [s.ctx?.process, s.count]),
      [
        ['/bin/app --port 80', 1],
        ['1234', 2],
        ['77', 4],
      ],
    );
  });

  describe('PixieRowAggregator (the path decoded gRPC rows take)', () => {
    it('accepts numbers and bigints where px prints numbers, and skips rows with no samples', () => {
      const rows = new PixieRowAggregator();
      rows.addRow({ stack_trace: 'a;b', count: 5n, pod: 'ns/p', namespace: 'ns', cmdline: 1234 });
      rows.addRow({ stack_trace: 'a;b', count: '2', pod: 'ns/p', namespace: 'ns', cmdline: 1234 });
      rows.addRow({ stack_trace: 'a;c', count: 0, pod: 'ns/p', namespace: 'ns' });
      rows.addFields('a;b', 1, '', 'ns', 'ns/p', '', '1234');
      const p = rows.build();
      assert.equal(rows.rows, 4);
      assert.equal(p.totalSamples, 8);
      assert.equal(p.stacks.length, 1);
      assert.deepEqual(p.stacks[0].ctx, { namespace: 'ns', pod: 'p', process: '1234' });
    });

    it('names the row when a row is not a flamegraph row', () => {
      const rows = new PixieRowAggregator();
      assert.throws(() => rows.addRow({ count: 1 }, 'row 7'), { name: 'ProfileFormatError', message: /^row 7: no `stack_trace` column/ });
      assert.throws(() => rows.addRow({ stack_trace: 'a', count: -1 }, 'row 8'), { message: /^row 8: `count` must be a non-negative number, got `-1`/ });
      assert.throws(() => rows.addRow(['a', 1], 'row 9'), { message: /^row 9: expected a Pixie row object/ });
    });
  });

  describe('malformed files', () => {
    it('names the line that is not JSON', () => {
      assert.throws(
        () => readProfile(fixtureBytes('malformed-row.jsonl')),
        (err: unknown) => err instanceof ProfileFormatError && /^line 2: not valid JSON \(.+\): `\{"stack_trace":"main\.main;main\.handler","count":`$/.test(err.message),
      );
    });

    it('names the line that lacks a count', () => {
      assert.throws(() => readProfile(fixtureBytes('missing-count.jsonl')), { name: 'ProfileFormatError', message: /^line 2: no `count` column/ });
    });
  });
});
