// Extension entry: wires the editor parts together. Kept light: heavy modules load on first use.

import * as vscode from 'vscode';
import type { FlamelensApi } from './editor/api';
import { CodeIndex } from './editor/code/codeIndex';
import { registerCommands } from './editor/commands';
import { PROFILE_EDITOR_VIEW_TYPE, ProfileEditorProvider } from './editor/flamegraph/customEditor';
import { FLAMEGRAPH_VIEW_TYPE, FlamegraphPanels } from './editor/flamegraph/panels';
import { restoreRequest } from './editor/flamegraph/restoreRequest';
import { FlamegraphSerializer } from './editor/flamegraph/serializer';
import { InsightLensProvider, LENS_LANGUAGES } from './editor/insights/codeLens';
import { FunctionLocations } from './editor/insights/functionLocations';
import { InsightHoverProvider } from './editor/insights/hover';
import { LensModel } from './editor/insights/lensModel';
import { LiveData } from './editor/insights/liveData';
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
  const code = new CodeIndex(context.extensionPath);
  const liveData = new LiveData(connection, panels, latency);
  const lensModel = new LensModel(code, liveData, new FunctionLocations(code));
  const lenses = new InsightLensProvider(lensModel);
  const selector = LENS_LANGUAGES.map((language) => ({ language, scheme: 'file' }));
  context.subscriptions.push(
    panels,
    latency,
    apiKey,
    connection,
    code,
    liveData,
    lenses,
    createStatusBar(connection),
    ...registerCommands({ panels, latency, connection, code, liveData, extensionPath: context.extensionPath }),
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerHoverProvider(selector, new InsightHoverProvider(lensModel, liveData)),
    liveData.onDidChange(() => lenses.refresh()),
    code.onDidChange(() => lenses.refresh()),
    vscode.window.registerWebviewPanelSerializer(FLAMEGRAPH_VIEW_TYPE, new FlamegraphSerializer(panels, (state) => restoreRequest(state, connection))),
    vscode.window.registerCustomEditorProvider(PROFILE_EDITOR_VIEW_TYPE, new ProfileEditorProvider(panels), {
      supportsMultipleEditorsPerDocument: true,
      webviewOptions: { retainContextWhenHidden: false },
    }),
  );
  const activationMs = Date.now() - started;
  log().info(`Flamelens ${context.extension.packageJSON.version} activated in ${activationMs} ms`);
  return { flamegraphs: panels, latency, liveData, code, activationMs };
}

export function deactivate(): void {
  disposeLog();
}
