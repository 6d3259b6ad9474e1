// Opens the source of a profile frame: straight there when certain, a quick pick when ambiguous, a plain message when not found.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Candidate } from '../../workspace';
import { log } from '../log';
import type { CodeIndex } from './codeIndex';

let highlightType: vscode.TextEditorDecorationType | undefined;

/** One decoration type for the landing line, made on the first jump. */
function highlight(): vscode.TextEditorDecorationType {
  highlightType ??= vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  return highlightType;
}

export async function openFrame(index: CodeIndex, frameName: string): Promise<vscode.TextEditor | undefined> {
  const resolution = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Flamelens: finding ${frameName}` },
    () => index.get().resolveFrame(frameName),
  );
  log().info(`open frame ${frameName}: ${resolution.candidates.length} candidate(s)${resolution.jump ? ', jumping' : ''}`);
  if (resolution.jump) return openLocation(resolution.jump);
  if (!resolution.candidates.length) {
    void vscode.window.showInformationMessage(resolution.message ?? `No definition of ${frameName} was found in this workspace.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    resolution.candidates.map((c) => ({ label: `${relative(c.file)}:${c.line}`, description: c.detail, candidate: c })),
    { title: `Flamelens: where is ${frameName}?`, placeHolder: 'Several definitions match this frame; pick one' },
  );
  return picked ? openLocation(picked.candidate) : undefined;
}

export async function openLocation(location: Pick<Candidate, 'file' | 'line' | 'column'>): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(location.file));
  const line = Math.max(0, Math.min(doc.lineCount - 1, location.line - 1));
  const pos = new vscode.Position(line, Math.max(0, location.column - 1));
  const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: true });
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  editor.setDecorations(highlight(), [new vscode.Range(line, 0, line, 0)]);
  setTimeout(() => editor.setDecorations(highlight(), []), 2500);
  return editor;
}

function relative(file: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  return folder ? path.relative(folder.uri.fsPath, file) : file;
}
