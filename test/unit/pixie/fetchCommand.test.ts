import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Profile as PprofProfile } from 'pprof-format';
import { startVizierTestServer, VizierTestServer } from '../../support/vizierServer';
import { runCli } from '../cli/cliIo';

describe('flamelens fetch --pixie', () => {
  let server: VizierTestServer;
  let tlsServer: VizierTestServer;
  let dir: string;
  before(async function () {
    this.timeout(30_000);
    server = await startVizierTestServer({ auth: { apiKey: 'px-api-cli-test-0001' } });
    tlsServer = await startVizierTestServer({ tls: true });
    dir = mkdtempSync(join(tmpdir(), 'flamelens-fetch-'));
  });
  after(async () => {
    await server.close();
    await tlsServer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const key = { PX_KEY: 'px-api-cli-test-0001' };

  it('writes latency as one JSON object per endpoint and line', async () => {
    const run = await runCli(['fetch', '--pixie', server.address, '--insecure', '--api-key-env', 'PX_KEY', '--what', 'latency', '--format', 'json', '--namespace', 'default', '--window', '5m'], { env: key });
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines[0], { service: 'default/admin', method: 'GET', path: '/admin', p50_ms: 1840, p90_ms: 2710, p99_ms: 3420, requests_per_s: 0.4, error_rate: 0 });
    assert.deepEqual(Object.keys(lines[1]), ['service', 'method', 'path', 'p50_ms', 'p90_ms', 'p99_ms', 'requests_per_s', 'error_rate']);
    assert.equal(lines.length, 5);
    assert.match(run.stderr, /5 endpoints of 3 services/);
    assert.equal(server.lastCall().metadata['pixie-api-key'], 'px-api-cli-test-0001');
  });

  it('writes the flamegraph as folded stacks with the k8s frames first', async () => {
    const run = await runCli(['fetch', '--pixie', server.address, '--insecure', '--api-key-env', 'PX_KEY', '--cluster-id', '6f1d4c1a-0000-4000-8000-00000000beef', '--what', 'flamegraph', '--namespace', 'default', '--pod', 'manipulate', '--window', '15m'], { env: key });
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.ok(lines.every((l) => l.startsWith('node: gke-demo-pool-1-c3d4;namespace: default;pod: manipulate-58f6d9c7b-p0wer;container: manipulate;')), lines[0]);
    assert.match(lines[0], / \d+$/);
    assert.deepEqual(server.lastCall().funcs[0].args, { start_time: '-15m', namespace: 'default', pod: 'manipulate' });
    assert.equal(server.lastCall().clusterId, '6f1d4c1a-0000-4000-8000-00000000beef');
  });

  it('writes gzipped pprof to a file, verifying TLS with --ca', async () => {
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, tlsServer.ca!);
    const run = await runCli(['fetch', '--pixie', `localhost:${tlsServer.port}`, '--ca', caFile, '--what', 'flamegraph', '--format', 'pprof', '-o', 'cpu.pb.gz'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    const profile = PprofProfile.decode(gunzipSync(readFileSync(join(dir, 'cpu.pb.gz'))));
    assert.ok(profile.sample.length > 20);
  });

  it('refuses a wrong key without printing it, and a dead server, with exit code 1', async () => {
    const refused = await runCli(['fetch', '--pixie', server.address, '--insecure', '--api-key-env', 'PX_KEY', '--what', 'flamegraph'], { env: { PX_KEY: 'px-api-wrong-999999' } });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^flamelens fetch: Pixie refused the API key/);
    assert.ok(!refused.stderr.includes('px-api-wrong-999999'));
    const plain = await runCli(['fetch', '--pixie', `localhost:${tlsServer.port}`, '--what', 'latency']);
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /Cannot reach Vizier at localhost:\d+: .*--ca FILE/);
  });

  it('explains bad arguments with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['fetch', '--what', 'flamegraph'], /--pixie HOST:PORT/],
      [['fetch', '--pixie', 'nohost', '--what', 'flamegraph'], /--pixie must be HOST:PORT/],
      [['fetch', '--pixie', server.address, '--insecure'], /--what flamegraph or --what latency/],
      [['fetch', '--pixie', server.address, '--insecure', '--what', 'cpu'], /--what must be one of flamegraph, latency/],
      [['fetch', '--pixie', server.address, '--insecure', '--what', 'flamegraph', '--namespce', 'x'], /unknown option --namespce \(did you mean --namespace\?\)/],
      [['fetch', '--pixie', server.address, '--insecure', '--what', 'latency', '--format', 'folded'], /writes json only/],
      [['fetch', '--pixie', server.address, '--insecure', '--what', 'flamegraph', '--window', 'soon'], /--window must be a duration/],
      [['fetch', '--pixie', server.address, '--insecure', '--what', 'flamegraph', '--api-key-env', 'UNSET_VAR'], /UNSET_VAR: that environment variable is not set/],
      [['fetch', '--pixie', server.address, '--insecure', '--ca', 'x.pem', '--what', 'flamegraph'], /--insecure cannot go with --ca/],
      [['fetch', '--pixie', server.address, '--what', 'flamegraph', '--ca', join(dir, 'missing.pem')], /cannot read the CA file .*ENOENT/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
  });
});
