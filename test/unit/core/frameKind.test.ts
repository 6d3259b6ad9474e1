import * as assert from 'node:assert/strict';
import { classifyFrame } from '../../../src/core/frameKind';

describe('frame kinds', () => {
  const cases: [string, string][] = [
    ['[k] do_syscall_64', 'kernel'],
    ['do_syscall_64_[k]', 'kernel'],
    ['[j] long a.b.C::m()', 'java'],
    ['[j] Interpreter [12x]', 'java'],
    ['Ljava/lang/Thread;::run_[j]', 'java'],
    ['0x00007f3a1c2b3d4e', 'unsymbolized'],
    ['7f3a1c2b3d4e', 'unsymbolized'],
    ['[m] /usr/lib/libc.so.6 + 0x0000abcd', 'unsymbolized'],
    ['<not symbolized>', 'unsymbolized'],
    ['<stack trace lost>', 'unsymbolized'],
    ['[unknown]', 'unsymbolized'],
    ['runtime.goexit.abi0', 'user'],
    ['github.com/o/r/pkg.(*Server).Handle', 'user'],
    ['main.createSampleImage.func1', 'user'],
    ['fib(unsigned long)', 'user'],
    ['ns::Class::method(int)', 'user'],
    ['handler /app/dist/server.js:12:5', 'user'],
    // Words made of hex letters are names, not addresses.
    ['facade', 'user'],
    ['deadbeef', 'user'],
    ['cafe1234', 'unsymbolized'],
  ];
  for (const [frame, kind] of cases) {
    it(`${frame} is ${kind}`, () => assert.equal(classifyFrame(frame), kind));
  }
});
