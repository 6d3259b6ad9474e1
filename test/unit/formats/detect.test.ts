import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { detectFormat } from '../../../src/core/formats/detect';
import { readProfile } from '../../../src/core/formats/readProfile';
import { fixtureBytes } from './fixtures';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('format detection', () => {
  it('recognises each fixture from its content', () => {
    const cases: [string, string][] = [
      ['pixie-flamegraph.jsonl', 'pixie-jsonl'],
      ['pixie-flamegraph.json', 'pixie-json-array'],
      ['pixie-flamegraph.folded', 'folded'],
      ['perf-collapsed.folded', 'folded'],
      ['go-admin.pb', 'pprof'],
      ['go-admin.pb.gz', 'gzip'],
      ['node-preview.cpuprofile', 'cpuprofile'],
    ];
    for (const [name, format] of cases) assert.equal(detectFormat(fixtureBytes(name)), format, name);
  });

  it('trusts the content over the file name', () => {
    const folded = fixtureBytes('perf-collapsed.folded');
    assert.equal(detectFormat(folded, 'profile.pb.gz'), 'folded');
    assert.equal(readProfile(fixtureBytes('pixie-flamegraph.jsonl'), 'export.cpuprofile').format, 'pixie');
    assert.equal(readProfile(gzipSync(fixtureBytes('perf-collapsed.folded')), 'stacks.folded.gz').format, 'folded');
  });

  it('uses the name only when the content could be folded stacks with a bad first line', () => {
    assert.equal(detectFormat(text('main;handler twelve\n'), 'stacks.folded'), 'folded');
    assert.throws(() => detectFormat(text('main;handler twelve\n'), 'notes.md'), {
      name: 'ProfileFormatError',
      message: /^notes\.md: not a profile we can read: it starts with `main;handler twelve`; expected folded stacks/,
    });
  });

  it('skips a byte order mark and leading blank lines', () => {
    assert.equal(detectFormat(text('\ufeff\n\r\n{"stack_trace":"a;b","count":1}\n')), 'pixie-jsonl');
    assert.equal(readProfile(text('\ufeff\na;b 2\n')).totalSamples, 2);
  });

  it('says an empty input is empty', () => {
    assert.throws(() => detectFormat(text(' \n\n'), 'x.folded'), { name: 'ProfileFormatError', message: 'x.folded: empty profile: the input has no content' });
    assert.throws(() => readProfile(new Uint8Array(0)), { message: /empty profile/ });
  });
});
