import * as assert from 'node:assert/strict';
import { readFolded } from '../../../src/core/formats/folded';
import { readProfile } from '../../../src/core/formats/readProfile';
import { filterProfile } from '../../../src/core/scope';
import { functionCosts, topFunctions } from '../../../src/core/topFunctions';
import { fixtureBytes } from '../formats/fixtures';

describe('top functions', () => {
  const cluster = readProfile(fixtureBytes('pixie-flamegraph.jsonl'));

  it('counts a recursive function once per stack in its total', () => {
    const costs = functionCosts(cluster);
    const fib = costs.get('fib(unsigned long)')!;
    assert.deepEqual([fib.self, fib.total], [90, 90]);
    const walkTree = costs.get('main.walkTree')!;
    assert.deepEqual([walkTree.self, walkTree.total], [0, 10]);
    assert.equal(costs.get('runtime.goexit.abi0')!.total, 402 + 8 + 6);
  });

  it('orders by self samples by default, by total on request, and never lists k8s frames', () => {
    const top = topFunctions(cluster, { limit: 3 });
    assert.deepEqual(
      top.map((f) => [f.name, f.self]),
      [
        ['net/http.(*Transport).roundTrip', 200],
        ['compress/flate.(*decompressor).huffmanBlock', 150],
        ['fib(unsigned long)', 90],
      ],
    );
    const byTotal = topFunctions(cluster, { by: 'total', limit: 5 });
    // The four frames every admin request passes through tie at 360 and sort by name.
    assert.deepEqual(
      byTotal.map((f) => [f.name, f.total]),
      [
        ['runtime.goexit.abi0', 416],
        ['github.com/gofiber/fiber/v2.(*App).handler', 360],
        ['github.com/gofiber/fiber/v2.(*App).next', 360],
        ['github.com/tinyhat/admin/pkg.(*Server).Handle', 360],
        ['net/http.(*conn).serve', 360],
      ],
    );
    assert.ok(!topFunctions(cluster).some((f) => f.kind === 'k8s' || /^(node|namespace|pod|container|pid): /.test(f.name)));
  });

  it('follows the scope', () => {
    const pl = topFunctions(filterProfile(cluster, { namespace: 'pl' }));
    assert.equal(pl[0].name, 'px::stirling::PerfProfileConnector::ProcessBPFStackTraces(px::stirling::ConnectorContext*, px::stirling::DataTable*)');
    assert.equal(pl[0].self, 42);
  });

  it('breaks ties by the other measure, then by name', () => {
    const p = readFolded('a;b 5\nc;b 5\na;d 5\n');
    assert.deepEqual(topFunctions(p).map((f) => `${f.name}:${f.self}/${f.total}`), ['b:10/10', 'd:5/5', 'a:0/10', 'c:0/5']);
  });
});
