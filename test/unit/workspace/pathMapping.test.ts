import assert from 'node:assert/strict';
import * as path from 'node:path';
import { PathMapper } from '../../../src/workspace/pathMapping';
import { WorkspaceFiles } from '../../../src/workspace/workspaceFiles';
import { nodeWorkspaceFs } from '../../../src/workspace/workspaceFs';
import { rel, tempWorkspace } from './support';

describe('PathMapper', () => {
  const tmp = tempWorkspace({
    'services/admin/dist/server.js': '',
    'services/admin/src/server.ts': '',
    'services/upload/dist/server.js': '',
    'services/admin/app.py': '',
    'tools/app.py': '',
  });
  const files = new WorkspaceFiles();
  for (const f of ['services/admin/dist/server.js', 'services/admin/src/server.ts', 'services/upload/dist/server.js', 'services/admin/app.py', 'tools/app.py']) files.add(path.join(tmp.root, f));
  const mapper = (mappings: Record<string, string>) => new PathMapper(mappings, async () => files, nodeWorkspaceFs, [tmp.root]);
  after(() => tmp.dispose());

  async function map(m: PathMapper, p: string): Promise<string[]> {
    return (await m.map(p)).map((c) => `${c.via} ${rel(c.file, tmp.root)}${c.matchedSegments ? ` (${c.matchedSegments})` : ''}`);
  }

  it('maps a prefix to a workspace folder', async () => {
    const m = mapper({ '/app': path.join(tmp.root, 'services/admin') });
    assert.deepEqual(await map(m, '/app/dist/server.js'), ['mapping services/admin/dist/server.js']);
    assert.deepEqual(await map(m, 'file:///app/dist/server.js'), ['mapping services/admin/dist/server.js']);
  });

  it('uses the longest matching prefix', async () => {
    const m = mapper({ '/app': path.join(tmp.root, 'services/admin'), '/app/upload/': path.join(tmp.root, 'services/upload') });
    assert.deepEqual(await map(m, '/app/upload/dist/server.js'), ['mapping services/upload/dist/server.js']);
  });

  it('falls back to suffix matching when the mapped file does not exist', async () => {
    const m = mapper({ '/app': path.join(tmp.root, 'nowhere') });
    assert.deepEqual(await map(m, '/app/services/upload/dist/server.js'), ['suffix services/upload/dist/server.js (4)']);
  });

  it('returns every file sharing the longest suffix, so ambiguity is visible', async () => {
    const m = mapper({});
    assert.deepEqual(await map(m, '/srv/dist/server.js'), ['suffix services/admin/dist/server.js (2)', 'suffix services/upload/dist/server.js (2)']);
    assert.deepEqual(await map(m, '/srv/admin/dist/server.js'), ['suffix services/admin/dist/server.js (3)']);
    assert.deepEqual(await map(m, 'app.py'), ['suffix services/admin/app.py (1)', 'suffix tools/app.py (1)']);
    assert.deepEqual(await map(m, '/nothing/like/this.go'), []);
  });

  it('takes a path that already exists in the workspace as it is', async () => {
    const m = mapper({});
    const file = path.join(tmp.root, 'tools/app.py');
    assert.deepEqual(await map(m, file), ['exact tools/app.py']);
  });
});
