import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SourceMapResolver } from '../../../src/workspace/sourceMaps';
import { nodeWorkspaceFs } from '../../../src/workspace/workspaceFs';
import { PROJECTS, tempWorkspace } from './support';

const DIST = path.join(PROJECTS, 'express-ts/dist');
const SRC = path.join(PROJECTS, 'express-ts/src');

function lineOf(file: string, needle: string): number {
  return readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('SourceMapResolver', () => {
  const maps = new SourceMapResolver(nodeWorkspaceFs);
  after(() => maps.dispose());

  it('maps through a sourceMappingURL file to the original source, 1-based', async () => {
    const line = lineOf(path.join(DIST, 'handlers/admin.js'), 'async function adminPage');
    const pos = await maps.originalPositionFor(path.join(DIST, 'handlers/admin.js'), line, 1);
    assert.deepEqual(pos && { file: pos.file, line: pos.line, column: pos.column }, { file: path.join(SRC, 'handlers/admin.ts'), line: 6, column: 1 });
  });

  it('maps through an inline base64 map', async () => {
    const line = lineOf(path.join(DIST, 'store.js'), 'async function saveHat');
    const pos = await maps.originalPositionFor(path.join(DIST, 'store.js'), line);
    assert.equal(pos?.file, path.join(SRC, 'store.ts'));
    assert.equal(pos?.line, 34);
  });

  it('finds <file>.map when the file names no map', async () => {
    assert.doesNotMatch(readFileSync(path.join(DIST, 'routes/hats.js'), 'utf8'), /sourceMappingURL/);
    const line = lineOf(path.join(DIST, 'routes/hats.js'), 'class HatController');
    const pos = await maps.originalPositionFor(path.join(DIST, 'routes/hats.js'), line);
    assert.equal(pos?.file, path.join(SRC, 'routes/hats.ts'));
    assert.equal(pos?.line, 5);
  });

  it('gives nothing for a file without a map, a broken map, or a line past the end', async () => {
    const tmp = tempWorkspace({ 'plain.js': 'function f() {}\n', 'broken.js': 'x();\n//# sourceMappingURL=broken.js.map\n', 'broken.js.map': '{ not json' });
    try {
      assert.equal(await maps.originalPositionFor(path.join(tmp.root, 'plain.js'), 1, 1), undefined);
      assert.equal(await maps.originalPositionFor(path.join(tmp.root, 'broken.js'), 1, 1), undefined);
      assert.equal(await maps.originalPositionFor(path.join(tmp.root, 'missing.js'), 1, 1), undefined);
      assert.equal(await maps.originalPositionFor(path.join(DIST, 'server.js'), 10_000), undefined);
    } finally {
      tmp.dispose();
    }
  });

  it('reads a changed map after invalidate', async () => {
    const tmp = tempWorkspace({});
    try {
      const js = tmp.write('out.js', 'a();\n//# sourceMappingURL=out.js.map\n');
      writeFileSync(`${js}.map`, JSON.stringify({ version: 3, sources: ['src/in.ts'], names: [], mappings: 'AAAA' }));
      assert.equal((await maps.originalPositionFor(js, 1, 1))?.line, 1);
      writeFileSync(`${js}.map`, JSON.stringify({ version: 3, sources: ['src/in.ts'], names: [], mappings: 'AAEA' }));
      assert.equal((await maps.originalPositionFor(js, 1, 1))?.line, 1, 'cached until invalidated');
      maps.invalidate(js);
      assert.equal((await maps.originalPositionFor(js, 1, 1))?.line, 3);
    } finally {
      tmp.dispose();
    }
  });
});
