import assert from 'node:assert/strict';
import { compileSearch, searchStats } from '../../../webview/search';
import { clusterTree } from './fixture';

function matcher(term: string) {
  const compiled = compileSearch(term);
  assert.equal(compiled.kind, 'ok', term);
  return (compiled as Extract<typeof compiled, { kind: 'ok' }>).match;
}

describe('frame search', () => {
  it('matches plain text anywhere in the name, ignoring case, with Go and C++ punctuation taken literally', () => {
    const m = matcher('(*adminhandler).serve');
    assert.ok(m('main.(*AdminHandler).ServeHTTP'));
    assert.ok(!m('main.listHats'));
    assert.ok(matcher('operator()')('std::function<void ()>::operator()'));
  });

  it('treats /…/ as a regular expression and reports a broken one', () => {
    assert.ok(matcher('/^\\[k\\] tcp_/')('[k] tcp_sendmsg'));
    assert.ok(!matcher('/^tcp_/')('[k] tcp_sendmsg'));
    assert.ok(matcher('/PREVIEW/i')('main.generatePreviews'));
    const broken = compileSearch('/main.(/');
    assert.equal(broken.kind, 'invalid');
    assert.match((broken as { message: string }).message, /^Invalid regular expression/);
  });

  it('is off for an empty or blank box', () => {
    assert.equal(compileSearch('').kind, 'none');
    assert.equal(compileSearch('   ').kind, 'none');
  });

  it('counts matching frames and their share of all samples', () => {
    const tree = clusterTree(); // 1000 samples
    const stats = searchStats(tree, matcher('generatePreviews'));
    // Under listHats (650) and under uploadHat (50): two frames, 700 samples.
    assert.deepEqual(stats, { matches: 2, matchedSamples: 700, percent: 70 });
  });

  it('counts recursive samples once, so the share never exceeds 100%', () => {
    const stats = searchStats(clusterTree(), matcher('walkTree'));
    assert.equal(stats.matches, 3);
    assert.equal(stats.matchedSamples, 100);
    assert.equal(stats.percent, 10);
    assert.equal(searchStats(clusterTree(), matcher('/./')).percent, 100);
  });

  it('finds nothing without error on an empty profile', () => {
    assert.deepEqual(searchStats({ name: 'all', kind: 'k8s', value: 0, self: 0, children: [] }, matcher('x')), { matches: 0, matchedSamples: 0, percent: 0 });
  });
});
