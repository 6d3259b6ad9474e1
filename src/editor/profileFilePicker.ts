// Asks the user for a saved profile file.

import * as vscode from 'vscode';

export const PROFILE_FILE_FILTERS: Record<string, string[]> = {
  'Profiles (folded, pprof, cpuprofile, Pixie JSON)': ['folded', 'collapsed', 'txt', 'pb', 'gz', 'cpuprofile', 'json', 'jsonl'],
  'All files': ['*'],
};

export async function pickProfileFile(title = 'Open a CPU profile'): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    canSelectFolders: false,
    openLabel: 'Show Flamegraph',
    filters: PROFILE_FILE_FILTERS,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}
