import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { ProfileFormatError, ProfileReadCancelled } from '../../../src/core/formats/formatError';
import { LineSplitter } from '../../../src/core/formats/lineSplitter';
import { readProfile } from '../../../src/core/formats/readProfile';
import { readProfileFile, readProfileStream } from '../../../src/core/formats/readProfileFile';
import { fixtureBytes, fixturePath, stackCounts } from './fixtures';

describe('reading profile files', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'flamelens-formats-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every fixture format from disk the same as from memory', async () => {
    for (const name of ['pixie-flamegraph.jsonl', 'pixie-flamegraph.json', 'pixie-flamegraph.folded', 'go-admin.pb.gz', 'go-admin.pb', 'node-preview.cpuprofile']) {
      const fromFile = await readProfileFile(fixturePath(name));
      const fromBytes = readProfile(fixtureBytes(name), name);
      assert.deepEqual(stackCounts(fromFile), stackCounts(fromBytes), name);
      assert.equal(fromFile.sampleIntervalMs, fromBytes.sampleIntervalMs, name);
      assert.equal(fromFile.source, name);
    }
  });

  it('streams a multi-megabyte gzipped JSONL file and reports progress up to 1', async () => {
    const row = (i: number): string =>
      JSON.stringify({ namespace: 'default', pod: `default/api-${i % 7}`, stack_trace: `main.main;main.handler;main.work${i % 300}`, count: 1 + (i % 3) });
    const lines = Array.from({ length: 60_000 }, (_, i) => row(i));
    const path = join(dir, 'rows.jsonl.gz');
    writeFileSync(path, gzipSync(lines.join('\n')));
    const fractions: number[] = [];
    const profile = await readProfileFile(path, { onProgress: (f) => fractions.push(f) });
    assert.equal(profile.totalSamples, lines.reduce((n, _, i) => n + 1 + (i % 3), 0));
    // (i mod 7, i mod 300) takes lcm(7, 300) = 2100 distinct (pod, stack) pairs.
    assert.equal(profile.stacks.length, 2100);
    assert.ok(fractions.length > 0);
    assert.ok(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1])));
    assert.equal(fractions.at(-1), 1);
  });

  it('stops with ProfileReadCancelled when aborted, mid-file or before starting', async () => {
    const path = join(dir, 'big.folded');
    writeFileSync(path, Array.from({ length: 200_000 }, (_, i) => `main;handler;work${i % 1000} ${i % 5 + 1}`).join('\n'));
    const controller = new AbortController();
    await assert.rejects(
      readProfileFile(path, { signal: controller.signal, onProgress: (f) => f > 0 && controller.abort() }),
      (err: unknown) => err instanceof ProfileReadCancelled && err.message === 'reading big.folded was cancelled',
    );
    await assert.rejects(readProfileFile(path, { signal: AbortSignal.abort() }), ProfileReadCancelled);
  });

  it('explains a missing file, a folder and an empty file', async () => {
    await assert.rejects(readProfileFile(join(dir, 'nope.folded')), { name: 'ProfileFormatError', message: `cannot open ${join(dir, 'nope.folded')}: no such file` });
    await assert.rejects(readProfileFile(dir), { message: /is a folder, not a profile file$/ });
    writeFileSync(join(dir, 'empty.pb.gz'), '');
    await assert.rejects(readProfileFile(join(dir, 'empty.pb.gz')), { message: 'empty profile: empty.pb.gz is an empty file' });
    await assert.rejects(readProfileFile(fixturePath('empty.folded')), { message: /empty profile/ });
  });

  it('reports the malformed line of a streamed file and a truncated gzip', async () => {
    await assert.rejects(readProfileFile(fixturePath('malformed-count.folded')), { name: 'ProfileFormatError', message: /^line 3: / });
    await assert.rejects(readProfileFile(fixturePath('truncated.pb.gz')), (err: unknown) => err instanceof ProfileFormatError && /truncated\.pb\.gz: not valid gzip data/.test(err.message));
  });

  it('reads any byte stream, e.g. stdin, cut at awkward places', async () => {
    const bytes = fixtureBytes('pixie-flamegraph.jsonl');
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 7) pieces.push(bytes.subarray(i, i + 7));
    const profile = await readProfileStream(Readable.from(pieces), { name: 'stdin' });
    assert.deepEqual(stackCounts(profile), stackCounts(readProfile(bytes)));
  });
});

describe('LineSplitter', () => {
  it('splits lines across chunk boundaries, even inside a multi-byte character', () => {
    const text = 'α;β 1\r\nmain;ünïcödé 2\n\nlast line without newline';
    const bytes = new TextEncoder().encode(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const lines: string[] = [];
      const splitter = new LineSplitter((line, n) => lines.push(`${n}:${line}`));
      splitter.pushBytes(bytes.subarray(0, cut));
      splitter.pushBytes(bytes.subarray(cut));
      splitter.end();
      assert.deepEqual(lines, ['1:α;β 1', '2:main;ünïcödé 2', '3:', '4:last line without newline'], `cut at ${cut}`);
    }
  });
});
