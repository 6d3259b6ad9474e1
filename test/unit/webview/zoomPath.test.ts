import assert from 'node:assert/strict';
import type { FlameNode } from '../../../src/core/flameTree';
import { findByPath, markZoom, widestByName, zoomPathOf } from '../../../webview/zoomPath';
import { clusterTree } from './fixture';

const ADMIN_PATH = ['node: gke-pool-1', 'namespace: default', 'pod: admin-7d9f8c6b5-x2k4q', 'container: admin', 'pid: /app/admin', 'runtime.goexit.abi0', 'net/http.(*conn).serve', 'main.(*AdminHandler).ServeHTTP'];

describe('zoom by frame names', () => {
  it('names the path from below the root to a frame', () => {
    type N = { name: string; parent?: N };
    const root: N = { name: 'all' };
    const a: N = { name: 'a', parent: root };
    const b: N = { name: 'b', parent: a };
    assert.deepEqual(zoomPathOf(b, (n) => n.parent, (n) => n.name), ['a', 'b']);
    assert.deepEqual(zoomPathOf(root, (n) => n.parent, (n) => n.name), []);
  });

  it('finds a zoomed frame again in a new tree', () => {
    const found = findByPath(clusterTree(), [...ADMIN_PATH, 'main.listHats']);
    assert.equal(found.matched, 9);
    assert.equal(found.node.name, 'main.listHats');
    assert.equal(found.node.value, 650);
    assert.equal(found.ancestors.length, 9);
  });

  it('stops at the deepest frame that still exists when the tree changed', () => {
    const found = findByPath(clusterTree(), [...ADMIN_PATH, 'main.deletedHandler', 'main.listHats']);
    assert.equal(found.matched, ADMIN_PATH.length);
    assert.equal(found.node.name, 'main.(*AdminHandler).ServeHTTP');
    assert.equal(findByPath(clusterTree(), ['node: gone']).matched, 0);
  });

  it('focuses the widest frame of a function, by exact name first', () => {
    const tree = clusterTree();
    assert.deepEqual(widestByName(tree, 'main.generatePreviews'), [...ADMIN_PATH, 'main.listHats', 'main.generatePreviews']);
    // A bare method name finds the qualified frame.
    assert.deepEqual(widestByName(tree, 'newOrder')?.at(-1), '[j] works.weave.socks.orders.OrdersController.newOrder');
    assert.equal(widestByName(tree, 'main.nowhere'), undefined);
    assert.equal(widestByName(tree, ''), undefined);
  });

  it('takes the outermost frame of a recursive function', () => {
    assert.deepEqual(widestByName(clusterTree(), 'main.walkTree'), [...ADMIN_PATH, 'main.walkTree']);
  });

  it('marks a restored zoom the way d3-flame-graph does: ancestors faded, their other children hidden', () => {
    const tree = clusterTree();
    const found = findByPath(tree, [...ADMIN_PATH, 'main.listHats']);
    markZoom(found);
    const flags = (n: FlameNode) => n as FlameNode & { fade?: boolean; hide?: boolean };
    assert.equal(flags(tree).fade, true);
    for (const a of found.ancestors) assert.equal(flags(a).fade, true);
    const handler = found.ancestors.at(-1)!;
    const siblings = handler.children.filter((c) => c !== found.node);
    assert.deepEqual(siblings.map((s) => s.name).sort(), ['main.uploadHat', 'main.walkTree']);
    for (const s of siblings) assert.equal(flags(s).hide, true);
    assert.equal(flags(found.node).fade, undefined);
    assert.equal(flags(found.node).hide, undefined);
    const orders = tree.children.find((c) => c.name === 'node: gke-pool-2')!;
    assert.equal(flags(orders).hide, true);
  });
});
