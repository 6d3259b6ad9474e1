import assert from 'node:assert/strict';
import { barFraction, errorLevel, latencyLevel } from '../../../webview/latency/slowness';

describe('latency view: slow flags', () => {
  it('flags a p99 of seconds as slow and a few hundred ms as elevated', () => {
    assert.equal(latencyLevel(2600), 'slow');
    assert.equal(latencyLevel(1000), 'slow');
    assert.equal(latencyLevel(410), 'elevated');
    assert.equal(latencyLevel(160), 'ok');
    assert.equal(latencyLevel(Number.NaN), 'ok');
  });

  it('flags error rates above 5% as high', () => {
    assert.equal(errorLevel(0.12), 'high');
    assert.equal(errorLevel(0.004), 'some');
    assert.equal(errorLevel(0), 'none');
  });

  it('scales bars to the slowest p99, keeping small ones visible', () => {
    assert.equal(barFraction(2600, 2600), 1);
    assert.equal(barFraction(1300, 2600), 0.5);
    assert.equal(barFraction(9.5, 2600), 0.02);
    assert.equal(barFraction(0, 2600), 0);
    assert.equal(barFraction(10, 0), 0);
  });
});
