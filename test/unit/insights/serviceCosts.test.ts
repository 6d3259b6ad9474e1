// CPU shares per service behind the "34% CPU (self 2%) · admin-service" lens.
import * as assert from 'node:assert/strict';
import { ProfileBuilder } from '../../../src/core/profile';
import { serviceFunctionCosts } from '../../../src/core/serviceCosts';
import { serviceOfPod } from '../../../src/core/serviceName';

describe('serviceOfPod', () => {
  it('strips the ReplicaSet hash and pod suffix Kubernetes adds', () => {
    assert.equal(serviceOfPod('admin-service-7d9f8c6b5-x2k4p'), 'admin-service');
    assert.equal(serviceOfPod('default/admin-service-7d9f8c6b5-x2k4p'), 'admin-service');
    assert.equal(serviceOfPod('vizier-pem-8kx2m'), 'vizier-pem');
    assert.equal(serviceOfPod('postgres-0'), 'postgres');
    assert.equal(serviceOfPod('standalone'), 'standalone');
  });
});

describe('serviceFunctionCosts', () => {
  const admin = { namespace: 'default', pod: 'default/admin-service-7d9f8c6b5-x2k4p', container: 'admin' };
  const upload = { namespace: 'default', pod: 'default/upload-service-5c8d9b7f4-qq7zt', container: 'upload' };

  function profile() {
    const b = new ProfileBuilder();
    b.add('main;handler;createSampleImage;encode', 60, admin);
    b.add('main;handler;createSampleImage', 10, admin);
    b.add('main;handler;[k] do_syscall_64', 30, admin);
    b.add('main;store;encode', 5, upload);
    b.add('main;store', 15, upload);
    return b.build('pixie');
  }

  it('gives each function its share of its own service, not of the cluster', () => {
    const costs = new Map(serviceFunctionCosts(profile()).map((c) => [c.name, c]));
    const sample = costs.get('createSampleImage')!;
    assert.equal(sample.service, 'admin-service');
    assert.equal(sample.total, 70);
    assert.equal(sample.self, 10);
    assert.equal(sample.totalShare, 0.7);
    assert.equal(sample.selfShare, 0.1);
  });

  it('shows a function shared by services with the service it weighs most in', () => {
    const encode = serviceFunctionCosts(profile()).find((c) => c.name === 'encode')!;
    // 60/100 of admin-service against 5/20 of upload-service.
    assert.equal(encode.service, 'admin-service');
    assert.equal(encode.totalShare, 0.6);
  });

  it('leaves kernel frames out and sorts by share', () => {
    const costs = serviceFunctionCosts(profile());
    assert.ok(!costs.some((c) => c.name.startsWith('[k]')));
    for (let i = 1; i < costs.length; i++) assert.ok(costs[i - 1].totalShare >= costs[i].totalShare);
  });

  it('counts a recursive function once per stack', () => {
    const b = new ProfileBuilder();
    b.add('main;fib;fib;fib', 10, admin);
    const fib = serviceFunctionCosts(b.build('pixie')).find((c) => c.name === 'fib')!;
    assert.equal(fib.total, 10);
    assert.equal(fib.totalShare, 1);
  });
});
