import * as assert from 'node:assert/strict';
import { readFolded } from '../../../src/core/formats/folded';
import { liftK8sFrameBytes, liftK8sFrames } from '../../../src/core/formats/k8sFramePrefix';

/** Stacks as Pixie's UI exports them, and the near misses a lifter must leave alone. */
const STACKS = [
  'node: gke-a;namespace: default;pod: admin-7d9f;container: admin;pid: /app/admin;main.main;main.handler',
  'node: gke-a;namespace: default;pod: admin-7d9f;main.main',
  'namespace: pl;pod: vizier-pem-2xk9d;container: pem;px::stirling::Run()',
  'pod: frontend-6b8d;node: gke-b;main',
  'node: ;namespace: default;main',
  'node: gke-ü;namespace: 名前空間;pod: pod-🔥;main;Größe',
  'node: gke-a;namespace: default',
  'node: only',
  'pid: 42;main;pod: not-lifted-deeper',
  'container: app;container: twice;main',
  'nodes: not-a-label;main',
  'main;node: deeper',
  'no;k8s;frames',
  'p',
];

describe('lifting k8s frames from stack bytes', () => {
  it('lifts the same context and leaves the same stack as lifting the decoded text', () => {
    for (const stack of STACKS) {
      const bytes = Buffer.from(`xx${stack}yy`, 'utf8');
      const to = bytes.length - 2;
      const expected = liftK8sFrames(stack);
      const got = liftK8sFrameBytes(bytes, 2, to, true);
      assert.deepEqual(got.ctx, expected.ctx, stack);
      assert.equal(bytes.toString('utf8', got.end, to), expected.stack, stack);
      assert.equal(liftK8sFrameBytes(bytes, 2, to, false).end, got.end, stack);
    }
  });

  it('gives each stack its own pod when many stacks share few prefixes', () => {
    const lines = Array.from({ length: 600 }, (_, i) => `node: n${i % 2};namespace: ns${i % 3};pod: p${i % 5};container: c;pid: 7;main;work${i % 7} 1`);
    const profile = readFolded(lines.join('\n'));
    assert.equal(profile.totalSamples, 600);
    for (const s of profile.stacks) assert.ok(s.ctx?.pod && s.ctx.namespace && s.ctx.node && s.frames.length === 2, JSON.stringify(s));
    const byPod = new Map<string, number>();
    for (const s of profile.stacks) {
      const where = `${s.ctx!.node}/${s.ctx!.namespace}/${s.ctx!.pod}`;
      byPod.set(where, (byPod.get(where) ?? 0) + s.count);
    }
    // lcm(2, 3, 5) = 30 distinct (node, namespace, pod) places, 20 rows each.
    assert.equal(byPod.size, 30);
    assert.ok([...byPod.values()].every((n) => n === 20));
  });
});
