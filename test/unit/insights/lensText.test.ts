// The words on the lenses, as the product promises them.
import * as assert from 'node:assert/strict';
import { cpuLensText, routeLensText } from '../../../src/editor/insights/lensText';

describe('lens text', () => {
  it('reads like the spec: GET /admin · p50 1.2 s · p99 2.4 s · 3.1 req/s · 0% errors', () => {
    const text = routeLensText('GET', '/admin', { service: 'default/admin-service', method: 'GET', path: '/admin', p50Ms: 1200, p90Ms: 2000, p99Ms: 2400, requestsPerSecond: 3.1, errorRate: 0, requestCount: 930 }, '5m');
    assert.equal(text, 'GET /admin · p50 1.2 s · p99 2.4 s · 3.1 req/s · 0% errors');
  });

  it('says when a route got no requests in the window', () => {
    assert.equal(routeLensText('POST', '/upload', undefined, '5m'), 'POST /upload · no requests in the last 5m');
  });

  it('shows CPU share and self share in the service', () => {
    const text = cpuLensText({ name: 'createSampleImage', service: 'admin-service', total: 340, self: 20, totalShare: 0.34, selfShare: 0.02 });
    assert.equal(text, '34% CPU (self 2%) · admin-service');
    assert.equal(cpuLensText({ name: 'f', service: 's', total: 1, self: 0, totalShare: 0.004, selfShare: 0 }), '<1% CPU (self 0%) · s');
  });
});
