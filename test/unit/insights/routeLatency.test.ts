// Which observed endpoint a route's lens shows.
import * as assert from 'node:assert/strict';
import type { EndpointLatency, LatencyTable } from '../../../src/core/latency';
import { endpointForRoute, routeMatchesPath } from '../../../src/core/routeLatency';

function endpoint(service: string, method: string, path: string, p99Ms: number, requestCount = 100): EndpointLatency {
  return { service, method, path, p50Ms: p99Ms / 2, p90Ms: p99Ms * 0.8, p99Ms, requestsPerSecond: requestCount / 300, errorRate: 0, requestCount };
}

const table: LatencyTable = {
  windowSeconds: 300,
  binSeconds: 10,
  services: [],
  series: [],
  endpoints: [
    endpoint('default/frontend', 'GET', '/admin', 2600, 120),
    endpoint('default/admin-service', 'GET', '/admin', 2500, 100),
    endpoint('default/upload-service', 'POST', '/upload', 40),
    endpoint('default/upload-service', 'GET', '/hats/<id>', 12),
  ],
};

describe('route latency matching', () => {
  it('matches route parameters in every framework syntax', () => {
    for (const route of ['/hats/:id', '/hats/{id}', '/hats/<int:id>', '/hats/*']) assert.ok(routeMatchesPath(route, '/hats/42'), route);
    assert.ok(routeMatchesPath('/hats/:id', '/hats/<id>'));
    assert.ok(!routeMatchesPath('/hats/:id', '/hats/42/preview'));
    assert.ok(routeMatchesPath('/admin/', '/admin?page=2'));
    assert.ok(!routeMatchesPath('/admin', '/upload'));
  });

  it('picks the service named in the handler file path over a busier proxy', () => {
    const e = endpointForRoute(table, 'GET', '/admin', '/work/tinyhat/src/admin/routes.ts');
    assert.equal(e?.service, 'default/admin-service');
    const front = endpointForRoute(table, 'get', '/admin', '/work/tinyhat/src/frontend/main.ts');
    assert.equal(front?.service, 'default/frontend');
  });

  it('falls back to the busiest service, matches ANY, and finds nothing for unseen routes', () => {
    assert.equal(endpointForRoute(table, 'GET', '/admin', '/srv/app.go')?.service, 'default/frontend');
    assert.equal(endpointForRoute(table, 'ANY', '/upload')?.method, 'POST');
    assert.equal(endpointForRoute(table, 'DELETE', '/hats/:id'), undefined);
  });
});

describe('route latency attribution', () => {
  it("never shows another service's numbers for a handler whose file names its own service", () => {
    // upload-service serves POST /upload; a handler in src/admin/ is not it.
    assert.equal(endpointForRoute(table, 'POST', '/upload', '/work/tinyhat/src/admin/hats.ts'), undefined);
    assert.equal(endpointForRoute(table, 'POST', '/upload', '/work/tinyhat/src/upload/routes.ts')?.service, 'default/upload-service');
  });
});
