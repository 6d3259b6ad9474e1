import * as assert from 'node:assert/strict';
import { PixieRowAggregator } from '../../../src/core/formats/pixieRows';
import { readProfile } from '../../../src/core/formats/readProfile';
import { StackTable } from '../../../src/core/formats/stackTable';
import { fixtureBytes, stackCounts } from './fixtures';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('StackTable (aggregation of Pixie rows)', () => {
  it('counts the JSONL fast path and the JSON.parse path the same', () => {
    const text = new TextDecoder().decode(fixtureBytes('pixie-flamegraph.jsonl'));
    const parsed = new PixieRowAggregator();
    text
      .split('\n')
      .filter(Boolean)
      .forEach((line, i) => parsed.addRow(JSON.parse(line), `line ${i + 1}`));
    // Re-serialised with the stack first, every row takes the JSON.parse path.
    const reordered = text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const { stack_trace, count, ...rest } = JSON.parse(line);
        return JSON.stringify({ stack_trace, count, ...rest });
      })
      .join('\n');
    const fast = readProfile(fixtureBytes('pixie-flamegraph.jsonl'));
    assert.deepEqual(stackCounts(fast), stackCounts(parsed.build()));
    assert.deepEqual(stackCounts(readProfile(bytes(reordered))), stackCounts(fast));
    assert.equal(parsed.rows, 19);
  });

  it('merges one stack written with and without JSON escapes, and one place spelled two ways', () => {
    const lines = [
      '{"namespace":"default","pod":"default/api-1","stack_trace":"main;img::Encode(std::vector<int> const&)","count":2}',
      '{"namespace":"default","pod":"default/api-1","stack_trace":"main;img::Encode(std::vector\\u003cint\\u003e const\\u0026)","count":3}',
      '{"namespace":"default","pod":"api-1","stack_trace":"main;img::Encode(std::vector<int> const&)","count":5}',
    ];
    const p = readProfile(bytes(lines.join('\n')));
    assert.deepEqual(
      p.stacks.map((s) => [s.ctx, s.frames, s.count]),
      [[{ namespace: 'default', pod: 'api-1' }, ['main', 'img::Encode(std::vector<int> const&)'], 10]],
    );
  });

  it('keeps apart long stacks that differ in a single byte anywhere', () => {
    const table = new StackTable();
    const place = table.place(undefined, 'default', 'api-1');
    const base = Array.from({ length: 30 }, (_, i) => `github.com/o/r/pkg.(*Server).Frame${i % 10}`).join(';');
    const variants = new Set<string>();
    for (let at = 0; at < base.length; at += 7) {
      if (base[at] === ';') continue;
      variants.add(`${base.slice(0, at)}${base[at] === 'x' ? 'y' : 'x'}${base.slice(at + 1)}`);
    }
    for (const v of variants) table.countString(v, place, 1);
    for (const v of variants) table.countString(v, place, 2);
    const records = table.records();
    assert.equal(records.length, variants.size);
    assert.ok(records.every((r) => r.count === 3));
    assert.deepEqual(new Set(records.map((r) => r.frames.join(';'))), variants);
  });

  it('gives snapshots that later rows do not change, sharing frame arrays between them', () => {
    const rows = new PixieRowAggregator();
    rows.addFields('a;b;c', 2, 'n1', 'ns', 'ns/p1', 'c1', 'cmd');
    const first = rows.build();
    rows.addFields('a;b;c', 5, 'n1', 'ns', 'ns/p1', 'c1', 'cmd');
    rows.addFields('a;b;d', 1, 'n1', 'ns', 'ns/p1', 'c1', 'cmd');
    const second = rows.build();
    assert.deepEqual(first.stacks.map((s) => s.count), [2]);
    assert.equal(first.totalSamples, 2);
    assert.deepEqual(second.stacks.map((s) => s.count), [7, 1]);
    assert.equal(second.totalSamples, 8);
    assert.equal(second.stacks[0].frames, first.stacks[0].frames);
    assert.equal(second.stacks[0].ctx, first.stacks[0].ctx);
    assert.deepEqual(second.stacks[0].ctx, { node: 'n1', namespace: 'ns', pod: 'p1', container: 'c1', process: 'cmd' });
  });

  it('lifts k8s frames at the start of a stack, letting columns win', () => {
    const rows = new PixieRowAggregator();
    rows.addRow({ stack_trace: 'node: n9;namespace: pl;pod: pem-1;container: pem;pid: /pem;main;run', count: 4, node: 'n1' });
    rows.addRow({ stack_trace: 'namespace: pl;pod: pem-1;main;run', count: 1 });
    // Frames named like k8s frames further in are ordinary frames.
    rows.addRow({ stack_trace: 'main;pod: not-a-pod', count: 2 });
    const p = rows.build();
    assert.deepEqual(
      p.stacks.map((s) => [s.ctx, s.frames.join(';'), s.count]),
      [
        [{ node: 'n1', namespace: 'pl', pod: 'pem-1', container: 'pem', process: '/pem' }, 'main;run', 4],
        [{ namespace: 'pl', pod: 'pem-1' }, 'main;run', 1],
        [undefined, 'main;pod: not-a-pod', 2],
      ],
    );
  });

  it('keeps empty frames and frames with any bytes', () => {
    const rows = new PixieRowAggregator();
    rows.addFields('a;;b', 1);
    rows.addFields('ünï;😀;[k] do_syscall_64', 1);
    assert.deepEqual(rows.build().stacks.map((s) => s.frames), [['a', '', 'b'], ['ünï', '😀', '[k] do_syscall_64']]);
  });
});
