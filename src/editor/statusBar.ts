// The status bar item: where profiles come from and over what window, e.g. `$(flame) local · 5m`.

import * as vscode from 'vscode';
import type { SourceConnection } from './sources/connection';
import { defaultWindow, sourceLabel } from './sources/sourceSettings';

export function createStatusBar(connection: SourceConnection): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('flamelens.source', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Flamelens';
  item.command = 'flamelens.showFlamegraph';
  const update = () => {
    const window = defaultWindow().text;
    item.text = `$(flame) ${sourceLabel()} · ${window}`;
    const tip = new vscode.MarkdownString(
      `**Flamelens**\n\nSource: ${sourceLabel()}\n\nWindow: ${window}\n\n[Show Flamegraph](command:flamelens.showFlamegraph) · [Service Latency](command:flamelens.showServiceLatency) · [Select Cluster](command:flamelens.selectCluster)`,
    );
    tip.isTrusted = { enabledCommands: ['flamelens.showFlamegraph', 'flamelens.showServiceLatency', 'flamelens.selectCluster'] };
    item.tooltip = tip;
    item.show();
  };
  update();
  const sub = connection.onDidChange(update);
  return vscode.Disposable.from(item, sub);
}
