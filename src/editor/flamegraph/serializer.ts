// Restores flamegraph panels after a window reload from the state the webview saved.

import * as vscode from 'vscode';
import type { FlamegraphViewState } from '../../../webview/protocol';
import type { FlamegraphPanels } from './panels';
import type { ProfileRequest } from './profileRequest';

export class FlamegraphSerializer implements vscode.WebviewPanelSerializer<FlamegraphViewState> {
  constructor(
    private readonly panels: FlamegraphPanels,
    private readonly requestFor: (state: FlamegraphViewState) => Promise<ProfileRequest | undefined>,
  ) {}

  async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: FlamegraphViewState | undefined): Promise<void> {
    const panel = this.panels.adopt(webviewPanel, state);
    const request = state ? await this.requestFor(state) : undefined;
    if (request) await panel.show(request);
    else await panel.showMessage('empty', 'This flamegraph was not saved with a source to reload. Run "Flamelens: Show Flamegraph" again.');
  }
}
