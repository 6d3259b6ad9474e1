import * as assert from 'node:assert/strict';
import { buildFlameTree, countNodes, FlameNode } from '../../../src/core/flameTree';
import { readFolded } from '../../../src/core/formats/folded';
import { pruneTree } from '../../../src/core/prune';

function index(node: FlameNode, path = '', out = new Map<string, FlameNode>()): Map<string, FlameNode> {
  const here = path ? `${path};${node.name}` : node.name;
  out.set(here, node);
  for (const c of node.children) index(c, here, out);
  return out;
}

describe('pruning for display', () => {
  // A wide hot path, and a long tail of narrow siblings under `main;tail`.
  const lines = ['main;hot;render 600', 'main;hot 100', 'main;warm 200'];
  for (let i = 0; i < 50; i++) lines.push(`main;tail;fn${i};leaf 2`);
  const tree = buildFlameTree(readFolded(lines.join('\n')));

  it('drops only nodes narrower than the threshold, and keeps every total exact', () => {
    const { root, nodeCount, prunedNodes, prunedSamples } = pruneTree(tree, { minFraction: 0.01 });
    assert.equal(root.value, tree.value);
    assert.equal(tree.value, 1000);
    const before = index(tree);
    const after = index(root);
    for (const [path, node] of after) {
      assert.equal(node.value, before.get(path)!.value, path);
      assert.equal(node.self, before.get(path)!.self, path);
    }
    for (const [path, node] of before) {
      if (!after.has(path)) {
        assert.ok(node.value < 10, `${path} (${node.value}) should have been kept`);
      } else {
        assert.ok(node.value >= 10 || path === 'all', path);
      }
    }
    // The tail itself (100 samples) stays; its 50 two-sample children and their leaves go.
    assert.equal(after.get('all;main;tail')!.value, 100);
    assert.equal(after.get('all;main;tail')!.children.length, 0);
    assert.equal(prunedNodes, 100);
    assert.equal(prunedSamples, 100);
    assert.equal(nodeCount, countNodes(root));
    assert.equal(nodeCount + prunedNodes, countNodes(tree));
  });

  it('with a node cap, raises the threshold until the tree fits, never dropping the root', () => {
    const { root, nodeCount } = pruneTree(tree, { minFraction: 0, maxNodes: 8 });
    assert.ok(nodeCount <= 8, `${nodeCount} nodes`);
    assert.equal(root.value, 1000);
    assert.deepEqual(root.children.map((c) => c.name), ['main']);
    assert.deepEqual(
      root.children[0].children.map((c) => [c.name, c.value]),
      [
        ['hot', 700],
        ['warm', 200],
        ['tail', 100],
      ],
    );
  });

  it('keeps everything at a zero threshold', () => {
    const { nodeCount, prunedNodes } = pruneTree(tree, { minFraction: 0 });
    assert.equal(prunedNodes, 0);
    assert.equal(nodeCount, countNodes(tree));
  });
});
