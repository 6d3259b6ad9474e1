import assert from 'node:assert/strict';
import { scopeFacets } from '../../../src/core/scope';
import { scopeOptions, withScopeChoice } from '../../../webview/scopeSelection';
import { clusterProfile } from './fixture';

describe('toolbar scope filters', () => {
  it('clears narrower choices when a broader one changes', () => {
    const filters = { namespace: 'default', pod: 'admin-7d9f8c6b5-x2k4q', container: 'admin' };
    assert.deepEqual(withScopeChoice(filters, 'namespace', 'px-sock-shop'), { namespace: 'px-sock-shop' });
    assert.deepEqual(withScopeChoice(filters, 'pod', ''), { namespace: 'default' });
    assert.deepEqual(withScopeChoice(filters, 'container', 'sidecar'), { namespace: 'default', pod: 'admin-7d9f8c6b5-x2k4q', container: 'sidecar' });
    assert.deepEqual(withScopeChoice({ node: 'gke-pool-1' }, 'namespace', 'default'), { node: 'gke-pool-1', namespace: 'default' });
  });

  it('offers "all" first, then the namespaces busiest first with their share', () => {
    const profile = clusterProfile();
    const options = scopeOptions('namespace', scopeFacets(profile).namespace, undefined, profile.totalSamples);
    assert.deepEqual(options, [
      { value: '', label: 'All namespaces', selected: true },
      { value: 'default', label: 'default (80.0%)', selected: false },
      { value: 'px-sock-shop', label: 'px-sock-shop (20.0%)', selected: false },
    ]);
  });

  it('keeps a chosen value listed when it has no samples left', () => {
    const options = scopeOptions('pod', [], 'admin-old', 100);
    assert.deepEqual(options.at(-1), { value: 'admin-old', label: 'admin-old (no samples)', selected: true });
    assert.equal(options[0].selected, false);
  });
});
