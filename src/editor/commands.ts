// The extension's commands: always registered, each explaining what it needs when it cannot run yet.

import * as vscode from 'vscode';
import { fileProfileRequest } from './flamegraph/fileRequest';
import type { FlamegraphPanels } from './flamegraph/panels';
import { log } from './log';
import { pickProfileFile } from './profileFilePicker';
import { reportError } from './userError';

export interface CommandDeps {
  panels: FlamegraphPanels;
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

const commands: Record<string, CommandFactory> = {
  'flamelens.showFlamegraph': (deps) => async (uri?: unknown) => {
    try {
      // Until a live source answers, a saved profile is what there is to show.
      return await showFile(deps, uri instanceof vscode.Uri ? uri : undefined);
    } catch (err) {
      await reportError('Show Flamegraph', err);
      return false;
    }
  },
  'flamelens.openProfileFile': (deps) => async (uri?: unknown) => {
    try {
      return await showFile(deps, uri instanceof vscode.Uri ? uri : undefined);
    } catch (err) {
      await reportError('Open Profile File', err);
      return false;
    }
  },
  'flamelens.refresh': (deps) => async () => {
    const panel = deps.panels.activePanel;
    if (!panel) {
      void vscode.window.showInformationMessage('No flamegraph is open. Run "Flamelens: Show Flamegraph" first.');
      return false;
    }
    return panel.refresh();
  },
  'flamelens.showLog': () => () => log().show(true),
};

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(commands).map(([id, factory]) => vscode.commands.registerCommand(id, factory(deps)));
}
