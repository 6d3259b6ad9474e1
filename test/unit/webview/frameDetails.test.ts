import assert from 'node:assert/strict';
import { canOpenSource, frameDetails } from '../../../webview/frameDetails';
import { findByPath } from '../../../webview/zoomPath';
import { clusterTree } from './fixture';

describe('frame tooltip details', () => {
  it('gives total and self shares of the whole view, with CPU time', () => {
    const tree = clusterTree();
    const path = ['node: gke-pool-1', 'namespace: default', 'pod: admin-7d9f8c6b5-x2k4q', 'container: admin', 'pid: /app/admin', 'runtime.goexit.abi0', 'net/http.(*conn).serve', 'main.(*AdminHandler).ServeHTTP', 'main.listHats', 'main.generatePreviews', 'image/png.Decode'];
    const node = findByPath(tree, path).node;
    assert.deepEqual(frameDetails(node, tree.value, 10), {
      name: 'image/png.Decode',
      kind: 'User code',
      rows: [
        ['Total', '25.0% · 250 samples · 2.50 s'],
        ['Self', '25.0% · 250 samples · 2.50 s'],
      ],
    });
  });

  it('leaves out time when the sampling interval is unknown', () => {
    const d = frameDetails({ name: '[k] tcp_sendmsg', kind: 'kernel', value: 1, self: 1 }, 1000);
    assert.equal(d.kind, 'Kernel');
    assert.deepEqual(d.rows[0], ['Total', '0.1% · 1 sample']);
  });

  it('offers source only for frames that can have one', () => {
    assert.equal(canOpenSource('user'), true);
    assert.equal(canOpenSource('java'), true);
    assert.equal(canOpenSource('kernel'), true);
    assert.equal(canOpenSource('k8s'), false);
    assert.equal(canOpenSource('unsymbolized'), false);
  });
});
