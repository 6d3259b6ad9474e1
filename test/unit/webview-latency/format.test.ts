import assert from 'node:assert/strict';
import { formatAxisDuration, formatClock, formatDuration, formatErrorRate, formatRate, formatWindow } from '../../../webview/latency/format';

describe('latency view: number formats', () => {
  it('shows durations in the unit that reads at their size', () => {
    assert.equal(formatDuration(2600), '2.6 s');
    assert.equal(formatDuration(1400), '1.4 s');
    assert.equal(formatDuration(85), '85 ms');
    assert.equal(formatDuration(85.4), '85 ms');
    assert.equal(formatDuration(2.14), '2.1 ms');
    assert.equal(formatDuration(0.85), '850 µs');
    assert.equal(formatDuration(12_300), '12 s');
    assert.equal(formatDuration(90_000), '1.5 min');
    assert.equal(formatDuration(0), '0 ms');
  });

  it('moves to the next unit instead of showing 1000 ms or 10.0 ms', () => {
    assert.equal(formatDuration(999.7), '1.0 s');
    assert.equal(formatDuration(999.4), '999 ms');
    assert.equal(formatDuration(9.97), '10 ms');
    assert.equal(formatDuration(9.96 * 1000), '10 s');
    assert.equal(formatDuration(0.9996), '1.0 ms');
  });

  it('shows a dash for values a broken source could send', () => {
    assert.equal(formatDuration(Number.NaN), '–');
    assert.equal(formatDuration(-1), '–');
    assert.equal(formatRate(Number.POSITIVE_INFINITY), '–');
    assert.equal(formatErrorRate(Number.NaN), '–');
  });

  it('formats request rates for busy and rarely called endpoints', () => {
    assert.equal(formatRate(1234.4), '1,234');
    assert.equal(formatRate(24.5), '24.5');
    assert.equal(formatRate(1.2), '1.20');
    assert.equal(formatRate(0.1), '0.10');
    assert.equal(formatRate(0.003), '<0.01');
    assert.equal(formatRate(0), '0');
  });

  it('never rounds a few failures down to 0%', () => {
    assert.equal(formatErrorRate(0), '0%');
    assert.equal(formatErrorRate(0.0004), '<0.1%');
    assert.equal(formatErrorRate(0.004), '0.4%');
    assert.equal(formatErrorRate(0.061), '6.1%');
    assert.equal(formatErrorRate(0.12), '12%');
    assert.equal(formatErrorRate(1), '100%');
  });

  it('labels one axis in one unit with the decimals its step needs', () => {
    assert.deepEqual([0, 500, 1000, 1500, 2000].map((v) => formatAxisDuration(v, 500)), ['0', '500 ms', '1 s', '1.5 s', '2 s']);
    assert.deepEqual([0, 50, 100, 150].map((v) => formatAxisDuration(v, 50)), ['0', '50 ms', '100 ms', '150 ms']);
    assert.deepEqual([0, 2, 4].map((v) => formatAxisDuration(v, 2)), ['0', '2 ms', '4 ms']);
    assert.equal(formatAxisDuration(0.4, 0.2), '0.4 ms');
    assert.equal(formatAxisDuration(2500, 250), '2.5 s');
  });

  it('shows clock times in the given time zone', () => {
    const t = Date.UTC(2025, 5, 12, 14, 5, 30);
    assert.equal(formatClock(t, false, 0), '14:05');
    assert.equal(formatClock(t, true, 0), '14:05:30');
    // UTC+2 (getTimezoneOffset() is -120 there).
    assert.equal(formatClock(t, false, -120), '16:05');
  });

  it('names window lengths', () => {
    assert.equal(formatWindow(30), '30 s');
    assert.equal(formatWindow(300), '5 min');
    assert.equal(formatWindow(900), '15 min');
    assert.equal(formatWindow(3600), '1 h');
    assert.equal(formatWindow(5400), '1 h 30 min');
  });
});
