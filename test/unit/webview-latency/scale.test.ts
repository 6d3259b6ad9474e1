import assert from 'node:assert/strict';
import { linearScale, niceStep, timeTicks, valueTicks } from '../../../webview/latency/scale';

describe('latency view: chart scales', () => {
  it('maps a domain onto pixels, flipped for a y axis', () => {
    const y = linearScale([0, 3000], [200, 0]);
    assert.equal(y(0), 200);
    assert.equal(y(3000), 0);
    assert.equal(y(1500), 100);
  });

  it('picks round steps', () => {
    assert.equal(niceStep(430), 500);
    assert.equal(niceStep(0.3), 0.5);
    assert.equal(niceStep(1.2), 2);
    assert.equal(niceStep(100), 100);
    assert.equal(niceStep(0), 1);
  });

  it('tops a 2.6 s p99 at a round 3 s with a few labelled ticks', () => {
    const t = valueTicks(2964, 5);
    assert.equal(t.step, 1000);
    assert.deepEqual(t.ticks, [0, 1000, 2000, 3000]);
    const small = valueTicks(2600, 5);
    assert.deepEqual(small.ticks, [0, 1000, 2000, 3000]);
    assert.equal(small.top, 3000);
  });

  it('keeps the top at the largest value when it is already round', () => {
    assert.deepEqual(valueTicks(200, 4).ticks, [0, 50, 100, 150, 200]);
  });

  it('still draws an axis for a series of zeros', () => {
    const t = valueTicks(0, 4);
    assert.ok(t.top > 0);
    assert.equal(t.ticks[0], 0);
  });

  it('puts time ticks on clock boundaries inside the window', () => {
    const start = Date.UTC(2025, 5, 12, 14, 0, 0) + 10_000;
    const end = start + 290_000;
    const t = timeTicks(start, end, 8, 0);
    assert.equal(t.stepMs, 60_000);
    assert.deepEqual(t.ticks.map((x) => new Date(x).toISOString().slice(11, 19)), ['14:01:00', '14:02:00', '14:03:00', '14:04:00', '14:05:00']);
    for (const x of t.ticks) assert.ok(x >= start && x <= end);
  });

  it('uses finer steps when the plot has room and aligns them to local time', () => {
    const start = Date.UTC(2025, 5, 12, 14, 0, 0);
    const t = timeTicks(start, start + 300_000, 12, -330); // UTC+5:30
    assert.equal(t.stepMs, 30_000);
    assert.equal(t.ticks.length, 11);
    const t1h = timeTicks(start, start + 3_600_000, 5, 0);
    assert.equal(t1h.stepMs, 15 * 60_000);
  });
});
