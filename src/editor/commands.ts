// The extension's commands: always registered, each explaining what it needs when it cannot run yet.

import * as vscode from 'vscode';
import { showClusterPicker } from './clusterPicker';
import type { CodeIndex } from './code/codeIndex';
import { openFrame, openLocation } from './code/jumpToSource';
import type { LiveData } from './insights/liveData';
import { fileProfileRequest } from './flamegraph/fileRequest';
import { liveProfileRequest } from './flamegraph/liveRequest';
import type { FlamegraphPanels } from './flamegraph/panels';
import type { LatencyPanels } from './latency/latencyPanels';
import { log } from './log';
import { pickScope, pickWindow } from './pickers';
import { pickProfileFile } from './profileFilePicker';
import { isUnavailable, SourceConnection } from './sources/connection';
import { reportError } from './userError';
import { routeMatchesPath } from '../core/routeLatency';
import { defaultWindow } from './sources/sourceSettings';
import { windowForStartTime } from '../sources/pixie/scripts';

export interface CommandDeps {
  panels: FlamegraphPanels;
  latency: LatencyPanels;
  connection: SourceConnection;
  code: CodeIndex;
  liveData: LiveData;
  extensionPath: string;
}

type CommandFactory = (deps: CommandDeps) => (...args: unknown[]) => unknown;

/** Opens a profile file in the live flamegraph panel; asks for the file when none is given. */
async function showFile(deps: CommandDeps, uri: vscode.Uri | undefined): Promise<boolean> {
  const target = uri ?? (await pickProfileFile());
  if (!target) return false;
  if (target.scheme !== 'file') {
    void vscode.window.showErrorMessage(`Flamelens can only open profiles on disk, not ${target.toString(true)}.`);
    return false;
  }
  return deps.panels.livePanel().show(fileProfileRequest(target.fsPath));
}

/** Arguments that skip the pickers (keybindings, CodeLens, tests): `{ window: '5m', namespace: 'default' }`. */
export interface ShowFlamegraphArgs {
  window?: string;
  namespace?: string;
  pod?: string;
}

/** Show Flamegraph from the live source: window, then scope, then the script with a cancellable progress. */
async function showLive(deps: CommandDeps, args: ShowFlamegraphArgs = {}): Promise<boolean> {
  const source = await deps.connection.current();
  if (isUnavailable(source)) {
    // With no live source yet, a saved profile is what there is to show.
    log().info(`Show Flamegraph: ${source.unavailable} Asking for a file instead.`);
    return showFile(deps, undefined);
  }
  const window = args.window ? parseWindowArg(args.window) : await pickWindow();
  if (!window) return false;
  const scope = args.window
    ? { namespace: args.namespace, pod: args.pod, label: args.pod ? `pod ${args.pod}` : args.namespace ? `namespace ${args.namespace}` : 'cluster' }
    : await pickScope(source, deps.extensionPath, deps.panels.knownNamespaces());
  if (!scope) return false;
  return deps.panels.livePanel().show(liveProfileRequest(source, window, scope), { namespace: scope.namespace });
}

function isArgs(x: unknown): x is ShowFlamegraphArgs {
  return typeof x === 'object' && x !== null && !(x instanceof vscode.Uri);
}

function parseWindowArg(text: string): { text: string; seconds: number } {
  const seconds = windowForStartTime(text);
  if (!seconds) throw new Error(`'${text}' is not a time window (e.g. 30s, 5m, 1h).`);
  return { text: text.replace(/^-/, ''), seconds };
}

const commands: Record<string, CommandFactory> = {
  'flamelens.showFlamegraph': (deps) => async (uri?: unknown) => {
    try {
      if (uri instanceof vscode.Uri) return await showFile(deps, uri);
      return await showLive(deps, isArgs(uri) ? uri : {});
    } catch (err) {
      void reportError('Show Flamegraph', err);
      return false;
    }
  },
  'flamelens.openProfileFile': (deps) => async (uri?: unknown) => {
    try {
      return await showFile(deps, uri instanceof vscode.Uri ? uri : undefined);
    } catch (err) {
      void reportError('Open Profile File', err);
      return false;
    }
  },
  'flamelens.refresh': (deps) => async () => {
    void deps.liveData.refresh();
    const panel = deps.panels.activePanel;
    if (panel) return panel.refresh();
    if (deps.latency.current) return deps.latency.current.refresh();
    void vscode.window.showInformationMessage('Nothing to refresh: run "Flamelens: Show Flamegraph" or "Flamelens: Show Service Latency" first.');
    return false;
  },
  'flamelens.showServiceLatency': (deps) => async (args?: unknown) => {
    try {
      const source = await deps.connection.current();
      if (isUnavailable(source)) {
        const choice = await vscode.window.showWarningMessage(`Service latency needs a live source. ${source.unavailable}`, ...(source.fix ? [source.fix.title] : []));
        if (choice && source.fix) await vscode.commands.executeCommand(source.fix.command, 'flamelens');
        return false;
      }
      const window = isArgs(args) && args.window ? parseWindowArg(args.window) : await pickWindow();
      if (!window) return false;
      return await deps.latency.show(source, window);
    } catch (err) {
      void reportError('Show Service Latency', err);
      return false;
    }
  },
  'flamelens.selectCluster': (deps) => async () => {
    try {
      return await showClusterPicker(deps.extensionPath);
    } catch (err) {
      void reportError('Select Cluster', err);
      return false;
    }
  },
  'flamelens.setPixieApiKey': (deps) => async () => {
    const stored = await deps.connection.apiKey.prompt();
    if (stored) {
      log().info('Pixie API key stored in secret storage');
      void vscode.window.showInformationMessage('Pixie API key saved in VS Code\'s secret storage.');
    }
    return stored;
  },
  'flamelens.clearPixieApiKey': (deps) => async () => {
    await deps.connection.apiKey.clear();
    log().info('Pixie API key removed from secret storage');
    void vscode.window.showInformationMessage('Pixie API key removed.');
    return true;
  },
  'flamelens.showLog': () => () => log().show(true),
  'flamelens.openFrame': (deps) => async (name?: unknown) => {
    if (typeof name !== 'string' || !name) return undefined;
    try {
      return await openFrame(deps.code, name);
    } catch (err) {
      void reportError(`Go to source of ${name}`, err);
      return undefined;
    }
  },
  'flamelens.focusFunction': (deps) => async (name?: unknown) => {
    if (typeof name !== 'string' || !name) return false;
    let panel = deps.panels.panelWithProfile();
    if (!panel) {
      // No flamegraph open yet: show the live one (the window from the settings, whole cluster), then focus.
      const source = await deps.connection.current();
      if (isUnavailable(source)) {
        void vscode.window.showInformationMessage(`Open a flamegraph first: ${source.unavailable}`);
        return false;
      }
      panel = deps.panels.livePanel();
      const window = defaultWindow();
      if (!(await panel.show(liveProfileRequest(source, window, { label: 'cluster' })))) return false;
    }
    await panel.focusFunction(name);
    return true;
  },
  'flamelens.openRoute': (deps) => async (method?: unknown, routePath?: unknown) => {
    if (typeof method !== 'string' || typeof routePath !== 'string') return undefined;
    const routes = await deps.code.get().index.routes();
    const matches = routes.filter((r) => (r.method === method || r.method === 'ANY') && routeMatchesPath(r.path, routePath));
    const places = matches.map((r) => r.handlerLocation ?? { file: r.file, line: r.line, column: r.column });
    if (!places.length) {
      void vscode.window.showInformationMessage(`No handler for ${method} ${routePath} was found in this workspace.`);
      return undefined;
    }
    if (places.length === 1) return openLocation(places[0]);
    const picked = await vscode.window.showQuickPick(
      places.map((p, i) => ({ label: `${vscode.workspace.asRelativePath(p.file)}:${p.line}`, description: matches[i].handlerName, place: p })),
      { title: `Flamelens: handlers of ${method} ${routePath}` },
    );
    return picked ? openLocation(picked.place) : undefined;
  },
};

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(commands).map(([id, factory]) => vscode.commands.registerCommand(id, factory(deps)));
}
