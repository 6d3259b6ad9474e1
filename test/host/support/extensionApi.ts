// The running extension's exported API, for tests that check what its panels drew.
import * as vscode from 'vscode';
import type { FlamelensApi } from '../../../src/editor/api';
import type { FlamegraphPanel, RenderedReport } from '../../../src/editor/flamegraph/panel';
import { waitFor } from './wait';

export async function flamelens(): Promise<FlamelensApi> {
  const ext = vscode.extensions.getExtension<FlamelensApi>('flamelens.flamelens');
  if (!ext) throw new Error('flamelens.flamelens is not loaded');
  return ext.activate();
}

/** Runs `action` and resolves with the next draw the webview of `panel` (or of any flamegraph) reports. */
export async function nextRender(api: FlamelensApi, action: () => Thenable<unknown> | Promise<unknown>, timeoutMs = 45_000): Promise<{ panel: FlamegraphPanel; report: RenderedReport }> {
  let sub: vscode.Disposable | undefined;
  const rendered = new Promise<{ panel: FlamegraphPanel; report: RenderedReport }>((resolve) => {
    sub = api.flamegraphs.onDidRender(resolve);
  });
  try {
    await action();
    return await Promise.race([
      rendered,
      waitFor('the flamegraph webview to report a draw', () => false, { timeoutMs }).then(() => {
        throw new Error('unreachable');
      }),
    ]);
  } finally {
    sub?.dispose();
  }
}
