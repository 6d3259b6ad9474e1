import assert from 'node:assert/strict';
import { formatCount, formatCpuTime, formatPercent, formatPercentValue, formatSearchSummary } from '../../../webview/format';

describe('number formatting', () => {
  it('shows percentages with one decimal, and tiny shares without rounding them to zero', () => {
    assert.equal(formatPercent(345, 1000), '34.5%');
    assert.equal(formatPercent(1000, 1000), '100%');
    assert.equal(formatPercent(0, 1000), '0%');
    assert.equal(formatPercent(5, 0), '0%');
    assert.equal(formatPercent(1, 2000), '0.05%');
    assert.equal(formatPercent(1, 1_000_000), '<0.001%');
    assert.equal(formatPercentValue(99.97), '99.9%');
  });

  it('groups thousands', () => {
    assert.equal(formatCount(1234567), '1,234,567');
  });

  it('summarises a search as the toolbar shows it', () => {
    assert.equal(formatSearchSummary(12, 34.5), '12 matches · 34.5%');
    assert.equal(formatSearchSummary(1, 100), '1 match · 100%');
    assert.equal(formatSearchSummary(0, 0), 'No matches');
  });

  it('turns samples into CPU time when the interval is known', () => {
    assert.equal(formatCpuTime(42, 10), '420 ms');
    assert.equal(formatCpuTime(990, 10), '9.90 s');
    assert.equal(formatCpuTime(1234, 10), '12.3 s');
    assert.equal(formatCpuTime(24_500, 10), '4 min 5 s');
  });
});
