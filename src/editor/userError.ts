// Shows a failure once, at the edge: a clear message to the user, the detail in the log.

import * as vscode from 'vscode';
import { log } from './log';

export function isCancellation(err: unknown): boolean {
  if (err instanceof vscode.CancellationError) return true;
  const e = err as { name?: string; kind?: string } | undefined;
  return e?.name === 'AbortError' || e?.kind === 'cancelled';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Logs and shows `what: message`; cancellations are logged only (the user asked for them). */
export async function reportError(what: string, err: unknown): Promise<void> {
  if (isCancellation(err)) {
    log().info(`${what}: cancelled`);
    return;
  }
  const message = errorMessage(err);
  log().error(`${what}: ${message}`);
  const choice = await vscode.window.showErrorMessage(`${what}: ${message}`, 'Show Log');
  if (choice === 'Show Log') log().show(true);
}
