// The extension activates in a real extension host and its entry commands exist.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as path from 'node:path';
import { runFromCommandPalette } from './support/palette';
import { screenshot } from './support/screenshot';
import { themeKind } from './support/theme';
import { waitFor } from './support/wait';

const EXTENSION_ID = 'flamelens.flamelens';

// `@vsix`: these tests also run against the packed .vsix installed into code-server (test/runner/run-vsix-test.mjs).
describe('activation @vsix', () => {
  it('activates flamelens.flamelens and registers its commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded in the extension host`);
    // The runner says which copy must be running: the repo (development) or the installed .vsix.
    const expectedDir = process.env.FLAMELENS_EXPECT_EXTENSION_DIR;
    if (expectedDir) {
      const relative = path.relative(expectedDir, extension.extensionPath);
      assert.ok(!relative.startsWith('..') && !path.isAbsolute(relative), `${EXTENSION_ID} runs from ${extension.extensionPath}, expected a copy under ${expectedDir}`);
    }
    await extension.activate();
    assert.equal(extension.isActive, true);

    const commands = await vscode.commands.getCommands(true);
    for (const id of ['flamelens.showFlamegraph', 'flamelens.openProfileFile', 'flamelens.showLog']) {
      assert.ok(commands.includes(id), `command ${id} is not registered after activation`);
    }
  });

  it('shows the Flamelens log in the Output panel @screenshot', async () => {
    await runFromCommandPalette('Flamelens: Show Log', 'flamelens.showLog');
    const log = await waitFor('the Flamelens log to be shown in the Output panel', () =>
      vscode.window.visibleTextEditors.find((editor) => editor.document.uri.scheme === 'output' && /flamelens/i.test(editor.document.uri.path)),
    );
    assert.ok(log);
    await screenshot(`activation-log-${themeKind()}`);
  });
});
