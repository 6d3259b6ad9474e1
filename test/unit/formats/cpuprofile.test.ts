import * as assert from 'node:assert/strict';
import { cpuProfileToProfile } from '../../../src/core/formats/cpuprofile';
import { parseSourceFrame } from '../../../src/core/formats/sourceFrame';
import { readProfile } from '../../../src/core/formats/readProfile';
import { functionCosts } from '../../../src/core/topFunctions';
import { fixtureBytes } from './fixtures';

describe('Chrome .cpuprofile', () => {
  // Recorded with `node --cpu-prof` from test/fixtures/profiles/busy-preview.js.
  const profile = readProfile(fixtureBytes('node-preview.cpuprofile'), 'node-preview.cpuprofile');
  const raw = JSON.parse(new TextDecoder().decode(fixtureBytes('node-preview.cpuprofile'))) as {
    samples: number[];
    nodes: { id: number; callFrame: { functionName: string } }[];
  };

  it('counts every sample except idle time', () => {
    const idle = new Set(raw.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    assert.equal(profile.format, 'cpuprofile');
    assert.equal(profile.totalSamples, raw.samples.filter((id) => !idle.has(id)).length);
    assert.ok(profile.sampleIntervalMs! > 0.2 && profile.sampleIntervalMs! < 5, `interval ${profile.sampleIntervalMs}`);
  });

  it('names frames `function file:line:column` with 1-based positions, from the file URL as a path', () => {
    const frames = new Set(profile.stacks.flatMap((s) => s.frames));
    const create = [...frames].find((f) => f.startsWith('createSampleImage '));
    assert.ok(create, 'createSampleImage frame');
    const at = parseSourceFrame(create)!;
    assert.equal(at.functionName, 'createSampleImage');
    assert.match(at.file, /^\/.*\/test\/fixtures\/profiles\/busy-preview\.js$/);
    // `function createSampleImage(hat) {` is line 22; V8 places a function at its parameter list, column 27.
    assert.equal(at.line, 22);
    assert.equal(at.column, 27);
    assert.ok([...frames].some((f) => f.startsWith('(anonymous) ') && f.includes('busy-preview.js:')));
  });

  it('drops (root) and (idle), keeps (program) and (garbage collector)', () => {
    const names = new Set(profile.stacks.map((s) => s.frames[0]));
    assert.ok(!names.has('(root)'));
    assert.ok(!profile.stacks.some((s) => s.frames.includes('(idle)')));
    assert.ok(names.has('(program)') || names.has('(garbage collector)'));
  });

  it('shows the busy function as the hot one', () => {
    const costs = [...functionCosts(profile).values()];
    const preview = costs.find((c) => c.name.startsWith('createSampleImage '))!;
    assert.ok(preview.total / profile.totalSamples > 0.5, `createSampleImage total ${preview.total} of ${profile.totalSamples}`);
  });

  it('uses hitCount when there are no samples', () => {
    const p = cpuProfileToProfile({
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 }, hitCount: 0, children: [2] },
        { id: 2, callFrame: { functionName: '', url: 'file:///app/dist/my%20server.js', lineNumber: 11, columnNumber: 4 }, hitCount: 3, children: [3] },
        { id: 3, callFrame: { functionName: 'handler', url: 'file:///app/dist/my%20server.js', lineNumber: 40, columnNumber: 0 }, hitCount: 5 },
      ],
    });
    assert.deepEqual(
      p.stacks.map((s) => [s.frames, s.count]),
      [
        [['(anonymous) /app/dist/my%20server.js:12:5'], 3],
        [['(anonymous) /app/dist/my%20server.js:12:5', 'handler /app/dist/my%20server.js:41:1'], 5],
      ],
    );
    assert.equal(parseSourceFrame(p.stacks[1].frames[1])?.file, '/app/dist/my server.js');
  });

  it('says what is missing from a JSON object that is not a profile', () => {
    assert.throws(() => readProfile(fixtureBytes('no-nodes.cpuprofile'), 'no-nodes.cpuprofile'), {
      name: 'ProfileFormatError',
      message: 'no-nodes.cpuprofile: a JSON object that is neither Pixie rows (no `stack_trace` column on line 1) nor a Chrome .cpuprofile (no `nodes`)',
    });
    assert.throws(() => cpuProfileToProfile({ nodes: [{ id: 1 }] }), { message: 'not a Chrome .cpuprofile: node 1 needs a numeric `id` and a `callFrame`' });
    assert.throws(
      () => cpuProfileToProfile({ nodes: [{ id: 1, callFrame: { functionName: 'f' } }], samples: [1, 9] }),
      { message: 'not a Chrome .cpuprofile: a sample refers to node 9, which is not in `nodes`' },
    );
  });
});
