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
    const panel = vscode.env.uiKind === vscode.UIKind.Web ? this.replace(webviewPanel, state) : this.panels.adopt(webviewPanel, state);
    const request = state ? await this.requestFor(state) : undefined;
    if (request) await panel.show(request);
    else await panel.showMessage('empty', 'This flamegraph was not saved with a source to reload. Run "Flamelens: Show Flamegraph" again.');
  }

  /**
   * code-server serves webviews from the workbench's own origin; a webview it restores after a reload
   * waits for a service-worker controller change that never comes and stays blank. A new panel in the
   * same column loads normally, so in the browser the restored one is swapped for a fresh one.
   */
  private replace(restored: vscode.WebviewPanel, state: FlamegraphViewState | undefined) {
    const column = restored.viewColumn ?? vscode.ViewColumn.Active;
    const fresh = vscode.window.createWebviewPanel(restored.viewType, restored.title, column, { retainContextWhenHidden: false });
    restored.dispose();
    return this.panels.adopt(fresh, state);
  }
}
