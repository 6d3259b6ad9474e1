import * as assert from 'node:assert/strict';
import { buildFlameTree, countNodes, FlameNode } from '../../../src/core/flameTree';
import { readFolded } from '../../../src/core/formats/folded';
import { readProfile } from '../../../src/core/formats/readProfile';
import { CLUSTER, fixtureBytes } from '../formats/fixtures';

function find(node: FlameNode, path: string[]): FlameNode {
  let at = node;
  for (const name of path) {
    const next = at.children.find((c) => c.name === name);
    assert.ok(next, `no ${name} under ${at.name}`);
    at = next;
  }
  return at;
}

function walk(node: FlameNode, visit: (n: FlameNode) => void): void {
  visit(node);
  for (const c of node.children) walk(c, visit);
}

describe('flame tree', () => {
  const cluster = readProfile(fixtureBytes('pixie-flamegraph.jsonl'));
  const tree = buildFlameTree(cluster);

  it('has the profile total at the root and k8s frames first, as Pixie shows them', () => {
    assert.equal(tree.name, 'all');
    assert.equal(tree.value, CLUSTER.total);
    assert.ok(tree.children.every((c) => c.kind === 'k8s' && c.name.startsWith('node: ')));
    const ns = find(tree, ['node: gke-tinyhat-default-pool-5c8a2b1e-k3vx', 'namespace: default']);
    assert.equal(ns.kind, 'k8s');
    const pod = find(ns, [`pod: ${CLUSTER.adminPod}`]);
    assert.equal(pod.value, CLUSTER.adminSamples);
    const goexit = find(pod, ['container: admin-service', 'pid: /app/admin-service', 'runtime.goexit.abi0']);
    assert.equal(goexit.kind, 'user');
  });

  it('every node is the sum of its children plus its own samples', () => {
    walk(tree, (n) => {
      assert.equal(n.value, n.self + n.children.reduce((s, c) => s + c.value, 0), n.name);
      for (let i = 1; i < n.children.length; i++) assert.ok(n.children[i - 1].value >= n.children[i].value);
    });
  });

  it('puts self samples on leaves and colours frames by kind', () => {
    const p = readFolded('main;syscall;[k] do_syscall_64 5\nmain;syscall 2\nmain;0x00007f3a1c2b3d4e 1\n[j] Interpreter [12x] 4\n');
    const t = buildFlameTree(p);
    const syscall = find(t, ['main', 'syscall']);
    assert.deepEqual([syscall.value, syscall.self], [7, 2]);
    assert.equal(find(syscall, ['[k] do_syscall_64']).kind, 'kernel');
    assert.equal(find(t, ['main', '0x00007f3a1c2b3d4e']).kind, 'unsymbolized');
    assert.equal(find(t, ['[j] Interpreter [12x]']).kind, 'java');
    assert.equal(countNodes(t), 6);
  });

  it('can leave the k8s frames out', () => {
    const bare = buildFlameTree(cluster, { k8sFrames: false });
    assert.equal(bare.value, CLUSTER.total);
    assert.ok(!bare.children.some((c) => c.kind === 'k8s'));
    assert.equal(find(bare, ['runtime.goexit.abi0']).value, 402 + 8 + 6);
  });
});
