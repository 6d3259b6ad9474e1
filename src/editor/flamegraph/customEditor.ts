// "Open With… Flamelens": a read-only custom editor showing a profile file as a flamegraph.

import * as vscode from 'vscode';
import { fileProfileRequest } from './fileRequest';
import type { FlamegraphPanels } from './panels';

export const PROFILE_EDITOR_VIEW_TYPE = 'flamelens.profileViewer';

export class ProfileEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly panels: FlamegraphPanels) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, webviewPanel: vscode.WebviewPanel): Promise<void> {
    const panel = this.panels.adopt(webviewPanel);
    if (document.uri.scheme !== 'file') {
      await vscode.window.showErrorMessage(`Flamelens can only open profiles on disk, not ${document.uri.toString(true)}.`);
      return;
    }
    void panel.show(fileProfileRequest(document.uri.fsPath));
  }
}
