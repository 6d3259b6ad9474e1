import * as assert from 'node:assert/strict';
import { ProfileBuilder } from '../../../src/core/profile';

describe('ProfileBuilder', () => {
  it('aggregates samples by stack and place, whatever id the rows carried', () => {
    const b = new ProfileBuilder();
    b.add('main;handler;render', 3, { namespace: 'default', pod: 'default/api-1' });
    b.add('main;handler;render', 4, { namespace: 'default', pod: 'api-1' });
    b.add(['main', 'handler', 'render'], 5, { pod: 'default/api-1', namespace: 'default' });
    b.add('main;handler;render', 6, { namespace: 'default', pod: 'default/api-2' });
    b.add('main;handler;render', 7);
    const p = b.build('pixie');
    assert.deepEqual(
      p.stacks.map((s) => [s.ctx?.pod, s.count]),
      [
        ['api-1', 12],
        ['api-2', 6],
        [undefined, 7],
      ],
    );
    assert.equal(p.totalSamples, 25);
    assert.deepEqual(p.stacks[0].frames, ['main', 'handler', 'render']);
  });

  it('ignores empty stacks and counts that are not positive numbers', () => {
    const b = new ProfileBuilder();
    b.add('', 3);
    b.add('a', 0);
    b.add('a', -2);
    b.add('a', Number.NaN);
    b.add('a', Number.POSITIVE_INFINITY);
    b.add('a', 1, { namespace: '', pod: '' });
    const p = b.build('folded');
    assert.equal(p.totalSamples, 1);
    assert.equal(p.stacks[0].ctx, undefined);
  });

  it('keeps apart long stacks that differ in a single character anywhere', () => {
    const b = new ProfileBuilder();
    const base = Array.from({ length: 40 }, (_, i) => `github.com/o/r/pkg.(*Server).Frame${i % 10}`);
    const variants: string[] = [];
    for (let at = 0; at < base.join(';').length; at += 13) {
      const s = base.join(';');
      variants.push(`${s.slice(0, at)}${s[at] === 'x' ? 'y' : 'x'}${s.slice(at + 1)}`);
    }
    for (const v of variants) b.add(v, 1);
    for (const v of variants) b.add(v, 1);
    const p = b.build('folded');
    assert.equal(p.stacks.length, new Set(variants).size);
    assert.ok(p.stacks.every((s) => s.count === 2));
  });

  it('interns contexts, and a built profile does not change when more samples arrive', () => {
    const b = new ProfileBuilder();
    const ctx = b.context({ namespace: 'pl', pod: 'pl/vizier-pem-1', container: 'pem' });
    assert.equal(b.context({ pod: 'vizier-pem-1', namespace: 'pl', container: 'pem' }), ctx);
    assert.ok(Object.isFrozen(ctx));
    b.add('a;b', 1, ctx);
    const first = b.build('pixie');
    b.add('a;b', 10, { namespace: 'pl', pod: 'vizier-pem-1', container: 'pem' });
    assert.equal(first.stacks[0].count, 1);
    assert.equal(first.totalSamples, 1);
    assert.equal(b.build('pixie').stacks[0].count, 11);
    assert.equal(b.build('pixie').stacks[0].ctx, ctx);
  });
});
