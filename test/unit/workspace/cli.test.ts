import assert from 'node:assert/strict';
import { runCli } from '../cli/cliIo';
import { PROJECTS, WASM_DIR } from './support';

/** In the fixture projects, with the tree-sitter grammars from node_modules. */
const run = (...argv: string[]) => runCli(argv, { env: { FLAMELENS_WASM_DIR: WASM_DIR }, cwd: PROJECTS });

describe('flamelens resolve / routes', () => {
  it('prints workspace-relative candidates, best first', async () => {
    const r = await run('resolve', '--workspace', '.', '[j] long com.example.hats.HatService::render()');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'polyglot/java/src/main/java/com/example/hats/HatService.java:13\npolyglot/java/src/main/java/com/example/admin/AdminPage.java:9\n');
  });

  it('maps container paths with --map and follows source maps', async () => {
    const r = await run('resolve', '--workspace', PROJECTS, '--map', '/app=express-ts', '--verbose', 'JS:*adminPage /app/dist/handlers/admin.js:27:1');
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split('\n')[0], 'express-ts/src/handlers/admin.ts:6\tsource-map (sure)\tpath mapping -> source map');
  });

  it('exits 1 with the reason when nothing matches', async () => {
    const kernel = await run('resolve', '[k] do_syscall_64');
    assert.equal(kernel.code, 1);
    assert.equal(kernel.stdout, '');
    assert.match(kernel.stderr, /kernel function/);
    const missing = await run('resolve', 'main.doesNotExist');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No definition of doesNotExist/);
  });

  it('refuses bad arguments with usage errors', async () => {
    assert.equal((await run('resolve')).code, 2);
    assert.equal((await run('resolve', '--map', 'nonsense', 'x')).code, 2);
    const notDir = await run('resolve', '--workspace', 'no/such/dir', 'x');
    assert.equal(notDir.code, 1);
    assert.match(notDir.stderr, /not a directory/);
  });

  it('prints routes as METHOD, path, file:line and handler, tab-separated', async () => {
    const r = await run('routes', '--workspace', 'go-hats');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, ['GET\t/admin\tmain.go:18\tUnmoderatedPic', 'GET\t/hats/:id\tmain.go:19\t(inline)', 'POST\t/upload\tmain.go:30\thandleUpload', 'ANY\t/healthz\tmain.go:31\thealthz', ''].join('\n'));
  });
});
