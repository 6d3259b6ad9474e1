// Rolling windows and the tables computed from them: what a query for the last N minutes sees, and the memory bounds.

import assert from 'node:assert/strict';
import { attributionOf } from '../../../src/sampler/attribution';
import { parseManifest } from '../../../src/sampler/manifest';
import { endpointPath, runFunction, SamplerData, ScriptError } from '../../../src/sampler/vizier/scriptTables';
import { LOST_STACK, SampleWindows } from '../../../src/sampler/windows';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const manifest = parseManifest({
  node: 'node-1',
  services: [
    { name: 'admin-service', pod: 'admin-service-7d9f8c6b5-x2k4p', container: 'admin', port: 31081, targetPort: 31181 },
    { name: 'coredns', namespace: 'kube-system', pod: 'coredns-5d78c9869d-abcde', port: 31090, targetPort: 31190 },
  ],
});

function data(windows: SampleWindows): SamplerData {
  const attribution = new Map([
    ['process:admin', attributionOf('node-1', manifest.services[0], 'node dist/admin.js')],
    ['process:dns', attributionOf('node-1', manifest.services[1], '/coredns')],
    ['service:admin', attributionOf('node-1', manifest.services[0])],
  ]);
  return { windows, attribution: (k) => attribution.get(k), nowMs: () => NOW };
}

const args = (start_time: string, namespace = '', pod = '') => ({ start_time, namespace, pod });

describe('rolling windows', () => {
  it('serves the samples of windows that overlap the asked range, summed per pod and stack', () => {
    const w = new SampleWindows();
    w.addStacks('process:admin', new Map([['main;showPendingHats;createSampleImage', 3]]), NOW - 10_000);
    w.addStacks('process:admin', new Map([['main;showPendingHats;createSampleImage', 4]]), NOW - 40_000);
    w.addStacks('process:admin', new Map([['main;old', 9]]), NOW - 10 * 60_000);
    w.addStacks('process:dns', new Map([['main;serveDNS', 5]]), NOW - 5_000);
    const table = runFunction(data(w), 'stack_traces', args('-5m', 'default'), 'stack_traces', '');
    assert.deepEqual(table.rows, [['node-1', 'default', 'default/admin-service-7d9f8c6b5-x2k4p', 'admin', 'node dist/admin.js', 'main;showPendingHats;createSampleImage', 7]]);
    const last30s = runFunction(data(w), 'stack_traces', args('-30s', '', 'coredns'), 'stack_traces', '');
    assert.deepEqual(last30s.rows.map((r) => r[5]), ['main;serveDNS']);
  });

  it('keeps memory bounded: old windows go, and new stacks past the limit count as lost', () => {
    const w = new SampleWindows({ windowMs: 30_000, retainMs: 60_000, maxStacks: 2, maxEvents: 1 });
    w.addStacks('process:admin', new Map([['a', 1], ['b', 1], ['c', 1], ['d', 2]]), NOW);
    const rows = [...w.stackRows(0)];
    assert.deepEqual(rows.map((r) => [r.stack, r.count]), [['a', 1], ['b', 1], [LOST_STACK, 3]]);
    w.addEvent('service:admin', { timeMs: NOW, method: 'GET', path: '/admin', status: 200, latencyNs: 1 });
    w.addEvent('service:admin', { timeMs: NOW, method: 'GET', path: '/admin', status: 200, latencyNs: 1 });
    assert.equal(w.droppedEvents, 1);
    w.addStacks('process:admin', new Map([['e', 1]]), NOW + 5 * 60_000);
    assert.deepEqual([...w.stackRows(0)].map((r) => r.stack), ['e']);
  });
});

describe('latency tables', () => {
  it('groups by route as the PxL does (query string dropped, numeric segments as <id>)', () => {
    assert.equal(endpointPath('/hats/41/image?size=big'), '/hats/<id>/image');
    assert.equal(endpointPath('/admin/approve/7'), '/admin/approve/<id>');
    assert.equal(endpointPath('/a/1/2/3'), '/a/<id>/<id>/<id>');
    assert.equal(endpointPath('/v2/hats'), '/v2/hats');
  });

  it('computes p50/p90/p99 in ns, request count and error rate per endpoint, and 10 s time series', () => {
    const w = new SampleWindows();
    const ms = 1_000_000;
    for (let i = 1; i <= 10; i++) w.addEvent('service:admin', { timeMs: NOW - 15_000 + i * 1000, method: 'GET', path: '/admin', status: i === 10 ? 502 : 200, latencyNs: i * 100 * ms });
    w.addEvent('service:admin', { timeMs: NOW - 1000, method: 'POST', path: '/admin/approve/3', status: 303, latencyNs: 8 * ms });
    const endpoints = runFunction(data(w), 'endpoint_latency', { start_time: '-5m', namespace: 'default' }, 'endpoint_latency', '');
    assert.deepEqual(endpoints.columns.map((c) => c.name), ['service', 'req_method', 'req_path', 'latency_p50', 'latency_p90', 'latency_p99', 'request_count', 'error_rate']);
    assert.deepEqual(endpoints.rows[0], ['default/admin-service', 'GET', '/admin', 550 * ms, 910 * ms, 991 * ms, 10, 0.1]);
    assert.deepEqual(endpoints.rows[1].slice(0, 3), ['default/admin-service', 'POST', '/admin/approve/<id>']);
    const series = runFunction(data(w), 'service_timeseries', { start_time: '-5m', namespace: '' }, 'service_timeseries', '');
    const bins = series.rows.map((r) => r[0] as bigint);
    assert.ok(bins.every((b) => b % 10_000_000_000n === 0n), 'bins start on 10 s boundaries');
    assert.equal(series.rows.reduce((n, r) => n + (r[5] as number), 0), 11);
    const none = runFunction(data(w), 'service_latency', { start_time: '-5m', namespace: 'kube-system' }, 'service_latency', '');
    assert.equal(none.rows.length, 0);
  });

  it('rejects unknown functions and arguments the way the PxL compiler would, pointing at the def', () => {
    const source = 'import px\n\ndef stack_traces(start_time: str, namespace: str, pod: str):\n    pass\n';
    assert.throws(
      () => runFunction(data(new SampleWindows()), 'stack_traces', { start_time: '-5m', namespace: '' }, 't', source),
      (err: unknown) => err instanceof ScriptError && err.line === 3 && err.column === 5 && /missing .* 'pod'/.test(err.message),
    );
    assert.throws(() => runFunction(data(new SampleWindows()), 'px_cluster', {}, 't', source), /function 'px_cluster' is not defined/);
    assert.throws(() => runFunction(data(new SampleWindows()), 'stack_traces', { ...args('-5m'), limit: '3' }, 't', source), /unexpected keyword argument 'limit'/);
  });
});

describe('manifest', () => {
  it('says which field is wrong', () => {
    assert.throws(() => parseManifest({ services: [] }), /"services" must be a non-empty array/);
    assert.throws(() => parseManifest({ services: [{ name: 'a', pod: 'a-1', port: 80 }] }), /services\[0\]\.targetPort must be a port number/);
    assert.throws(() => parseManifest({ services: [{ name: 'a', pod: 'a-1', port: 8080, targetPort: 8080 }] }), /the latency proxy needs its own port/);
    assert.throws(
      () => parseManifest({ services: [{ name: 'a', pod: 'a-1', port: 1, targetPort: 2 }, { name: 'b', pod: 'b-1', port: 3, targetPort: 2 }] }),
      /port 2 is used twice/,
    );
  });
});
