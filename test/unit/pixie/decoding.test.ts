import assert from 'node:assert/strict';
import { formatUInt128, uint128Parts, upidParts } from '../../../src/sources/pixie/columns';
import type { RowBatch, TableSchema } from '../../../src/sources/pixie/resultTable';
import type { ColumnSpec } from '../../../src/sources/pixie/scripts';
import { VizierClient } from '../../../src/sources/pixie/vizierClient';
import { startVizierTestServer, VizierTestServer } from '../../support/vizierServer';
import { plaintextEndpoint } from './endpoints';

const ALL_TYPES: ColumnSpec[] = [
  { name: 'time_', type: 'TIME64NS', semanticType: 'ST_TIME_NS' },
  { name: 'upid', type: 'UINT128', semanticType: 'ST_UPID' },
  { name: 'healthy', type: 'BOOLEAN', semanticType: 'ST_NONE' },
  { name: 'latency', type: 'INT64', semanticType: 'ST_DURATION_NS' },
  { name: 'cpu', type: 'FLOAT64', semanticType: 'ST_PERCENT' },
  { name: 'pod', type: 'STRING', semanticType: 'ST_POD_NAME' },
];

// A UPID packs asid (high 32 bits of `high`), pid (low 32 bits of `high`) and start ticks (`low`).
const UPID_ADMIN = formatUInt128((12n << 32n) | 4242n, 1_234_567_890n);
const ROWS = [
  { time_: 1_767_225_600_123_456_789n, upid: UPID_ADMIN, healthy: true, latency: 1_840_000_000, cpu: 0.875, pod: 'default/admin-7c9f8b6d4-lx2qp' },
  { time_: 1_767_225_610_000_000_001n, upid: formatUInt128(0xffffffffffffffffn, 0n), healthy: false, latency: -5, cpu: -0.5, pod: '' },
  { time_: 0n, upid: formatUInt128(0n, 0n), healthy: true, latency: 9_007_199_254_740_991, cpu: 1e-9, pod: 'ünïcødé/pod ✓' },
];

describe('Vizier client: decoding row batches', () => {
  let server: VizierTestServer;
  before(async () => {
    server = await startVizierTestServer({ batchRows: 2 });
  });
  after(() => server.close());

  async function run(): Promise<{ tables: TableSchema[]; batches: RowBatch[] }> {
    const tables: TableSchema[] = [];
    const batches: RowBatch[] = [];
    const client = new VizierClient(plaintextEndpoint(server));
    try {
      await client.executeScript({ script: 'import px', onTable: (t) => tables.push(t), onBatch: (b) => void batches.push(b) });
    } finally {
      client.close();
    }
    return { tables, batches };
  }

  it('decodes every column type, UINT128 included, exactly, across batches', async () => {
    server.respondWith({ kind: 'answer', tables: [{ name: 'all_types', columns: ALL_TYPES, rows: ROWS }] });
    const { tables, batches } = await run();
    assert.deepEqual(
      tables[0].columns.map((c) => [c.name, c.type, c.semanticType]),
      ALL_TYPES.map((c) => [c.name, c.type, c.semanticType]),
    );
    assert.deepEqual(batches.map((b) => [b.numRows, b.eos]), [[2, false], [1, true]]);
    const values = (i: number) => batches.flatMap((b) => b.columns[i].values as unknown[]);
    assert.deepEqual(values(0), ROWS.map((r) => r.time_));
    assert.equal(typeof values(0)[0], 'bigint');
    assert.deepEqual(values(1), [UPID_ADMIN, 'ffffffff-ffff-ffff-0000-000000000000', '00000000-0000-0000-0000-000000000000']);
    assert.deepEqual(values(2), [true, false, true]);
    assert.deepEqual(values(3), [1_840_000_000, -5, 9_007_199_254_740_991]);
    assert.deepEqual(values(4), [0.875, -0.5, 1e-9]);
    assert.deepEqual(values(5), ROWS.map((r) => r.pod));
  });

  it('reads a table with no rows as one empty, final batch', async () => {
    server.respondWith({ kind: 'answer', tables: [{ name: 'nothing', columns: ALL_TYPES, rows: [] }] });
    const { tables, batches } = await run();
    assert.equal(tables[0].name, 'nothing');
    assert.deepEqual(batches.map((b) => [b.numRows, b.eos, b.columns.map((c) => c.values.length)]), [[0, true, [0, 0, 0, 0, 0, 0]]]);
  });

  it('prints UINT128 in Pixie\'s UUID layout and reads UPIDs back', () => {
    // The same value Pixie's UI formats in its own tests.
    assert.equal(formatUInt128(77311094061n, 34858981n), '00000012-0019-ad2d-0000-00000213e7e5');
    assert.deepEqual(uint128Parts('00000012-0019-ad2d-0000-00000213e7e5'), { high: 77311094061n, low: 34858981n });
    assert.deepEqual(upidParts(UPID_ADMIN), { asid: 12, pid: 4242, startTimeTicks: 1_234_567_890n });
    assert.throws(() => uint128Parts('not-a-upid'), /not a 128-bit value/);
  });
});
