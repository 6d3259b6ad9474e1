import * as assert from 'node:assert/strict';
import { classifyFrame } from '../../../src/core/frameKind';
import { readFolded } from '../../../src/core/formats/folded';
import { readProfile } from '../../../src/core/formats/readProfile';
import { CLUSTER, fixtureBytes, samplesBy, stackCounts } from './fixtures';

describe('folded stacks', () => {
  it("reads Pixie UI's export (k8s frames first, CRLF) into the same profile as the JSON rows", () => {
    const folded = readProfile(fixtureBytes('pixie-flamegraph.folded'));
    const rows = readProfile(fixtureBytes('pixie-flamegraph.jsonl'));
    assert.equal(folded.format, 'folded');
    assert.equal(folded.totalSamples, CLUSTER.total);
    assert.equal(folded.stacks.length, CLUSTER.uniqueStacks);
    assert.deepEqual(samplesBy(folded, 'namespace'), CLUSTER.byNamespace);
    assert.deepEqual(stackCounts(folded), stackCounts(rows));
    assert.ok(folded.stacks.every((s) => !s.frames.some((f) => f.endsWith('\r'))));
  });

  it('reads stackcollapse-perf output: `_[k]` kernel frames, raw addresses, blank lines', () => {
    const perf = readProfile(fixtureBytes('perf-collapsed.folded'));
    assert.equal(perf.totalSamples, 412 + 133 + 57 + 9 + 388);
    assert.equal(perf.stacks.length, 5);
    assert.ok(perf.stacks.every((s) => s.ctx === undefined));
    const idle = perf.stacks.find((s) => s.frames[0] === 'swapper')!;
    assert.deepEqual(idle.frames.slice(1).map(classifyFrame), ['kernel', 'kernel', 'kernel', 'kernel']);
    const unknown = perf.stacks.find((s) => s.frames.includes('[unknown]'))!;
    assert.deepEqual(unknown.frames.map(classifyFrame), ['user', 'unsymbolized', 'unsymbolized']);
  });

  it('keeps frames that contain spaces, and counts after any run of spaces or tabs', () => {
    const p = readFolded('main;fib(unsigned long);[j] long a.b.C::m()   7\r\nmain;idle\t3  \n');
    assert.deepEqual(p.stacks.map((s) => [s.frames, s.count]), [
      [['main', 'fib(unsigned long)', '[j] long a.b.C::m()'], 7],
      [['main', 'idle'], 3],
    ]);
  });

  it('names the line and shows it when a count is missing', () => {
    assert.throws(() => readProfile(fixtureBytes('malformed-count.folded')), {
      name: 'ProfileFormatError',
      message: 'line 3: expected `stack count` (frames joined by `;`, a space, a sample count), got `main;handler;resize twelve`',
    });
    assert.throws(() => readFolded('a;b 1\n# a comment\n'), { message: /^line 2: expected `stack count`/ });
    assert.throws(() => readFolded('a;b 1\n7\n'), { message: /^line 2: /, name: 'ProfileFormatError' });
  });

  it('says an input without stacks is empty', () => {
    assert.throws(() => readFolded('\n\n  \n'), { name: 'ProfileFormatError', message: 'empty profile: no samples' });
  });
});
