import * as assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { fixturePath } from '../formats/fixtures';
import { runCli } from './cliIo';

const repo = join(__dirname, '..', '..', '..');
const cluster = relative(repo, fixturePath('pixie-flamegraph.jsonl'));

function rows(stdout: string): [number, number, string][] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => {
      const [self, total, name] = line.split('\t');
      return [Number(self), Number(total), name];
    });
}

describe('flamelens top', () => {
  it('prints self<TAB>total<TAB>name, best first by self samples', async () => {
    const run = await runCli(['top', cluster, '--limit', '3'], { cwd: repo });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      '200\t200\tnet/http.(*Transport).roundTrip\n150\t150\tcompress/flate.(*decompressor).huffmanBlock\n90\t90\tfib(unsigned long)\n',
    );
  });

  it('orders by total on request, counting recursion once and never listing k8s frames', async () => {
    const run = await runCli(['top', cluster, '--by', 'total', '--limit', '0'], { cwd: repo });
    const all = rows(run.stdout);
    assert.deepEqual(all[0], [0, 416, 'runtime.goexit.abi0']);
    assert.ok(all.every(([, total], i) => i === 0 || total <= all[i - 1][1]));
    assert.deepEqual(all.find(([, , name]) => name === 'main.walkTree'), [0, 10, 'main.walkTree']);
    assert.ok(!all.some(([, , name]) => /^(node|namespace|pod|container|pid): /.test(name)));
    assert.ok(all.length > 20, 'limit 0 prints all');
  });

  it('narrows to a namespace, a pod (bare or namespace/pod) and a container', async () => {
    const pl = rows((await runCli(['top', cluster, '--namespace', 'pl'], { cwd: repo })).stdout);
    assert.equal(pl.reduce((n, [self]) => n + self, 0), 60);
    const pod = await runCli(['top', cluster, '--pod', 'default/admin-service-7d9f8b6c5-x2k4p', '--limit', '1'], { cwd: repo });
    assert.equal(pod.stdout, '200\t200\tnet/http.(*Transport).roundTrip\n');
    const bare = await runCli(['top', cluster, '--pod', 'manipulate-5c4b3a2d1-m7n6b', '--container', 'manipulate', '--limit', '2'], { cwd: repo });
    assert.deepEqual(rows(bare.stdout).map(([self, , name]) => [self, name]), [
      [90, 'fib(unsigned long)'],
      [60, 'deflate'],
    ]);
  });

  it('reads pprof and .cpuprofile too', async () => {
    const pprof = await runCli(['top', relative(repo, fixturePath('go-admin.pb.gz')), '--limit', '1'], { cwd: repo });
    // 7 more samples went into libc under Client.Do.
    assert.equal(pprof.stdout, '200\t207\tnet/http.(*Client).Do /usr/local/go/src/net/http/client.go:587\n');
    const cpu = await runCli(['top', relative(repo, fixturePath('node-preview.cpuprofile')), '--limit', '1'], { cwd: repo });
    assert.match(cpu.stdout, /^338\t667\tcreateSampleImage \/\S+\/busy-preview\.js:22:27\n$/);
  });

  it('says what exists when a filter matches nothing', async () => {
    const run = await runCli(['top', cluster, '--namespace', 'prod'], { cwd: repo });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, "flamelens top: no samples for namespace 'prod'; namespaces there: default, pl, kube-system\n");
    const pod = await runCli(['top', cluster, '--namespace', 'pl', '--pod', 'admin-service-7d9f8b6c5-x2k4p'], { cwd: repo });
    assert.equal(pod.stderr, "flamelens top: no samples for namespace 'pl', pod 'admin-service-7d9f8b6c5-x2k4p'; pods there: vizier-pem-7xk2p, vizier-pem-9m4qt\n");
    const noCtx = await runCli(['top', relative(repo, fixturePath('perf-collapsed.folded')), '--namespace', 'default'], { cwd: repo });
    assert.equal(noCtx.stderr, "flamelens top: no samples for namespace 'default'; the profile has no namespace information\n");
  });

  it('rejects bad options with exit code 2', async () => {
    const by = await runCli(['top', cluster, '--by', 'wall'], { cwd: repo });
    assert.deepEqual([by.code, by.stderr], [2, "flamelens top: --by must be one of self, total (got 'wall')\n"]);
    const limit = await runCli(['top', cluster, '--limit', '-1'], { cwd: repo });
    assert.deepEqual([limit.code, limit.stderr], [2, "flamelens top: --limit must be a whole number (0 or more) (got '-1')\n"]);
  });
});
