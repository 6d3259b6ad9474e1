import assert from 'node:assert/strict';
import * as path from 'node:path';
import { createWorkspaceServices, nodeWorkspaceFs, withOpenDocuments } from '../../../src/workspace';
import { WorkspaceIndex } from '../../../src/workspace/workspaceIndex';
import { rel, tempWorkspace, WASM_DIR } from './support';

describe('WorkspaceIndex', () => {
  it('does nothing until the first query, then indexes', async () => {
    const tmp = tempWorkspace({ 'main.go': 'package main\nfunc main() {}\n' });
    const index = new WorkspaceIndex({ roots: [tmp.root], wasmDir: WASM_DIR });
    try {
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(index.stats().parsedFiles, 0);
      assert.equal((await index.findDefinitions('main')).length, 1);
      assert.equal(index.stats().parsedFiles, 1);
    } finally {
      index.dispose();
      tmp.dispose();
    }
  });

  it('skips dependencies and VCS data, lists build output without parsing it, and skips huge or minified files', async () => {
    const tmp = tempWorkspace({
      'src/app.ts': 'export function handler() {}\n',
      'node_modules/express/index.js': 'function handler() {}\n',
      '.git/hooks/x.js': 'function handler() {}\n',
      'dist/app.js': 'function handler() {}\n',
      'vendor/github.com/x/y.go': 'package y\nfunc handler() {}\n',
      'big/huge.ts': `export function handler() {}\n${'// padding\n'.repeat(20_000)}`,
      'web/app.min.js': 'function handler(){}',
      'web/bundle.js': `function handler(){${'x();'.repeat(10_000)}}`,
    });
    const index = new WorkspaceIndex({ roots: [tmp.root], wasmDir: WASM_DIR, maxFileBytes: 100_000 });
    try {
      const defs = await index.findDefinitions('handler');
      assert.deepEqual(defs.map((d) => rel(d.file, tmp.root)), ['src/app.ts']);
      const files = await index.files();
      assert.ok(files.has(path.join(tmp.root, 'dist/app.js')), 'dist is listed for path lookups');
      assert.ok(!files.has(path.join(tmp.root, 'node_modules/express/index.js')));
      const stats = index.stats();
      assert.equal(stats.skipped.tooLarge, 1);
      assert.equal(stats.skipped.minified, 1);
    } finally {
      index.dispose();
      tmp.dispose();
    }
  });

  it('updates incrementally: new, changed and deleted files and directories', async () => {
    const tmp = tempWorkspace({ 'a.py': 'def first():\n    pass\n' });
    const index = new WorkspaceIndex({ roots: [tmp.root], wasmDir: WASM_DIR });
    try {
      assert.equal((await index.findDefinitions('first')).length, 1);
      tmp.write('b.py', 'def second():\n    pass\n');
      await index.updateFile(path.join(tmp.root, 'b.py'));
      assert.equal((await index.findDefinitions('second')).length, 1);

      tmp.write('a.py', '\n\ndef renamed():\n    pass\n');
      await index.updateFile(path.join(tmp.root, 'a.py'));
      assert.equal((await index.findDefinitions('first')).length, 0);
      assert.equal((await index.findDefinitions('renamed'))[0].line, 3);

      tmp.remove('b.py');
      await index.removeFile(path.join(tmp.root, 'b.py'));
      assert.equal((await index.findDefinitions('second')).length, 0);

      tmp.write('pkg/c.py', 'def third():\n    pass\n');
      await index.updateFile(path.join(tmp.root, 'pkg'));
      assert.equal((await index.findDefinitions('third')).length, 1);
      tmp.remove('pkg');
      await index.removeFile(path.join(tmp.root, 'pkg'));
      assert.equal((await index.findDefinitions('third')).length, 0);
      assert.ok(!(await index.files()).has(path.join(tmp.root, 'pkg/c.py')));
      assert.equal(index.stats().parsedFiles, 1);
    } finally {
      index.dispose();
      tmp.dispose();
    }
  });

  it('re-scopes Go files when go.mod changes', async () => {
    const tmp = tempWorkspace({ 'go.mod': 'module example.com/old\n', 'store/store.go': 'package store\nfunc Open() {}\n' });
    const ws = createWorkspaceServices({ roots: [tmp.root], wasmDir: WASM_DIR });
    try {
      assert.ok((await ws.resolveFrame('example.com/old/store.Open')).jump);
      tmp.write('go.mod', 'module example.com/new\n');
      await ws.fileChanged(path.join(tmp.root, 'go.mod'));
      const r = await ws.resolveFrame('example.com/new/store.Open');
      assert.ok(r.jump);
      assert.deepEqual(r.jump.definition?.scope, ['example.com', 'new', 'store']);
    } finally {
      ws.dispose();
      tmp.dispose();
    }
  });

  it('lets the event loop run between files while indexing', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`src/m${i}.ts`] = `export function f${i}() {}\n`;
    const tmp = tempWorkspace(files);
    const index = new WorkspaceIndex({ roots: [tmp.root], wasmDir: WASM_DIR });
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    try {
      setImmediate(tick);
      await index.ready();
      running = false;
      assert.equal(index.stats().parsedFiles, 40);
      assert.ok(ticks >= 40, `only ${ticks} event-loop turns ran while 40 files were indexed`);
    } finally {
      running = false;
      index.dispose();
      tmp.dispose();
    }
  });

  it('reads every definition and route of a long file parsed and captured in slices', async () => {
    const lines = ["import express from 'express';", 'const app = express();'];
    for (let k = 0; k < 400; k++) lines.push(`export function handler${k}(req, res) {`, `  res.json({ k: ${k} });`, '}', `app.get('/r/${k}', handler${k});`, '', '', '');
    const tmp = tempWorkspace({ 'src/routes.ts': lines.join('\n') });
    const index = new WorkspaceIndex({ roots: [tmp.root], wasmDir: WASM_DIR, sliceMs: 1 });
    try {
      const routes = await index.routesIn(path.join(tmp.root, 'src/routes.ts'));
      assert.equal(lines.length > 2500, true);
      assert.equal(routes.length, 400);
      assert.deepEqual(routes[399], { method: 'GET', path: '/r/399', framework: 'express', file: path.join(tmp.root, 'src/routes.ts'), line: 2 + 399 * 7 + 4, column: 1, handlerName: 'handler399', handlerLocation: { file: path.join(tmp.root, 'src/routes.ts'), line: 2 + 399 * 7 + 1, column: 17, endLine: 2 + 399 * 7 + 3 } });
      assert.equal((await index.definitionsIn(path.join(tmp.root, 'src/routes.ts'))).length, 400);
    } finally {
      index.dispose();
      tmp.dispose();
    }
  });

  it('fails with a message naming the missing wasm files, and can retry', async () => {
    const tmp = tempWorkspace({ 'a.go': 'package a\n' });
    const index = new WorkspaceIndex({ roots: [tmp.root], wasmDir: path.join(tmp.root, 'no-wasm') });
    try {
      await assert.rejects(index.ready(), /tree-sitter runtime not found at .*tree-sitter\.wasm.*tree-sitter-go\.wasm/);
      await assert.rejects(index.findDefinitions('x'), /tree-sitter runtime not found/);
    } finally {
      index.dispose();
      tmp.dispose();
    }
  });

  it('serves unsaved editor text through withOpenDocuments', async () => {
    const tmp = tempWorkspace({ 'h.ts': 'export function saved() {}\n' });
    const open = new Map<string, string>();
    const ws = createWorkspaceServices({ roots: [tmp.root], wasmDir: WASM_DIR, fs: withOpenDocuments(nodeWorkspaceFs, (p) => open.get(p)) });
    try {
      assert.equal((await ws.index.findDefinitions('saved')).length, 1);
      open.set(path.join(tmp.root, 'h.ts'), 'export function saved() {}\nexport function typing() {}\n');
      await ws.fileChanged(path.join(tmp.root, 'h.ts'));
      assert.equal((await ws.index.findDefinitions('typing')).length, 1);
    } finally {
      ws.dispose();
      tmp.dispose();
    }
  });
});
