import * as assert from 'node:assert/strict';
import { runningElsewhere, spareCores } from '../../../src/core/formats/spareCores';

describe('spare cores for ingest workers', () => {
  it('counts the threads running besides the one asking, from /proc/loadavg', () => {
    assert.equal(runningElsewhere('0.89 3.38 7.60 1/191 20995\n'), 0);
    assert.equal(runningElsewhere('5.10 6.02 7.33 4/612 21000'), 3);
    assert.equal(runningElsewhere(''), undefined);
    assert.equal(runningElsewhere('not a loadavg'), undefined);
    assert.equal(runningElsewhere(undefined), undefined);
  });

  it('never gives more cores than there are, nor fewer than none', async () => {
    const spare = await spareCores(2, 2, 1);
    assert.ok(spare >= 0 && spare <= 2, String(spare));
    assert.equal(await spareCores(0, 1), 0);
  });
});
