// A flamegraph survives a window reload: VS Code restores the panel, the extension reloads its file, the view its filters.
//
// Runs in a session of its own (`@reload`, see test/runner/run-host-tests.mjs): reloading the window restarts the
// extension host and the suite with it. The first run leaves a marker and reloads; the run after the reload checks.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { flamelens, nextRender } from './support/extensionApi';
import { fixturePath } from './support/paths';
import { screenshot } from './support/screenshot';
import { waitFor } from './support/wait';

const CLUSTER = fixturePath('host', 'cluster.jsonl');
// The session's own TMPDIR: new for each runner session, kept across the reload.
const MARKER = path.join(os.tmpdir(), 'flamelens-reload-marker.json');

function namespaceSamples(namespace: string): number {
  return readFileSync(CLUSTER, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { namespace: string; count: number })
    .filter((row) => row.namespace === namespace)
    .reduce((sum, row) => sum + row.count, 0);
}

describe('Window reload @reload', () => {
  it('restores the flamegraph panel: same file, same namespace filter, same total', async () => {
    const api = await flamelens();
    if (!existsSync(MARKER)) {
      const { panel } = await nextRender(api, () => vscode.commands.executeCommand('flamelens.showFlamegraph', vscode.Uri.file(CLUSTER)));
      const { report } = await nextRender(api, () => panel.setFilters({ namespace: 'pl' }));
      assert.equal(report.rootValue, namespaceSamples('pl'));
      writeFileSync(MARKER, JSON.stringify({ rootValue: report.rootValue }));
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
      // The extension host ends here; the suite starts again after the reload.
      await new Promise(() => undefined);
      return;
    }
    const before = JSON.parse(readFileSync(MARKER, 'utf8')) as { rootValue: number };
    rmSync(MARKER, { force: true });
    const restored = await waitFor('VS Code to restore the flamegraph panel and its webview to draw', () => api.flamegraphs.panels.find((p) => p.lastRendered), {
      timeoutMs: 45_000,
    });
    assert.deepEqual(restored.filters, { namespace: 'pl' });
    assert.equal(restored.lastRendered?.rootValue, before.rootValue);
    assert.equal(restored.panel.title, 'cluster.jsonl');
    await screenshot('flamegraph-after-reload');
  });
});
