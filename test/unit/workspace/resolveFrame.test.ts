import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createWorkspaceServices, WorkspaceServices } from '../../../src/workspace';
import { PROJECTS, rel, tempWorkspace, WASM_DIR } from './support';

const EXPRESS = path.join(PROJECTS, 'express-ts');

/** 1-based line and column of `needle` in a file (compiled JS positions are found, not hard-coded). */
function positionOf(file: string, needle: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} not in ${file}`);
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
}

describe('resolveFrame', () => {
  let ws: WorkspaceServices;
  before(() => {
    ws = createWorkspaceServices({ roots: [PROJECTS], wasmDir: WASM_DIR, pathMappings: { '/app': EXPRESS, '/srv/flask': path.join(PROJECTS, 'flask-hats') } });
  });
  after(() => ws.dispose());

  async function jumpOf(frame: string): Promise<string | undefined> {
    const r = await ws.resolveFrame(frame);
    return r.jump ? `${rel(r.jump.file)}:${r.jump.line}` : undefined;
  }

  const JUMPS: Array<[string, string]> = [
    ['main.createSampleImage', 'go-hats/admin.go:36'],
    ['main.UnmoderatedPic', 'go-hats/admin.go:17'],
    ['main.(*uploadServer).handleUpload', 'go-hats/upload.go:16'],
    ['main.main.func1', 'go-hats/main.go:14'],
    ['github.com/hatshop/hats/store.(*Store).ListUnmoderated', 'go-hats/store/store.go:39'],
    ['github.com/hatshop/hats/store.Open', 'go-hats/store/store.go:24'],
    ['[j] long com.example.hats.HatService::render()', 'polyglot/java/src/main/java/com/example/hats/HatService.java:13'],
    ['com.example.hats.HatService.lambda$render$0', 'polyglot/java/src/main/java/com/example/hats/HatService.java:13'],
    ['com/example/hats/HatService$Cache.get_[j]', 'polyglot/java/src/main/java/com/example/hats/HatService.java:20'],
    ['com.example.hats.HatService.<init>', 'polyglot/java/src/main/java/com/example/hats/HatService.java:10'],
    ['imaging::Kernel::apply(imaging::Image&) const', 'polyglot/cpp/imaging/kernel.cc:16'],
    ['imaging::Kernel::Kernel(int)', 'polyglot/cpp/imaging/kernel.cc:14'],
    ['imaging::(anonymous namespace)::clamp01(float)', 'polyglot/cpp/imaging/kernel.cc:8'],
    ['imaging::Kernel::operator()(int, int) const', 'polyglot/cpp/imaging/kernel.cc:25'],
    ['void imaging::resize<float>(imaging::Image&, float)', 'polyglot/cpp/imaging/kernel.cc:30'],
    ['hat_render::render::Renderer::draw::h0123456789abcdef', 'polyglot/rust/src/render/mod.rs:14'],
    ['<hat_render::render::Renderer as core::fmt::Display>::fmt', 'polyglot/rust/src/render/mod.rs:22'],
    ['hat_render::render::blend::blend_rows', 'polyglot/rust/src/render/blend.rs:1'],
    ['hat_render::main::{{closure}}', 'polyglot/rust/src/main.rs:5'],
    ['admin (/srv/flask/app.py:24)', 'flask-hats/app.py:24'],
    ['create_sample_image (/srv/flask/hats/previews.py:8)', 'flask-hats/hats/previews.py:8'],
  ];
  for (const [frame, expected] of JUMPS) {
    it(`opens ${frame} at ${expected}`, async () => {
      assert.equal(await jumpOf(frame), expected);
    });
  }

  it('follows a linked source map from the container path to the TypeScript line', async () => {
    const at = positionOf(path.join(EXPRESS, 'dist/handlers/admin.js'), 'renderPreview = async');
    const r = await ws.resolveFrame(`JS:*renderPreview /app/dist/handlers/admin.js:${at.line}:${at.column}`);
    assert.equal(r.jump?.reason, 'source-map');
    assert.equal(`${rel(r.jump!.file)}:${r.jump!.line}`, 'express-ts/src/handlers/admin.ts:15');
  });

  it('reads inline data: URL maps, and maps a line-only frame to the first mapping on the line', async () => {
    const at = positionOf(path.join(EXPRESS, 'dist/store.js'), 'async function getHat');
    const r = await ws.resolveFrame(`LazyCompile:*getHat /app/dist/store.js:${at.line}`);
    assert.equal(`${rel(r.jump!.file)}:${r.jump!.line}`, 'express-ts/src/store.ts:30');
  });

  it('finds a .map beside a file that has no sourceMappingURL comment', async () => {
    const at = positionOf(path.join(EXPRESS, 'dist/routes/hats.js'), 'controller.show(req, res)');
    const r = await ws.resolveFrame(`(anonymous) file:///app/dist/routes/hats.js:${at.line}:${at.column}`);
    assert.equal(`${rel(r.jump!.file)}:${r.jump!.line}`, 'express-ts/src/routes/hats.ts:19');
  });

  it('matches a container path by suffix when no mapping covers it', async () => {
    const at = positionOf(path.join(EXPRESS, 'dist/handlers/admin.js'), 'async function adminPage');
    const r = await ws.resolveFrame(`adminPage /srv/hat-admin/dist/handlers/admin.js:${at.line}:${at.column}`);
    assert.equal(`${rel(r.jump!.file)}:${r.jump!.line}`, 'express-ts/src/handlers/admin.ts:6');
  });

  it('ranks the qualified match first and keeps name-only matches as alternatives', async () => {
    const r = await ws.resolveFrame('[j] long com.example.hats.HatService::render()');
    assert.deepEqual(
      r.candidates.map((c) => `${c.reason} ${c.detail}`),
      ['qualified com.example.hats.HatService.render', 'name com.example.admin.AdminPage.render'],
    );
  });

  it('does not jump when only a bare name is known: every definition is offered', async () => {
    const r = await ws.resolveFrame('render');
    assert.equal(r.jump, undefined);
    assert.deepEqual(r.candidates.map((c) => c.detail).sort(), ['com.example.admin.AdminPage.render', 'com.example.hats.HatService.render']);
  });

  it('does not jump on a file-name-only path match whose line is not in the named function', async () => {
    const r = await ws.resolveFrame('unrelated (/elsewhere/app.py:3)');
    assert.equal(r.jump, undefined);
    assert.equal(rel(r.candidates[0].file), 'flask-hats/app.py');
  });

  it('explains frames that have no source', async () => {
    for (const [frame, words] of [
      ['[k] do_syscall_64', /kernel/],
      ['0x00007f3a2b1c4d5e', /no symbol name/],
      ['Builtin:ArrayPrototypePush', /runtime or VM internal/],
      ['main.noSuchFunction', /No definition of noSuchFunction/],
    ] as const) {
      const r = await ws.resolveFrame(frame);
      assert.equal(r.candidates.length, 0, frame);
      assert.match(r.message ?? '', words, frame);
    }
  });

  it('says how to fix an unmapped container path', async () => {
    const r = await ws.resolveFrame('(anonymous) /opt/other/bundle.js:10:4');
    assert.match(r.message ?? '', /pathMappings/);
  });

  it('offers every equally good candidate when two services define the same symbol', async () => {
    const tmp = tempWorkspace({
      'admin/go.mod': 'module example.com/admin\n',
      'admin/main.go': 'package main\n\nfunc createSampleImage() {}\n',
      'worker/go.mod': 'module example.com/worker\n',
      'worker/main.go': 'package main\n\nfunc createSampleImage() {}\n',
    });
    const local = createWorkspaceServices({ roots: [tmp.root], wasmDir: WASM_DIR });
    try {
      const r = await local.resolveFrame('main.createSampleImage');
      assert.equal(r.jump, undefined);
      assert.deepEqual(r.candidates.map((c) => `${c.reason} ${rel(c.file, tmp.root)}:${c.line}`), ['qualified admin/main.go:3', 'qualified worker/main.go:3']);
    } finally {
      local.dispose();
      tmp.dispose();
    }
  });

  it('uses the package path to tell two packages apart', async () => {
    const tmp = tempWorkspace({
      'go.mod': 'module github.com/o/r\n',
      'api/server.go': 'package api\n\ntype Server struct{}\n\nfunc (s *Server) Handle() {}\n',
      'admin/server.go': 'package admin\n\ntype Server struct{}\n\nfunc (s *Server) Handle() {}\n',
    });
    const local = createWorkspaceServices({ roots: [tmp.root], wasmDir: WASM_DIR });
    try {
      const r = await local.resolveFrame('github.com/o/r/admin.(*Server).Handle');
      assert.equal(rel(r.jump!.file, tmp.root), 'admin/server.go');
      assert.equal(r.candidates[1].reason, 'partial', 'the other package still matches on the type');
    } finally {
      local.dispose();
      tmp.dispose();
    }
  });

  it('follows new path mappings', async () => {
    const at = positionOf(path.join(EXPRESS, 'dist/handlers/upload.js'), 'async function uploadHat');
    const frame = `uploadHat /build/out/handlers/upload.js:${at.line}:${at.column}`;
    const before = await ws.resolveFrame(frame);
    assert.equal(rel(before.candidates[0].file), 'express-ts/src/handlers/upload.ts');
    ws.setPathMappings({ '/build/out': path.join(EXPRESS, 'dist') });
    const after = await ws.resolveFrame(frame);
    assert.equal(after.jump?.detail, 'path mapping -> source map');
  });
});
