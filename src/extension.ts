// Extension entry: wires the editor parts together. Kept light: heavy modules load on first use.

import * as vscode from 'vscode';
import type { FlamelensApi } from './editor/api';
import { registerCommands } from './editor/commands';
import { PROFILE_EDITOR_VIEW_TYPE, ProfileEditorProvider } from './editor/flamegraph/customEditor';
import { FLAMEGRAPH_VIEW_TYPE, FlamegraphPanels } from './editor/flamegraph/panels';
import { restoreRequest } from './editor/flamegraph/restoreRequest';
import { FlamegraphSerializer } from './editor/flamegraph/serializer';
import { LatencyPanels } from './editor/latency/latencyPanels';
import { disposeLog, log } from './editor/log';
import { SourceConnection } from './editor/sources/connection';
import { PixieApiKey } from './editor/sources/pixieApiKey';
import { createStatusBar } from './editor/statusBar';

export function activate(context: vscode.ExtensionContext): FlamelensApi {
  const started = Date.now();
  const panels = new FlamegraphPanels(context.extensionUri);
  const latency = new LatencyPanels(context.extensionUri);
  const apiKey = new PixieApiKey(context.secrets);
  const connection = new SourceConnection(context.extensionPath, apiKey);
  context.subscriptions.push(
    panels,
    latency,
    apiKey,
    connection,
    createStatusBar(connection),
    ...registerCommands({ panels, latency, connection, extensionPath: context.extensionPath }),
    vscode.window.registerWebviewPanelSerializer(FLAMEGRAPH_VIEW_TYPE, new FlamegraphSerializer(panels, (state) => restoreRequest(state, connection))),
    vscode.window.registerCustomEditorProvider(PROFILE_EDITOR_VIEW_TYPE, new ProfileEditorProvider(panels), {
      supportsMultipleEditorsPerDocument: true,
      webviewOptions: { retainContextWhenHidden: false },
    }),
  );
  log().info(`Flamelens ${context.extension.packageJSON.version} activated in ${Date.now() - started} ms`);
  return { flamegraphs: panels, latency, activationMs: Date.now() - started };
}

export function deactivate(): void {
  disposeLog();
}
