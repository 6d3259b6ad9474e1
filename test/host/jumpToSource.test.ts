// Ctrl+click on a flamegraph frame in the real webview: the function's line opens (Go by symbol, TypeScript through a
// source map), an ambiguous frame asks, an unknown one says so. Never a wrong jump.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { flamelens, nextRender } from './support/extensionApi';
import { addFixtureProjects, lineOf, projectText, projectUri, removeFixtureProjects } from './support/fixtureProjects';
import { screenshot } from './support/screenshot';
import { themeKind } from './support/theme';
import { waitFor } from './support/wait';
import { ctrlClickFrame, pickQuickItem, shownQuickPick, visibleNotifications } from './support/webviewActions';

/** Where the compiled Express app runs in its container; the workspace holds it as express-ts/dist/. */
const CONTAINER_DIST = '/app/dist';

/**
 * The V8 frame of the compiled `adminPage`, as `perf` names JIT code (`JS:*name file:line:col`): the position of the
 * function's name in the committed generated JS, found by reading that file.
 */
function compiledAdminPageFrame(): string {
  const at = lineOf(projectText('express-ts', 'dist', 'handlers', 'admin.js'), 'async function adminPage(', 'adminPage');
  return `JS:*adminPage ${CONTAINER_DIST}/handlers/admin.js:${at.line}:${at.column}`;
}

const GO_HOT = 'main.createSampleImage';
/** `func healthz` is in both Go services of the workspace (go-hats and thumbnailer). */
const GO_AMBIGUOUS = 'main.healthz';
/** Deployed code newer than the checkout: no such function in the workspace. */
const GO_UNKNOWN = 'main.generatePreviewThumbnails';

/** A perf-style folded profile of the hat shop whose frames name the fixture projects' functions. */
function profileText(): string {
  const fiber = 'hats;runtime.goexit.abi0;github.com/valyala/fasthttp.(*Server).serveConn;github.com/gofiber/fiber/v2.(*App).handler';
  return [
    `${fiber};main.UnmoderatedPic;${GO_HOT};image/png.Encode;compress/flate.(*compressor).deflate 620`,
    `${fiber};main.UnmoderatedPic;${GO_HOT} 140`,
    `hats;runtime.goexit.abi0;net/http.(*conn).serve;net/http.HandlerFunc.ServeHTTP;${GO_AMBIGUOUS} 90`,
    `hats;runtime.goexit.abi0;main.main;${GO_UNKNOWN};image.(*RGBA).Set 80`,
    `node;node::Start(int, char**);${compiledAdminPageFrame()};uv_run 300`,
    '',
  ].join('\n');
}

/** The editor a user now looks at, once it shows `file` (or fails naming what is shown instead). */
async function editorShowing(file: vscode.Uri): Promise<vscode.TextEditor> {
  return waitFor(`an editor on ${path.basename(file.fsPath)} to be active`, () => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.uri.fsPath === file.fsPath ? editor : undefined;
  });
}

describe('Jump to source from the flamegraph (Ctrl+click in the webview)', () => {
  let dir: string;
  let profile: string;

  before(async () => {
    await addFixtureProjects();
    dir = mkdtempSync(path.join(tmpdir(), 'flamelens-jump-'));
    profile = path.join(dir, 'hatshop.folded');
    writeFileSync(profile, profileText());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeFixtureProjects();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    const api = await flamelens();
    const { report } = await nextRender(api, () => vscode.commands.executeCommand('flamelens.showFlamegraph', vscode.Uri.file(profile)));
    assert.equal(report.rootValue, 620 + 140 + 90 + 80 + 300);
  });

  afterEach(async () => {
    // A quick pick left open by a failed test would swallow the next test's clicks.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('a Go frame opens the line that defines the function @screenshot', async () => {
    const file = projectUri('go-hats', 'admin.go');
    const definition = lineOf(projectText('go-hats', 'admin.go'), 'func createSampleImage(', 'createSampleImage');

    await ctrlClickFrame(GO_HOT);

    const editor = await editorShowing(file);
    assert.equal(editor.selection.active.line + 1, definition.line, `landed on: ${editor.document.lineAt(editor.selection.active.line).text}`);
    assert.equal(editor.selection.active.character + 1, definition.column);
    assert.ok(editor.visibleRanges.some((r) => r.contains(editor.selection.active)), 'the definition line is scrolled out of view');
    await screenshot(`jump-to-source-go-${themeKind()}`);
  });

  it('a frame in compiled JavaScript opens the TypeScript line through the source map', async () => {
    const file = projectUri('express-ts', 'src', 'handlers', 'admin.ts');
    const definition = lineOf(projectText('express-ts', 'src', 'handlers', 'admin.ts'), 'export async function adminPage(');

    await ctrlClickFrame(compiledAdminPageFrame());

    const editor = await editorShowing(file);
    assert.equal(editor.selection.active.line + 1, definition.line, `landed on: ${editor.document.lineAt(editor.selection.active.line).text}`);
    // Not the generated file, whatever line it would have been.
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath.endsWith(`${path.sep}admin.js`)), 'the generated admin.js was opened');
    await screenshot(`jump-to-source-ts-${themeKind()}`);
  });

  it('an ambiguous frame lists every definition in a quick pick and opens the one picked', async () => {
    const goHats = lineOf(projectText('go-hats', 'main.go'), 'func healthz(');
    const thumbnailer = lineOf(projectText('thumbnailer', 'main.go'), 'func healthz(');
    const before = vscode.window.visibleTextEditors.length;

    await ctrlClickFrame(GO_AMBIGUOUS);

    const pick = await shownQuickPick();
    const labels = pick.items.map((i) => i.label);
    // Both Go definitions, equally good, come first; nothing was opened while the user decides.
    assert.deepEqual(labels.slice(0, 2).sort(), [`go-hats/main.go:${goHats.line}`, `thumbnailer/main.go:${thumbnailer.line}`].sort(), `rows: ${labels.join(', ')}`);
    assert.match(pick.title, /main\.healthz/);
    assert.equal(vscode.window.visibleTextEditors.length, before, 'an editor opened before a definition was picked');
    await screenshot(`jump-to-source-ambiguous-${themeKind()}`);

    await pickQuickItem(`thumbnailer/main.go:${thumbnailer.line}`);

    const editor = await editorShowing(projectUri('thumbnailer', 'main.go'));
    assert.equal(editor.selection.active.line + 1, thumbnailer.line);
  });

  it('a frame with no definition in the workspace says so and opens nothing', async () => {
    await ctrlClickFrame(GO_UNKNOWN);

    const messages = await waitFor('a notification about the missing definition', async () => {
      const shown = await visibleNotifications();
      return shown.some((m) => m.includes('generatePreviewThumbnails')) ? shown : undefined;
    });
    assert.ok(
      messages.some((m) => /No definition of generatePreviewThumbnails in the workspace/.test(m)),
      `the notifications say: ${messages.join(' | ')}`,
    );
    assert.equal(vscode.window.activeTextEditor, undefined, `${vscode.window.activeTextEditor?.document.uri.fsPath} was opened`);
    assert.equal(vscode.window.visibleTextEditors.length, 0);
    await screenshot(`jump-to-source-not-found-${themeKind()}`);
  });
});
