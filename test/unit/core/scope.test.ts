import * as assert from 'node:assert/strict';
import { readProfile } from '../../../src/core/formats/readProfile';
import { filterProfile, matchesScope, scopeFacets } from '../../../src/core/scope';
import { CLUSTER, fixtureBytes } from '../formats/fixtures';

describe('scope filters and facets', () => {
  const cluster = readProfile(fixtureBytes('pixie-flamegraph.jsonl'));

  it("narrowing to a namespace gives exactly that namespace's samples", () => {
    for (const [namespace, samples] of Object.entries(CLUSTER.byNamespace)) {
      const scoped = filterProfile(cluster, { namespace });
      assert.equal(scoped.totalSamples, samples, namespace);
      assert.ok(scoped.stacks.every((s) => s.ctx?.namespace === namespace));
    }
    assert.equal(filterProfile(cluster, { namespace: 'default', pod: CLUSTER.adminPod }).totalSamples, CLUSTER.adminSamples);
    assert.equal(filterProfile(cluster, { namespace: 'nope' }).totalSamples, 0);
  });

  it('an empty filter is the whole profile', () => {
    assert.equal(filterProfile(cluster, {}), cluster);
    assert.equal(filterProfile(cluster, { namespace: '' }), cluster);
    assert.ok(matchesScope(undefined, {}));
    assert.ok(!matchesScope(undefined, { namespace: 'default' }));
  });

  it('lists each dimension busiest first, with the pod list following the namespace', () => {
    const all = scopeFacets(cluster);
    assert.deepEqual(all.namespace, [
      { value: 'default', samples: 672 },
      { value: 'pl', samples: 60 },
      { value: 'kube-system', samples: 16 },
    ]);
    assert.equal(all.node.length, 2);
    assert.equal(all.node.reduce((n, f) => n + f.samples, 0), CLUSTER.total);
    assert.equal(all.pod[0].value, CLUSTER.adminPod);

    const pl = scopeFacets(cluster, { namespace: 'pl' });
    assert.deepEqual(pl.pod.map((f) => f.value).sort(), ['vizier-pem-7xk2p', 'vizier-pem-9m4qt']);
    // The namespace list itself is not narrowed by the namespace filter, so the user can switch.
    assert.equal(pl.namespace.length, 3);
  });
});
