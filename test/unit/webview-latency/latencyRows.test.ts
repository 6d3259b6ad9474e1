import assert from 'node:assert/strict';
import type { LatencyTable } from '../../../src/core/latency';
import { buildServiceRows, maxP99, nextSort, rowLabel, visibleRows } from '../../../webview/latency/latencyRows';
import { storyTable } from './fixture';

const labels = (table: LatencyTable, ...args: Parameters<typeof buildServiceRows> extends [LatencyTable, ...infer R] ? R : never) =>
  visibleRows(buildServiceRows(table, ...args), new Set()).map(rowLabel);

describe('latency view: rows and sorting', () => {
  it('puts GET /admin at the top by default (p99, slowest first)', () => {
    const rows = labels(storyTable());
    assert.deepEqual(rows.slice(0, 4), ['default/admin-service', 'GET /admin', 'POST /admin/hats', 'GET /admin/hats/<id>']);
    assert.deepEqual(rows.filter((r) => r.startsWith('default/')), ['default/admin-service', 'default/upload-service', 'default/frontend']);
    assert.equal(rows.length, 11);
  });

  it('sorts services, and endpoints within each service, by the chosen column', () => {
    const rows = labels(storyTable(), { column: 'rps', descending: true });
    assert.deepEqual(rows.slice(0, 4), ['default/frontend', 'GET /', 'GET /hats', 'GET /static/<id>']);
    const byErrors = labels(storyTable(), { column: 'errors', descending: true });
    assert.deepEqual(byErrors.slice(0, 3), ['default/upload-service', 'POST /upload', 'POST /manipulate']);
  });

  it('sorts names A-Z by path then method, and Z-A when flipped', () => {
    const asc = labels(storyTable(), { column: 'name', descending: false });
    assert.deepEqual(asc.slice(0, 4), ['default/admin-service', 'GET /admin', 'POST /admin/hats', 'GET /admin/hats/<id>']);
    const desc = labels(storyTable(), { column: 'name', descending: true });
    assert.equal(desc[0], 'default/upload-service');
    assert.equal(desc[1], 'POST /upload');
  });

  it('flips the sorted column and starts numbers largest-first, names A-Z', () => {
    assert.deepEqual(nextSort({ column: 'p99', descending: true }, 'p99'), { column: 'p99', descending: false });
    assert.deepEqual(nextSort({ column: 'p99', descending: true }, 'rps'), { column: 'rps', descending: true });
    assert.deepEqual(nextSort({ column: 'p99', descending: true }, 'name'), { column: 'name', descending: false });
  });

  it('hides the endpoints of collapsed services', () => {
    const rows = visibleRows(buildServiceRows(storyTable()), new Set(['default/admin-service'])).map(rowLabel);
    assert.deepEqual(rows.slice(0, 3), ['default/admin-service', 'default/upload-service', 'POST /upload']);
    assert.equal(rows.length, 8);
  });

  it('keeps endpoints of a service the source gave no total for, below the others', () => {
    const t = storyTable();
    const table = { ...t, services: t.services.filter((s) => s.service !== 'default/frontend') };
    const rows = buildServiceRows(table);
    assert.equal(rows.length, 3);
    assert.equal(rows[2].service, 'default/frontend');
    assert.equal(rows[2].stats, undefined);
    assert.equal(rows[2].endpoints.length, 3);
    // Still last when the order flips: a row without numbers is not the "fastest".
    assert.equal(buildServiceRows(table, { column: 'p99', descending: false })[2].service, 'default/frontend');
  });

  it('measures bars against the slowest p99 in the table', () => {
    assert.equal(maxP99(buildServiceRows(storyTable())), 2600);
  });
});
