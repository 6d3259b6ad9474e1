import assert from 'node:assert/strict';
import { findEndpoints, findSeries } from '../../../src/core/latency';
import { fetchLatency } from '../../../src/sources/pixie/fetchLatency';
import { startVizierTestServer, VizierTestServer } from '../../support/vizierServer';
import { plaintextEndpoint } from './endpoints';

describe('fetchLatency: services, endpoints and time series', () => {
  let server: VizierTestServer;
  before(async () => {
    server = await startVizierTestServer({ batchRows: 7 });
  });
  after(() => server.close());

  it('turns the latency tables into ms, requests per second and error fractions', async () => {
    const table = await fetchLatency(plaintextEndpoint(server), { windowSeconds: 300 });
    assert.equal(table.windowSeconds, 300);
    assert.equal(table.binSeconds, 10);
    assert.deepEqual(table.services.map((s) => s.service), ['default/admin', 'default/frontend', 'default/manipulate', 'uploads/upload']);
    const [admin] = findEndpoints(table, 'get', '/admin');
    // 24 requests a minute over 5 minutes.
    assert.deepEqual(admin, { service: 'default/admin', method: 'GET', path: '/admin', p50Ms: 1840, p90Ms: 2710, p99Ms: 3420, requestCount: 120, requestsPerSecond: 0.4, errorRate: 0 });
    const upload = table.endpoints.find((e) => e.path === '/upload')!;
    assert.equal(upload.errorRate, 0.03);
    assert.equal(upload.requestsPerSecond, 0.5);
    assert.deepEqual(
      table.endpoints.map((e) => `${e.service} ${e.method} ${e.path}`),
      [
        'default/admin GET /admin',
        'default/admin POST /admin/hats/<id>/approve',
        'default/frontend GET /',
        'default/frontend POST /upload',
        'default/manipulate POST /manipulate',
        'uploads/upload PUT /hats/<id>',
      ],
    );
  });

  it('gives a series per service and per endpoint: 10 s bins over the window, oldest first', async () => {
    const table = await fetchLatency(plaintextEndpoint(server), { windowSeconds: 300 });
    const service = findSeries(table, 'default/admin')!;
    const endpoint = findSeries(table, 'default/admin', 'GET', '/admin')!;
    assert.equal(service.points.length, 30);
    assert.equal(endpoint.points.length, 30);
    const times = endpoint.points.map((p) => p.timeMs);
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
    assert.equal(times[1] - times[0], 10_000);
    assert.equal(times.at(-1), 1_767_225_600_000 - 10_000);
    // The page slows down over the window; each bin's rate is its requests over 10 s.
    assert.ok(endpoint.points[29].p99Ms > endpoint.points[0].p99Ms);
    assert.equal(endpoint.points[0].requestsPerSecond, 0.4);
    assert.equal(table.series.length, table.services.length + table.endpoints.length);
  });

  it('keeps exactly the asked namespace', async () => {
    const table = await fetchLatency(plaintextEndpoint(server), { windowSeconds: 60, namespace: 'uploads' });
    assert.equal(server.lastCall().funcs[0].args.namespace, 'uploads');
    assert.deepEqual(table.services.map((s) => s.service), ['uploads/upload']);
    assert.deepEqual(new Set(table.series.map((s) => s.service)), new Set(['uploads/upload']));
  });
});
