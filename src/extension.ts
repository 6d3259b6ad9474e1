// Extension entry: wires the editor parts together. Kept light: heavy modules load on first use.

import * as vscode from 'vscode';
import type { FlamelensApi } from './editor/api';
import { registerCommands } from './editor/commands';
import { PROFILE_EDITOR_VIEW_TYPE, ProfileEditorProvider } from './editor/flamegraph/customEditor';
import { fileProfileRequest } from './editor/flamegraph/fileRequest';
import { FLAMEGRAPH_VIEW_TYPE, FlamegraphPanels } from './editor/flamegraph/panels';
import { FlamegraphSerializer } from './editor/flamegraph/serializer';
import { disposeLog, log } from './editor/log';

export function activate(context: vscode.ExtensionContext): FlamelensApi {
  const started = Date.now();
  const panels = new FlamegraphPanels(context.extensionUri);
  context.subscriptions.push(
    panels,
    ...registerCommands({ panels }),
    vscode.window.registerWebviewPanelSerializer(
      FLAMEGRAPH_VIEW_TYPE,
      new FlamegraphSerializer(panels, async (state) =>
        state.source?.kind === 'file' ? fileProfileRequest(state.source.path) : undefined,
      ),
    ),
    vscode.window.registerCustomEditorProvider(PROFILE_EDITOR_VIEW_TYPE, new ProfileEditorProvider(panels), {
      supportsMultipleEditorsPerDocument: true,
      webviewOptions: { retainContextWhenHidden: false },
    }),
  );
  log().info(`Flamelens ${context.extension.packageJSON.version} activated in ${Date.now() - started} ms`);
  return { flamegraphs: panels };
}

export function deactivate(): void {
  disposeLog();
}
