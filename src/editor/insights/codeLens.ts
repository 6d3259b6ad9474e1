// CodeLens over route handlers (their endpoint's latency) and hot functions (their CPU share); a click focuses the flamegraph there.

import * as vscode from 'vscode';
import { log } from '../log';
import { defaultWindow, settings } from '../sources/sourceSettings';
import { cpuLensText, routeLensText } from './lensText';
import type { LensModel } from './lensModel';

export const LENS_LANGUAGES = ['go', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'java', 'cpp', 'c', 'rust'];

export class InsightLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly model: LensModel) {}

  /** Lenses change when the data or the index does, not on keystrokes. */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (document.uri.scheme !== 'file' || !settings().get<boolean>('codeLens.enabled', true)) return [];
    try {
      const lenses = await this.model.lensesFor(document.uri.fsPath);
      if (token.isCancellationRequested) return [];
      const window = defaultWindow().text;
      return lenses.map((lens) => {
        const range = new vscode.Range(lens.line, 0, lens.line, 0);
        if (lens.kind === 'route') {
          const focus = lens.route.handlerName;
          return new vscode.CodeLens(range, {
            title: routeLensText(lens.route.method, lens.route.path, lens.endpoint, window),
            tooltip: focus ? `Open the flamegraph focused on ${focus}` : 'Show service latency',
            command: focus ? 'flamelens.focusFunction' : 'flamelens.showServiceLatency',
            arguments: focus ? [focus] : [],
          });
        }
        return new vscode.CodeLens(range, {
          title: cpuLensText(lens.cost),
          tooltip: `Open the flamegraph focused on ${lens.cost.name}`,
          command: 'flamelens.focusFunction',
          arguments: [lens.cost.name],
        });
      });
    } catch (err) {
      log().warn(`CodeLens for ${document.uri.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
