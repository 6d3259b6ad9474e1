// Show Flamegraph in the real extension host: the webview draws the profile, filters narrow it, bad files fail cleanly.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { flamelens, nextRender } from './support/extensionApi';
import { fixturePath } from './support/paths';
import { screenshot } from './support/screenshot';
import { themeKind } from './support/theme';

const CLUSTER = fixturePath('host', 'cluster.jsonl');

/** Sample sums read straight from the fixture, independently of the extension's readers. */
function fixtureSamples(filter: (row: { namespace: string }) => boolean = () => true): number {
  return readFileSync(CLUSTER, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { namespace: string; count: number })
    .filter(filter)
    .reduce((sum, row) => sum + row.count, 0);
}

describe('Show Flamegraph @vsix', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('draws every sample of a Pixie export, with the k8s frames on top @screenshot', async () => {
    const api = await flamelens();
    const { panel, report } = await nextRender(api, () => vscode.commands.executeCommand('flamelens.showFlamegraph', vscode.Uri.file(CLUSTER)));
    assert.equal(report.rootValue, fixtureSamples());
    assert.equal(report.nodeCount, panel.lastView?.nodeCount);
    // 6 stacks in 3 namespaces on 2 nodes: the tree has far more nodes than stacks (k8s frames + call frames).
    assert.ok(report.nodeCount > 20, `only ${report.nodeCount} nodes drawn`);
    assert.equal(panel.panel.title, 'cluster.jsonl');
    await screenshot(`flamegraph-${themeKind()}`);
  });

  it('narrows to one namespace: the root total becomes that namespace\'s samples', async () => {
    const api = await flamelens();
    const { panel } = await nextRender(api, () => vscode.commands.executeCommand('flamelens.showFlamegraph', vscode.Uri.file(CLUSTER)));
    const { report } = await nextRender(api, () => panel.setFilters({ namespace: 'default' }));
    assert.equal(report.rootValue, fixtureSamples((r) => r.namespace === 'default'));
    assert.notEqual(report.rootValue, fixtureSamples());
    await screenshot(`flamegraph-default-namespace-${themeKind()}`);
  });

  it('keeps its filters when hidden and shown again', async () => {
    const api = await flamelens();
    const { panel } = await nextRender(api, () => vscode.commands.executeCommand('flamelens.showFlamegraph', vscode.Uri.file(CLUSTER)));
    await nextRender(api, () => panel.setFilters({ namespace: 'pl' }));
    // Another editor in the same column hides the webview, which then loses its DOM.
    const doc = await vscode.workspace.openTextDocument({ content: 'hiding the flamegraph', language: 'plaintext' });
    await vscode.window.showTextDocument(doc, { viewColumn: panel.panel.viewColumn, preview: false });
    const { report } = await nextRender(api, async () => panel.panel.reveal());
    assert.equal(report.rootValue, fixtureSamples((r) => r.namespace === 'pl'));
  });

  it('reports a malformed file and keeps working', async () => {
    const api = await flamelens();
    const shown = await vscode.commands.executeCommand<boolean>('flamelens.showFlamegraph', vscode.Uri.file(fixturePath('host', 'malformed.folded')));
    assert.equal(shown, false);
    const { report } = await nextRender(api, () => vscode.commands.executeCommand('flamelens.showFlamegraph', vscode.Uri.file(CLUSTER)));
    assert.equal(report.rootValue, fixtureSamples());
  });
});
