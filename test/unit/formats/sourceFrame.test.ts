import * as assert from 'node:assert/strict';
import { formatSourceFrame, frameFunctionName, parseSourceFrame } from '../../../src/core/formats/sourceFrame';

describe('source positions in frame names', () => {
  it('writes `function file:line[:column]`, with file URLs as paths', () => {
    assert.equal(formatSourceFrame('main.handler', '/app/main.go', 42), 'main.handler /app/main.go:42');
    assert.equal(formatSourceFrame('handler', 'file:///app/dist/server.js', 12, 5), 'handler /app/dist/server.js:12:5');
    assert.equal(formatSourceFrame('f', 'file:///C:/src/app.js', 3, 1), 'f C:/src/app.js:3:1');
    assert.equal(formatSourceFrame('f', 'node:internal/timers', 594, 17), 'f node:internal/timers:594:17');
    assert.equal(formatSourceFrame('(program)', '', 0), '(program)');
    assert.equal(formatSourceFrame('f', '/app/x.js', 0), 'f');
  });

  it('reads back the function, file, line and column', () => {
    assert.deepEqual(parseSourceFrame('handler /app/dist/server.js:12:5'), { functionName: 'handler', file: '/app/dist/server.js', line: 12, column: 5 });
    assert.deepEqual(parseSourceFrame('ns::Class::method(int) /src/a b/x.cc:7'.replace('a b', 'a%20b')), {
      functionName: 'ns::Class::method(int)',
      file: '/src/a b/x.cc',
      line: 7,
    });
    assert.deepEqual(parseSourceFrame('f node:internal/timers:594:17'), { functionName: 'f', file: 'node:internal/timers', line: 594, column: 17 });
  });

  it('leaves frames without a position alone', () => {
    for (const frame of ['fib(unsigned long)', '[j] long a.b.C::m()', '[k] do_syscall_64', '[m] /usr/lib/libc.so.6 + 0x0000abcd', 'main.main', '0x00007f3a1c2b3d4e']) {
      assert.equal(parseSourceFrame(frame), undefined, frame);
      assert.equal(frameFunctionName(frame), frame);
    }
    assert.equal(frameFunctionName('main.handler /app/main.go:42'), 'main.handler');
  });
});
