// The host side of the runner's page-request handshake (see test/runner/page-requests.mjs): only the runner can reach the browser page.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { waitFor } from './wait';

/** Modifier keys as Playwright names them. */
export type Modifier = 'Alt' | 'Control' | 'ControlOrMeta' | 'Meta' | 'Shift';

export type PageRequest =
  | { kind: 'screenshot' }
  | { kind: 'palette'; title: string }
  /** A click on the first visible match of `selector` in a shown webview. */
  | { kind: 'webviewClick'; selector: string; modifiers?: Modifier[]; timeoutMs?: number }
  /** Reads the shown quick pick (answered with a ShownQuickPick); with `pick`, then clicks the row with that label. */
  | { kind: 'quickPick'; pick?: string; timeoutMs?: number }
  /** The texts of the visible workbench elements matching `selector` (answered with string[]). */
  | { kind: 'read'; selector: string }
  | { kind: 'press'; key: string };

/** A quick pick as the user sees it. */
export interface ShownQuickPick {
  title: string;
  placeholder: string;
  items: { label: string; description: string; ariaLabel: string }[];
}

/** The folder the runner serves this session's requests in; undefined when no runner does (desktop VS Code via @vscode/test-electron). */
export function requestsDir(): string | undefined {
  return process.env.FLAMELENS_TEST_REQUESTS || undefined;
}

/**
 * Writes `<name>.req` and waits until the runner has done it; resolves with what the runner read (for the kinds
 * that read, else undefined); throws the runner's reason if it could not.
 */
export async function askRunner<T = unknown>(dir: string, name: string, request: PageRequest, timeoutMs = 30_000): Promise<T | undefined> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`Request name "${name}" must be a plain file name (letters, digits, ".", "_", "-").`);
  }
  const done = path.join(dir, `${name}.done`);
  const failed = path.join(dir, `${name}.err`);
  rmSync(done, { force: true });
  rmSync(failed, { force: true });
  // Written aside and renamed: the runner polls the folder and must never read a half-written request.
  const pending = path.join(dir, `${name}.req.tmp`);
  writeFileSync(pending, JSON.stringify(request));
  renameSync(pending, path.join(dir, `${name}.req`));
  await waitFor(`the test runner to serve ${request.kind} request "${name}"`, () => existsSync(done) || existsSync(failed), { timeoutMs });
  if (existsSync(failed)) {
    const reason = readFileSync(failed, 'utf8').trim();
    rmSync(failed, { force: true });
    throw new Error(`The test runner could not serve ${request.kind} request "${name}": ${reason}`);
  }
  const answer = readFileSync(done, 'utf8');
  rmSync(done, { force: true });
  return answer ? (JSON.parse(answer) as T) : undefined;
}
