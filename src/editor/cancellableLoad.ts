// Runs a load under a cancellable progress notification; cancelling the notification or the token aborts it.

import * as vscode from 'vscode';
import { abortSignalFor } from './cancellation';

export interface LoadProgress {
  signal: AbortSignal;
  /** A message and, when known, the fraction done (0..1). */
  report(message: string, fraction?: number): void;
}

/** Throws vscode.CancellationError when `cts` was cancelled, even if the load finished anyway. */
export async function cancellableLoad<T>(title: string, cts: vscode.CancellationTokenSource, load: (p: LoadProgress) => Promise<T>): Promise<T> {
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const sub = token.onCancellationRequested(() => cts.cancel());
    const abort = abortSignalFor(cts.token);
    let last = 0;
    try {
      return await load({
        signal: abort.signal,
        report: (message, fraction) => {
          const pct = fraction === undefined ? undefined : Math.round(fraction * 100);
          progress.report({ message, increment: pct === undefined ? undefined : Math.max(0, pct - last) });
          if (pct !== undefined) last = Math.max(last, pct);
        },
      });
    } finally {
      abort.dispose();
      sub.dispose();
    }
  });
  if (cts.token.isCancellationRequested) throw new vscode.CancellationError();
  return result;
}
