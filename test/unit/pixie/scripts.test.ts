import assert from 'node:assert/strict';
import { pxlSource } from '../../../src/sources/pixie/pxlRequest';
import {
  FLAMELENS_SCRIPTS,
  normalizeRequestPath,
  scriptByQueryName,
  startTimeForWindow,
  windowForStartTime,
} from '../../../src/sources/pixie/scripts';

/** `def name(a: str, b: str):` -> ['a', 'b'], for the functions Flamelens calls. */
function declaredArgs(source: string, func: string): string[] | undefined {
  const m = new RegExp(`^def ${func}\\(([^)]*)\\):`, 'm').exec(source);
  return m?.[1].split(',').map((a) => a.split(':')[0].trim()).filter(Boolean);
}

/** The column list of the function's last `return df[[...]]`. */
function returnedColumns(source: string, func: string): string[] | undefined {
  const start = source.search(new RegExp(`^def ${func}\\(`, 'm'));
  const rest = source.slice(start + 1);
  const end = rest.search(/^def /m);
  const body = end < 0 ? rest : rest.slice(0, end);
  const m = /return df\[\[([^\]]*)\]\]\s*$/.exec(body.trim());
  return m?.[1].split(',').map((c) => c.trim().replace(/^'|'$/g, '')).filter(Boolean);
}

describe('Flamelens PxL scripts and their specs', () => {
  for (const script of FLAMELENS_SCRIPTS) {
    for (const f of script.functions) {
      it(`${script.file}: ${f.func}(${f.args.join(', ')}) returns the columns the client reads`, () => {
        const source = pxlSource(script);
        assert.deepEqual(declaredArgs(source, f.func), f.args);
        assert.deepEqual(returnedColumns(source, f.func), f.columns.map((c) => c.name));
      });
    }
  }

  it('finds scripts by query name', () => {
    assert.equal(scriptByQueryName('flamelens/stack_traces')?.file, 'stack_traces.pxl');
    assert.equal(scriptByQueryName('flamelens/http_latency')?.file, 'http_latency.pxl');
    assert.equal(scriptByQueryName('px/cluster'), undefined);
  });

  it('writes windows as PxL relative start times and reads them back', () => {
    assert.deepEqual([30, 300, 900, 3600, 45, 90].map(startTimeForWindow), ['-30s', '-5m', '-15m', '-1h', '-45s', '-90s']);
    assert.deepEqual(['-30s', '-5m', '15m', '-1h', '-2d', '-1.5m'].map(windowForStartTime), [30, 300, 900, 3600, 172800, 90]);
    assert.equal(windowForStartTime('yesterday'), undefined);
  });

  it('normalises request paths like the latency script', () => {
    assert.equal(normalizeRequestPath('/hats/42/approve?admin=1#top'), '/hats/<id>/approve');
    assert.equal(normalizeRequestPath('/a/1/2'), '/a/<id>/<id>');
    assert.equal(normalizeRequestPath('/v2/users'), '/v2/users');
  });
});
