import assert from 'node:assert/strict';
import { findSeries } from '../../../src/core/latency';
import { buildChart, nearestPoint } from '../../../webview/latency/chartModel';
import { BIN_SECONDS, storyTable } from './fixture';

const SIZE = { width: 800, height: 240 };

/** Every y of an `M…L…` path. */
function ys(d: string): number[] {
  return [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => Number(m[2]));
}

describe('latency view: chart geometry', () => {
  const table = storyTable();
  const admin = findSeries(table, 'default/admin-service', 'GET', '/admin')!;

  it('draws p50, p90 and p99 of GET /admin as one unbroken line each, inside the plot', () => {
    const c = buildChart(admin.points, BIN_SECONDS, SIZE, 0);
    assert.deepEqual(c.lines.map((l) => l.quantile), ['p50', 'p90', 'p99']);
    for (const line of c.lines) {
      assert.equal(line.d.match(/M/g)?.length, 1);
      assert.equal(line.d.match(/L/g)?.length, 29);
      for (const y of ys(line.d)) assert.ok(y >= c.plot.top && y <= c.plot.bottom, `${line.quantile} y=${y}`);
    }
    // p99 sits above p50 (smaller y) at every point.
    const p50 = ys(c.lines[0].d);
    const p99 = ys(c.lines[2].d);
    p99.forEach((y, i) => assert.ok(y <= p50[i]));
  });

  it('labels the latency axis in seconds up to a round top above the slowest p99', () => {
    const c = buildChart(admin.points, BIN_SECONDS, SIZE, 0);
    const maxP99 = Math.max(...admin.points.map((p) => p.p99Ms));
    const top = c.yTicks[c.yTicks.length - 1];
    assert.ok(top.value >= maxP99, `${top.value} >= ${maxP99}`);
    assert.equal(top.at, c.plot.top);
    assert.equal(c.yTicks[0].label, '0');
    assert.ok(c.yTicks.slice(1).every((t) => / s$/.test(t.label)), c.yTicks.map((t) => t.label).join(','));
  });

  it('labels the time axis with clock times of the window', () => {
    const c = buildChart(admin.points, BIN_SECONDS, SIZE, 0);
    assert.deepEqual(c.xTicks.map((t) => t.label), ['14:00:00', '14:00:30', '14:01:00', '14:01:30', '14:02:00', '14:02:30', '14:03:00', '14:03:30', '14:04:00', '14:04:30']);
    assert.equal(c.pointX[0], c.plot.left);
    assert.equal(c.pointX[29], c.plot.right);
    const narrow = buildChart(admin.points, BIN_SECONDS, { width: 320, height: 200 }, 0);
    assert.ok(narrow.xTicks.length <= 4 && narrow.xTicks.every((t) => /^\d\d:\d\d$/.test(t.label)), narrow.xTicks.map((t) => t.label).join(','));
  });

  it('breaks the lines where bins had no requests instead of drawing across the gap', () => {
    const sparse = findSeries(table, 'default/admin-service', 'POST', '/admin/hats')!;
    const c = buildChart(sparse.points, BIN_SECONDS, SIZE, 0);
    const p99 = c.lines.find((l) => l.quantile === 'p99')!;
    assert.equal(p99.d, '');
    assert.equal(p99.dots.length, 10);
    // Three silent bins in a busy endpoint: two runs.
    const gap = [...admin.points.slice(0, 10), ...admin.points.slice(13)];
    const g = buildChart(gap, BIN_SECONDS, SIZE, 0);
    assert.equal(g.lines[0].d.match(/M/g)?.length, 2);
    assert.equal(g.lines[0].d.match(/L/g)?.length, 9 + 16);
  });

  it('turns time labels at the edges inwards instead of cutting them off', () => {
    const sparse = findSeries(table, 'default/admin-service', 'POST', '/admin/hats')!;
    const c = buildChart(sparse.points, BIN_SECONDS, SIZE, 0);
    const last = c.xTicks[c.xTicks.length - 1];
    assert.equal(last.at, c.plot.right);
    assert.equal(last.anchor, 'end');
    assert.equal(c.xTicks[1].anchor, 'middle');
  });

  it('draws a single bin as dots with a readable axis', () => {
    const c = buildChart(admin.points.slice(0, 1), BIN_SECONDS, SIZE, 0);
    assert.equal(c.lines[2].dots.length, 1);
    assert.ok(c.xTicks.length >= 1);
    assert.ok(Number.isFinite(c.lines[2].dots[0].x));
  });

  it('finds the bin under the pointer', () => {
    const c = buildChart(admin.points, BIN_SECONDS, SIZE, 0);
    assert.equal(nearestPoint(c.pointX, c.plot.left - 20), 0);
    assert.equal(nearestPoint(c.pointX, c.pointX[12] + 3), 12);
    assert.equal(nearestPoint([], 10), undefined);
  });
});
