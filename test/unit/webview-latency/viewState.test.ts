import assert from 'node:assert/strict';
import { buildServiceRows, rowLabel } from '../../../webview/latency/latencyRows';
import { parseViewState, pruneCollapsed, resolveSelection } from '../../../webview/latency/viewState';
import { storyTable } from './fixture';

describe('latency view: saved state', () => {
  it('keeps a valid saved state', () => {
    const saved = { sort: { column: 'rps', descending: false }, selected: { service: 'default/admin-service', method: 'GET', path: '/admin' }, collapsed: ['default/frontend'] };
    assert.deepEqual(parseViewState(saved), saved);
  });

  it('defaults what a different build saved wrongly', () => {
    assert.deepEqual(parseViewState(undefined), { sort: { column: 'p99', descending: true }, collapsed: [] });
    assert.deepEqual(parseViewState({ sort: { column: 'latency', descending: 'yes' }, selected: { method: 'GET' }, collapsed: 'x' }), {
      sort: { column: 'p99', descending: true },
      collapsed: [],
    });
    assert.deepEqual(parseViewState({ selected: { service: 's', method: 'GET' }, collapsed: ['a', 3] }).selected, { service: 's' });
  });

  it('reselects the saved endpoint and expands its service', () => {
    const rows = buildServiceRows(storyTable());
    const r = resolveSelection(rows, parseViewState({ selected: { service: 'default/upload-service', method: 'POST', path: '/upload' }, collapsed: ['default/upload-service', 'default/frontend'] }));
    assert.equal(r && rowLabel(r.row), 'POST /upload');
    assert.deepEqual(r?.collapsed, ['default/frontend']);
  });

  it('falls back to the service when its saved endpoint had no traffic, and to the top row otherwise', () => {
    const rows = buildServiceRows(storyTable());
    const gone = resolveSelection(rows, parseViewState({ selected: { service: 'default/frontend', method: 'DELETE', path: '/hats/<id>' } }));
    assert.equal(gone && rowLabel(gone.row), 'default/frontend');
    const none = resolveSelection(rows, parseViewState({ selected: { service: 'default/checkout' } }));
    assert.equal(none && rowLabel(none.row), 'default/admin-service');
    assert.equal(resolveSelection([], parseViewState(undefined)), undefined);
  });

  it('forgets collapsed services that left the table', () => {
    assert.deepEqual(pruneCollapsed(storyTable(), ['default/frontend', 'default/checkout']), ['default/frontend']);
  });
});
