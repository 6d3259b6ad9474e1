// Runs a command as a user does, through the command palette in the browser (F1, type the title, Enter).
import * as vscode from 'vscode';
import { askRunner, requestsDir } from './runner';

let requests = 0;

/**
 * `title` is what the palette shows, e.g. "Flamelens: Show Log". Without a runner (desktop VS Code) it
 * falls back to executing `fallbackCommand`, so the test still checks the command's effect.
 */
export async function runFromCommandPalette(title: string, fallbackCommand: string): Promise<void> {
  const dir = requestsDir();
  if (!dir) {
    await vscode.commands.executeCommand(fallbackCommand);
    return;
  }
  requests += 1;
  await askRunner(dir, `palette-${process.pid}-${requests}`, { kind: 'palette', title });
}
