// Folding real sampler output: perf script text (with JIT, native and kernel frames) and DevTools CPU profiles.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldCpuProfile } from '../../../src/sampler/inspector/fold';
import { foldPerfScript, jitAddresses, parsePerfScript } from '../../../src/sampler/perf/fold';
import { JitMaps } from '../../../src/sampler/perf/jitMap';

// Two samples as `perf script -F pid,tid,ip,sym,dso` prints them for a Node process run with --perf-basic-prof.
const PERF_SCRIPT = `13728/13728 
\t    7f13e0030193 JS:*burnCpu /tmp/busy2.js:2:17 (/tmp/perf-13728.map)
\t    7f13e0033d6e JS:^anon /tmp/busy2.js:3:14 (/tmp/perf-13728.map)
\t    7f13e00329dc JS:^tick /tmp/busy2.js:4:26 (/tmp/perf-13728.map)
\t    7f13e003c515 JS:^listOnTimeout node:internal/timers:524:25 (/tmp/perf-13728.map)
\t         14ce0dc Builtins_JSEntryTrampoline (/usr/bin/node)
\t          c494db v8::internal::(anonymous namespace)::Invoke (/usr/bin/node)
\t         14aca14 uv_run (/usr/bin/node)
\t           2724a __libc_start_call_main (/usr/lib/x86_64-linux-gnu/libc.so.6)

13728/13731 
\tffffffff821e4a15 num_to_str ([kernel.kallsyms])
\tffffffff81782aeb do_task_stat ([kernel.kallsyms])
\tffffffff81000130 entry_SYSCALL_64_after_hwframe ([kernel.kallsyms])
\t           f82ec read (/usr/lib/x86_64-linux-gnu/libc.so.6)
\t    7f13e0099999 [unknown] (/tmp/perf-13728.map)
\t    7f13e0099990 [unknown] (/tmp/perf-13728.map)
\t         14b1edc uv_fs_read (/usr/bin/node)

13728/13728 
\t    7f13e0030193 JS:*burnCpu /tmp/busy2.js:2:17 (/tmp/perf-13728.map)
\t    7f13e0033d6e JS:^anon /tmp/busy2.js:3:14 (/tmp/perf-13728.map)
\t    7f13e00329dc JS:^tick /tmp/busy2.js:4:26 (/tmp/perf-13728.map)
\t    7f13e003c515 JS:^listOnTimeout node:internal/timers:524:25 (/tmp/perf-13728.map)
\t         14ce0dc Builtins_JSEntryTrampoline (/usr/bin/node)
\t          c494db v8::internal::(anonymous namespace)::Invoke (/usr/bin/node)
\t         14aca14 uv_run (/usr/bin/node)
\t           2724a __libc_start_call_main (/usr/lib/x86_64-linux-gnu/libc.so.6)
`;

describe('folding perf script output', () => {
  it('groups threads by process, puts the root first and names JS frames `name path:line:col`', () => {
    const byPid = foldPerfScript(PERF_SCRIPT);
    assert.deepEqual([...byPid.keys()], [13728]);
    const stacks = byPid.get(13728)!;
    const js = [
      '__libc_start_call_main',
      'uv_run',
      'v8::internal::(anonymous namespace)::Invoke',
      'Builtins_JSEntryTrampoline',
      'listOnTimeout node:internal/timers:524:25',
      'tick /tmp/busy2.js:4:26',
      'anon /tmp/busy2.js:3:14',
      'burnCpu /tmp/busy2.js:2:17',
    ].join(';');
    assert.equal(stacks.get(js), 2);
  });

  it('marks kernel frames with [k] at the leaf end, and keeps one [unknown] for a run of them', () => {
    const stacks = foldPerfScript(PERF_SCRIPT).get(13728)!;
    const io = [...stacks.keys()].find((s) => s.startsWith('uv_fs_read'));
    assert.equal(io, 'uv_fs_read;[unknown];read;[k] entry_SYSCALL_64_after_hwframe;[k] do_task_stat;[k] num_to_str');
  });

  it('lets a better JIT namer rename frames in perf-map code only', () => {
    const samples = parsePerfScript(PERF_SCRIPT);
    assert.deepEqual([...jitAddresses(samples).get(13728)!].length, 6);
    const renamed = foldPerfScript(PERF_SCRIPT, (_pid, ip) => (ip === 0x7f13e0033d6e ? 'JS:~renderPreview /app/dist/manipulation.js:76:29' : undefined));
    const stack = [...renamed.get(13728)!.keys()].find((s) => s.endsWith('burnCpu /tmp/busy2.js:2:17'))!;
    assert.match(stack, /tick \/tmp\/busy2\.js:4:26;renderPreview \/app\/dist\/manipulation\.js:76:29;burnCpu/);
  });

  it('ignores text that is not perf script output', () => {
    assert.equal(foldPerfScript('not perf output\n\nat all').size, 0);
  });
});

describe('JIT maps (/tmp/perf-PID.map)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flamelens-jitmap-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names an address after the newest code at it, not the dead code V8 logged there first', async () => {
    const path = join(dir, 'perf-1.map');
    // Seen in a real map: a module wrapper was collected and renderPreview compiled over its addresses.
    writeFileSync(path, '7fdda786e5c0 378 JS:~ /app/node_modules/es-errors/uri.js:1:1\n7fdda786e700 2dc JS:^renderPreview /app/dist/manipulation.js:76:29\n');
    const maps = new JitMaps(() => path);
    const names = await maps.resolve(1, [0x7fdda786e8fa, 0x7fdda786e5d0, 0x1234]);
    assert.equal(names.get(0x7fdda786e8fa), 'JS:^renderPreview /app/dist/manipulation.js:76:29');
    assert.equal(names.get(0x7fdda786e5d0), 'JS:~ /app/node_modules/es-errors/uri.js:1:1');
    assert.equal(names.has(0x1234), false);
  });

  it('reads what V8 appended since the last look, and waits for a half-written line', async () => {
    const path = join(dir, 'perf-2.map');
    writeFileSync(path, '1000 100 JS:~first /a.js:1:1\n2000 10');
    const maps = new JitMaps(() => path);
    assert.equal((await maps.resolve(2, [0x2005])).size, 0);
    appendFileSync(path, '0 JS:~second /a.js:2:1\n1000 80 JS:~third /a.js:3:1\n');
    const names = await maps.resolve(2, [0x1010, 0x10f0, 0x2005]);
    assert.equal(names.get(0x1010), 'JS:~third /a.js:3:1');
    assert.equal(names.get(0x10f0), 'JS:~first /a.js:1:1');
    assert.equal(names.get(0x2005), 'JS:~second /a.js:2:1');
  });
});

describe('folding DevTools CPU profiles', () => {
  const frame = (functionName: string, url = '', lineNumber = -1, columnNumber = -1) => ({ functionName, url, lineNumber, columnNumber, scriptId: '0' });
  const profile = {
    startTime: 0,
    endTime: 1_000_000,
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('(program)') },
      { id: 4, callFrame: frame('processTimers', 'node:internal/timers', 511, 24), children: [5] },
      { id: 5, callFrame: frame('', 'file:///srv/app/dist/admin.js', 9, 2), children: [6] },
      { id: 6, callFrame: frame('createSampleImage', 'file:///srv/app/dist/admin.js', 40, 30) },
    ],
    samples: [2, 2, 2, 3, 6, 6, 5],
  };

  it('leaves out idle time and names frames with 1-based line and column, like perf', () => {
    const folded = foldCpuProfile(profile);
    assert.deepEqual(Object.fromEntries(folded), {
      '(program)': 1,
      'processTimers node:internal/timers:512:25;(anonymous) /srv/app/dist/admin.js:10:3;createSampleImage /srv/app/dist/admin.js:41:31': 2,
      'processTimers node:internal/timers:512:25;(anonymous) /srv/app/dist/admin.js:10:3': 1,
    });
  });
});
