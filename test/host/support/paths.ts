// Paths the host tests use: the repo (for fixtures) and the workspace folder the session opened.
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The repo root: the runner passes it; otherwise derived from out/test/host/index.js. */
export function repoPath(...segments: string[]): string {
  const root = process.env.FLAMELENS_REPO || path.resolve(__dirname, '..', '..', '..');
  return path.join(root, ...segments);
}

/** A file under test/fixtures/. */
export function fixturePath(...segments: string[]): string {
  return repoPath('test', 'fixtures', ...segments);
}

/** The folder the window has open (a scratch copy of test/fixtures/workspace; tests may write into it). */
export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The test window has no workspace folder open; the runner opens test/fixtures/workspace.');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}
