import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchLatency } from '../../../src/sources/pixie/fetchLatency';
import { fetchProfile } from '../../../src/sources/pixie/fetchProfile';
import { VizierClient } from '../../../src/sources/pixie/vizierClient';
import { startVizierTestServer, VizierTestServer } from '../../support/vizierServer';
import { plaintextEndpoint, tlsEndpoint } from './endpoints';

const PXL_DIR = join(__dirname, '../../../src/sources/pixie/pxl');
const CLUSTER_ID = '1c8f0a2e-6d4b-4e55-9a61-0f3f1f1b7c2d';

describe('Vizier client: what it sends', () => {
  let server: VizierTestServer;
  before(async () => {
    server = await startVizierTestServer({ batchRows: 5 });
  });
  after(() => server.close());

  it('runs the stack-trace script by name with its arguments, the cluster id and the API key', async () => {
    const endpoint = plaintextEndpoint(server, { clusterId: CLUSTER_ID, metadata: { 'pixie-api-key': 'px-api-0123456789abcdef' } });
    await fetchProfile(endpoint, { windowSeconds: 300, namespace: 'default', pod: 'admin' });
    const call = server.lastCall();
    assert.equal(call.method, 'ExecuteScript');
    assert.equal(call.queryName, 'flamelens/stack_traces');
    assert.equal(call.queryStr, readFileSync(join(PXL_DIR, 'stack_traces.pxl'), 'utf8'));
    assert.equal(call.clusterId, CLUSTER_ID);
    assert.deepEqual(call.funcs, [{ name: 'stack_traces', args: { start_time: '-5m', namespace: 'default', pod: 'admin' }, outputTable: 'stack_traces' }]);
    assert.equal(call.metadata['pixie-api-key'], 'px-api-0123456789abcdef');
    assert.equal(call.metadata['pixie-api-client'], 'flamelens');
  });

  it('runs the latency script with one function per output table and empty filters meaning all', async () => {
    await fetchLatency(plaintextEndpoint(server), { windowSeconds: 3600 });
    const call = server.lastCall();
    assert.equal(call.queryName, 'flamelens/http_latency');
    assert.equal(call.queryStr, readFileSync(join(PXL_DIR, 'http_latency.pxl'), 'utf8'));
    assert.deepEqual(
      call.funcs.map((f) => [f.name, f.outputTable, f.args]),
      [
        ['service_latency', 'service_latency', { start_time: '-1h', namespace: '' }],
        ['endpoint_latency', 'endpoint_latency', { start_time: '-1h', namespace: '' }],
        ['service_timeseries', 'service_timeseries', { start_time: '-1h', namespace: '' }],
        ['endpoint_timeseries', 'endpoint_timeseries', { start_time: '-1h', namespace: '' }],
      ],
    );
    assert.equal(call.clusterId, '');
  });

  it('sends a direct-mode bearer token as authorization metadata', async () => {
    await fetchProfile(plaintextEndpoint(server, { metadata: { authorization: 'bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' } }), { windowSeconds: 30 });
    assert.equal(server.lastCall().metadata.authorization, 'bearer eyJhbGciOiJIUzI1NiJ9.e30.sig');
    assert.deepEqual(server.lastCall().funcs[0].args, { start_time: '-30s', namespace: '', pod: '' });
  });

  it('answers the health check', async () => {
    const client = new VizierClient(plaintextEndpoint(server, { clusterId: CLUSTER_ID }));
    try {
      await client.healthCheck();
    } finally {
      client.close();
    }
    assert.equal(server.lastCall().method, 'HealthCheck');
    assert.equal(server.lastCall().clusterId, CLUSTER_ID);
  });
});

describe('Vizier client over TLS', () => {
  let server: VizierTestServer;
  before(async function () {
    this.timeout(30_000);
    server = await startVizierTestServer({ tls: true });
  });
  after(() => server.close());

  it('verifies the server against the given CA and fetches a profile', async () => {
    const profile = await fetchProfile(tlsEndpoint(server), { windowSeconds: 300, namespace: 'pl' });
    assert.ok(profile.totalSamples > 0);
    assert.deepEqual([...new Set(profile.stacks.map((s) => s.ctx?.namespace))], ['pl']);
  });

  it('checks the certificate against a server name override when dialling by IP', async () => {
    const client = new VizierClient(plaintextEndpoint(server, { tls: { ca: server.ca, serverName: 'localhost' } }));
    try {
      await client.healthCheck();
    } finally {
      client.close();
    }
  });
});
