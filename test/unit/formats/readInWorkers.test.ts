import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ProfileFormatError, ProfileReadCancelled } from '../../../src/core/formats/formatError';
import { LineSplitter } from '../../../src/core/formats/lineSplitter';
import { newlineCuts } from '../../../src/core/formats/newlineCuts';
import { IngestPlan, readInWorkers } from '../../../src/core/formats/readInWorkers';
import { readProfileFile } from '../../../src/core/formats/readProfileFile';
import { Profile } from '../../../src/core/profile';
import { fixturePath } from './fixtures';

/** The reference: one pass on this thread, in the usual 4 MB chunks. */
const ONE_THREAD: IngestPlan = { workers: 1, onlySpareCores: false, minParallelBytes: Infinity, chunkBytes: 4 * 2 ** 20 };

/** Files of any size go to `workers` workers, read in `chunkBytes` pieces (tiny ones cut rows across reads). */
function parallel(workers: number, chunkBytes = 4 * 2 ** 20): IngestPlan {
  return { workers, onlySpareCores: false, minParallelBytes: 0, chunkBytes };
}

/** Reads on worker threads, failing the test if the worker path was not taken. */
async function inWorkers(path: string, plan: IngestPlan, options: { signal?: AbortSignal; onProgress?: (f: number) => void } = {}): Promise<Profile> {
  const profile = await readInWorkers(path, { ...options, totalBytes: statSync(path).size, name: basename(path) }, plan);
  assert.ok(profile, `${basename(path)}: read on this thread instead of in workers`);
  return profile;
}

/** What a user sees, in order: contexts, frames, counts, totals, format and labels. */
function view(p: Profile): unknown {
  return { ...p, stacks: p.stacks.map((s) => ({ ctx: s.ctx ? { ...s.ctx } : undefined, frames: [...s.frames], count: s.count })) };
}

/** Pixie rows with what breaks naive readers; every row ends with CRLF or LF at random. */
function trickyPixieRows(rows: number): string {
  const pods = ['default/admin-service-7d9f8b6c5-x2k4p', 'default/frontend-6b8d9c7f4-q9z8w', 'pl/vizier-pem-2xk9d', 'kube-system/coredns-5d78c9869d-abcde'];
  const frames = [
    'runtime.goexit.abi0',
    'net/http.(*conn).serve',
    'github.com/tinyhat/admin/pkg.(*Server).Handle',
    'img::Encode(std::vector<int> const&)',
    'Größe::berechnen(ünïcödé)',
    '处理请求',
    'emoji 🔥 frame',
    'say "hi"',
    'C:\\path\\to\\frame',
    '[k] do_syscall_64',
    '[j] void java.lang.Thread::run()',
    '0x00007f3a1c2b3d4e',
  ];
  let seed = 7;
  const rand = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const depth = 1 + rand(6);
    const stack = Array.from({ length: depth }, () => frames[rand(frames.length)]).join(';');
    const pod = pods[rand(pods.length)];
    const [namespace] = pod.split('/');
    const columns = { node: `node-${rand(2)}`, namespace, pod, container: 'app', cmdline: '/app/server --port 80', stack_trace_id: rand(5000) };
    const count = 1 + rand(40);
    let line: string;
    switch (rand(8)) {
      case 0:
        // k8s frames in the stack itself, as Pixie's UI exports them.
        line = JSON.stringify({ stack_trace: `node: node-1;namespace: ${namespace};pod: ${pod.split('/')[1]};container: app;pid: 42;${stack}`, count });
        break;
      case 1:
        // Escapes where a plain byte would do: the same stack as a plain row.
        line = JSON.stringify({ ...columns, stack_trace: stack, count, percent: 0.5 }).replace(/</g, '\\u003c').replace(/&/g, '\\u0026').replace(/ü/g, '\\u00fc');
        break;
      case 2:
        // Another column order and numbers as strings: the JSON.parse path.
        line = JSON.stringify({ count: String(count), stack_trace: stack, ...columns });
        break;
      case 3:
        line = '';
        break;
      default:
        line = JSON.stringify({ ...columns, stack_trace: stack, count, percent: Math.round(count * 1000) / 1e5 });
    }
    lines.push(line + (rand(3) === 0 ? '\r\n' : '\n'));
  }
  return lines.join('');
}

describe('reading a big file on worker threads', function () {
  // Each read starts workers; on a machine busy with other work that takes a while.
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'flamelens-workers-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same profile as one pass for every line-format fixture, however the file is cut', async () => {
    for (const name of ['pixie-flamegraph.jsonl', 'pixie-k8s-frames.jsonl', 'pixie-flamegraph.folded', 'perf-collapsed.folded']) {
      const path = fixturePath(name);
      const expected = view(await readProfileFile(path, {}, ONE_THREAD));
      for (const plan of [parallel(3, 7)]) {
        assert.deepStrictEqual(view(await inWorkers(path, plan)), expected, `${name} in ${plan.workers} parts, ${plan.chunkBytes}-byte reads`);
      }
    }
  });

  it('gives the same profile for rows with escapes, unicode, CRLF, k8s frames and other column orders, split across reads', async () => {
    const path = join(dir, 'tricky.jsonl');
    writeFileSync(path, `\ufeff${trickyPixieRows(3000)}`);
    const expected = await readProfileFile(path, {}, ONE_THREAD);
    assert.ok(expected.stacks.length > 500, 'the file has many distinct stacks');
    assert.ok(
      expected.stacks.some((s) => s.frames.includes('say "hi"') && s.frames.includes('C:\\path\\to\\frame')),
      'escaped quotes and backslashes are decoded',
    );
    for (const plan of [parallel(2), parallel(4, 64)]) {
      assert.deepStrictEqual(view(await inWorkers(path, plan)), view(expected), `${plan.workers} parts, ${plan.chunkBytes}-byte reads`);
    }
  });

  it('gives the same profile for a folded file with CRLF, unicode and k8s frames', async () => {
    const lines = Array.from({ length: 4000 }, (_, i) => {
      const k8s = i % 3 === 0 ? `node: n${i % 2};namespace: default;pod: api-${i % 5};container: api;pid: 7;` : '';
      return `${k8s}main;処理;handler${i % 37};Größe${i % 11} ${1 + (i % 9)}${i % 4 === 0 ? '\r\n' : '\n'}`;
    });
    const path = join(dir, 'tricky.folded');
    writeFileSync(path, lines.join(''));
    const expected = view(await readProfileFile(path, {}, ONE_THREAD));
    assert.deepStrictEqual(view(await inWorkers(path, parallel(3, 50))), expected);
  });

  it('keeps a byte order mark that starts a later part, as one pass does', async () => {
    // 400 rows of 42 bytes: the cut in two lands just after row 200, on the row with the mark.
    const rows = Array.from({ length: 400 }, (_, i) => JSON.stringify({ stack_trace: `main;work${String(i).padStart(4, '0')}`, count: 1 }));
    rows[201] = `\ufeff${rows[201]}`;
    const path = join(dir, 'bom.jsonl');
    writeFileSync(path, rows.join('\n'));
    const cuts = await newlineCuts(path, statSync(path).size, 2);
    assert.deepEqual([...readFileSync(path).subarray(cuts[1], cuts[1] + 3)], [0xef, 0xbb, 0xbf]);
    const expected = await readProfileFile(path, {}, ONE_THREAD).catch((err: Error) => err.message);
    const got = await inWorkers(path, parallel(2)).catch((err: Error) => err.message);
    assert.deepStrictEqual(typeof got === 'string' ? got : view(got), typeof expected === 'string' ? expected : view(expected));
  });

  it('numbers a malformed line by its place in the whole file, and reports the first of several', async () => {
    const good = JSON.stringify({ namespace: 'default', pod: 'default/api-1', stack_trace: 'main;handler', count: 2 });
    const rows = Array.from({ length: 5000 }, () => good);
    rows[4321] = '{"stack_trace":"main;handler","count":';
    const path = join(dir, 'malformed.jsonl');
    writeFileSync(path, rows.join('\n'));
    const expected = /^line 4322: not valid JSON/;
    await assert.rejects(readProfileFile(path, {}, ONE_THREAD), { name: 'ProfileFormatError', message: expected });
    for (const plan of [parallel(2), parallel(4, 333)]) await assert.rejects(inWorkers(path, plan), { name: 'ProfileFormatError', message: expected });

    rows[17] = '{"stack_trace":"main","count":"many"}';
    writeFileSync(path, rows.join('\n'));
    await assert.rejects(inWorkers(path, parallel(3)), { message: /^line 18: `count` must be a non-negative number/ });

    const folded = Array.from({ length: 3000 }, (_, i) => `main;work${i % 10} ${i % 3 + 1}`);
    folded[2999] = 'main;work 12 apples';
    writeFileSync(join(dir, 'malformed.folded'), folded.join('\r\n'));
    await assert.rejects(inWorkers(join(dir, 'malformed.folded'), parallel(2)), (err: unknown) => err instanceof ProfileFormatError && err.message.startsWith('line 3000: expected `stack count`'));
  });

  it('fails a stack with a broken escape the same way', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ namespace: 'default', stack_trace: `main;work${i % 50}`, count: 1 }));
    rows[2500] = '{"namespace":"default","stack_trace":"main;bad\\xescape","count":1}';
    const path = join(dir, 'bad-escape.jsonl');
    writeFileSync(path, rows.join('\n'));
    const expected = await readProfileFile(path, {}, ONE_THREAD).then(
      () => assert.fail('a broken escape was accepted'),
      (err: Error) => err,
    );
    assert.ok(expected instanceof ProfileFormatError && expected.message.startsWith('reading bad-escape.jsonl failed: '), expected.message);
    await assert.rejects(inWorkers(path, parallel(2)), { name: 'ProfileFormatError', message: expected.message });
  });

  it('says when a file has no samples', async () => {
    const path = join(dir, 'zeros.folded');
    writeFileSync(path, Array.from({ length: 2000 }, (_, i) => `main;work${i} 0`).join('\n'));
    await assert.rejects(inWorkers(path, parallel(2)), { name: 'ProfileFormatError', message: 'empty profile: no samples' });
  });

  it('reports progress up to 1 and stops when cancelled', async () => {
    const path = join(dir, 'many.folded');
    writeFileSync(path, Array.from({ length: 200_000 }, (_, i) => `main;handler;work${i % 1000} ${(i % 5) + 1}`).join('\n'));
    const fractions: number[] = [];
    await inWorkers(path, parallel(2, 64 * 1024), { onProgress: (f) => fractions.push(f) });
    assert.ok(fractions.length > 2);
    assert.ok(fractions.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= fractions[i - 1])));
    assert.equal(fractions.at(-1), 1);

    const controller = new AbortController();
    await assert.rejects(
      readProfileFile(path, { signal: controller.signal, onProgress: (f) => f > 0 && controller.abort() }, parallel(2, 64 * 1024)),
      (err: unknown) => err instanceof ProfileReadCancelled && err.message === 'reading many.folded was cancelled',
    );
    await assert.rejects(readProfileFile(path, { signal: AbortSignal.abort() }, parallel(2)), ProfileReadCancelled);
  });

  it('leaves files that are not line formats to the one-thread reader', async () => {
    assert.equal(await readInWorkers(fixturePath('go-admin.pb.gz'), { totalBytes: statSync(fixturePath('go-admin.pb.gz')).size, name: 'go-admin.pb.gz' }, parallel(2)), undefined);
    const profile = await readProfileFile(fixturePath('pixie-flamegraph.json'), {}, parallel(2));
    assert.equal(profile.format, 'pixie');
  });
});

describe('LineSplitter inside a file', () => {
  it('keeps a leading byte order mark as data and counts its lines', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line), undefined, true);
    splitter.pushBytes(new TextEncoder().encode('\ufeffa 1\nb 2\n'));
    splitter.end();
    assert.deepEqual(lines, ['\ufeffa 1', 'b 2']);
    assert.equal(splitter.lines, 2);
  });
});
