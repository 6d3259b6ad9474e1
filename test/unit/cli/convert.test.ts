import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readProfile } from '../../../src/core/formats/readProfile';
import { CLUSTER, fixtureBytes, fixturePath, samplesBy, stackCounts } from '../formats/fixtures';
import { runCli } from './cliIo';

const repo = join(__dirname, '..', '..', '..');
const fixture = (name: string): string => relative(repo, fixturePath(name));

describe('flamelens convert', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'flamelens-convert-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cluster = readProfile(fixtureBytes('pixie-flamegraph.jsonl'));

  it('writes Pixie rows as folded stacks on stdout, k8s frames first', async () => {
    const run = await runCli(['convert', fixture('pixie-flamegraph.jsonl'), '--to', 'folded'], { cwd: repo });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const back = readProfile(Buffer.from(run.stdout));
    assert.equal(back.format, 'folded');
    assert.deepEqual(stackCounts(back), stackCounts(cluster));
    assert.match(run.stdout.split('\n')[0], /^node: gke-tinyhat-default-pool-5c8a2b1e-k3vx;namespace: default;pod: admin-service-7d9f8b6c5-x2k4p;/);
  });

  it('round-trips folded -> json -> folded through files', async () => {
    const json = join(dir, 'cluster.jsonl');
    const folded = join(dir, 'cluster.folded');
    assert.equal((await runCli(['convert', fixture('pixie-flamegraph.folded'), '--to', 'json', '-o', json], { cwd: repo })).code, 0);
    assert.equal((await runCli(['convert', json, '-o', folded], { cwd: repo })).code, 0);
    const back = readProfile(readFileSync(folded));
    assert.deepEqual(stackCounts(back), stackCounts(cluster));
    assert.deepEqual(samplesBy(back, 'namespace'), CLUSTER.byNamespace);
  });

  it('writes pprof gzipped when the name ends in .gz, plain otherwise, readable back', async () => {
    const gz = join(dir, 'cluster.pb.gz');
    const pb = join(dir, 'cluster.pb');
    assert.equal((await runCli(['convert', fixture('pixie-flamegraph.jsonl'), '--to', 'pprof', '-o', gz], { cwd: repo })).code, 0);
    assert.equal((await runCli(['convert', fixture('pixie-flamegraph.jsonl'), '--to=pprof', '--output', pb], { cwd: repo })).code, 0);
    const gzBytes = readFileSync(gz);
    assert.deepEqual([gzBytes[0], gzBytes[1]], [0x1f, 0x8b]);
    assert.deepEqual(gunzipSync(gzBytes), readFileSync(pb));
    assert.deepEqual(stackCounts(readProfile(gzBytes)), stackCounts(cluster));
  });

  it('writes pprof to a pipe, but not to a terminal', async () => {
    const piped = await runCli(['convert', fixture('go-admin.pb.gz'), '--to', 'pprof'], { cwd: repo });
    assert.equal(piped.code, 0);
    assert.equal(readProfile(piped.stdoutBytes).totalSamples, 360);
    const tty = await runCli(['convert', fixture('go-admin.pb.gz'), '--to', 'pprof'], { cwd: repo, ttyStdout: true });
    assert.equal(tty.code, 2);
    assert.equal(tty.stdout, '');
    assert.equal(tty.stderr, 'flamelens convert: pprof is binary and stdout is a terminal: write it to a file with -o profile.pb.gz, or pipe it\n');
  });

  it('converts a .cpuprofile to folded with source positions in the frames', async () => {
    const run = await runCli(['convert', fixture('node-preview.cpuprofile'), '--to', 'folded'], { cwd: repo });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /;createSampleImage \/\S+\/busy-preview\.js:22:27;/);
  });

  it('fails with one line and no output file on a malformed input', async () => {
    const out = join(dir, 'never.folded');
    const run = await runCli(['convert', fixture('malformed-count.folded'), '--to', 'json', '-o', out], { cwd: repo });
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      `flamelens convert: ${fixture('malformed-count.folded')}: line 3: expected \`stack count\` (frames joined by \`;\`, a space, a sample count), got \`main;handler;resize twelve\`\n`,
    );
    assert.ok(!existsSync(out));
  });

  it('explains usage mistakes in one line with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['convert', 'x.folded', '--to', 'svg'], "--to must be one of folded, json, pprof (got 'svg')"],
      [['convert', 'x.folded'], 'say which format to write with --to folded|json|pprof'],
      [['convert', '--to', 'json'], 'missing <input>'],
      [['convert', 'x.folded', '--to', 'json', '--frmat', 'y'], 'unknown option --frmat'],
    ];
    for (const [argv, message] of cases) {
      const run = await runCli(argv, { cwd: repo });
      assert.equal(run.code, 2, argv.join(' '));
      assert.equal(run.stderr, `flamelens convert: ${message}\n`);
    }
    const missing = await runCli(['convert', 'nope.folded', '--to', 'json'], { cwd: dir });
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, `flamelens convert: cannot open ${join(dir, 'nope.folded')}: no such file\n`);
  });
});
