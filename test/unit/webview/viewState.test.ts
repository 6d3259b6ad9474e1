import assert from 'node:assert/strict';
import { parseViewState } from '../../../webview/viewState';

describe('saved view state', () => {
  it('restores a well-formed state as saved', () => {
    const state = {
      filters: { namespace: 'default' },
      search: 'preview',
      zoomPath: ['node: n1', 'namespace: default'],
      inverted: true,
      source: { kind: 'file', path: '/tmp/p.folded' },
    };
    assert.deepEqual(parseViewState(state), state);
  });

  it('keeps what is usable from a damaged or old state, and ignores garbage', () => {
    assert.deepEqual(parseViewState({ filters: { namespace: 3, pod: 'p' }, zoomPath: ['a', 7], inverted: 'yes' }), {
      filters: { pod: 'p' },
      search: '',
      zoomPath: ['a'],
      inverted: false,
    });
    assert.equal(parseViewState(undefined), undefined);
    assert.equal(parseViewState('state'), undefined);
  });
});
