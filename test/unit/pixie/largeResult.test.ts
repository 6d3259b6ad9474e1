import assert from 'node:assert/strict';
import { fetchProfile } from '../../../src/sources/pixie/fetchProfile';
import { generatedTotalSamples, startVizierTestServer, VizierTestServer } from '../../support/vizierServer';
import { plaintextEndpoint } from './endpoints';

const ROWS = 1_000_000;
const UNIQUE_STACKS = 5_000;

describe('fetchProfile: a 1M-row result', () => {
  let server: VizierTestServer;
  before(async () => {
    server = await startVizierTestServer({ respond: () => ({ kind: 'generatedStacks', rows: ROWS, uniqueStacks: UNIQUE_STACKS, batchRows: 1000 }) });
  });
  after(() => server.close());

  it('streams every batch and keeps one record per unique stack, not per row', async function () {
    this.timeout(180_000);
    let last = { rows: 0, batches: 0, uniqueStacks: 0, totalSamples: 0 };
    let maxUnique = 0;
    const profile = await fetchProfile(plaintextEndpoint(server), {
      windowSeconds: 3600,
      timeoutMs: 170_000,
      onProgress: (p) => {
        last = p;
        maxUnique = Math.max(maxUnique, p.uniqueStacks);
      },
    });
    assert.equal(last.rows, ROWS);
    assert.equal(last.batches, ROWS / 1000);
    assert.equal(profile.stacks.length, UNIQUE_STACKS);
    // The aggregate never grew past the unique stacks while rows kept coming.
    assert.equal(maxUnique, UNIQUE_STACKS);
    assert.equal(profile.totalSamples, generatedTotalSamples(ROWS, UNIQUE_STACKS));
    assert.equal(profile.stacks.reduce((s, r) => s + r.count, 0), profile.totalSamples);
  });
});
