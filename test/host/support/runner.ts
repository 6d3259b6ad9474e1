// The host side of the runner's page-request handshake (see test/runner/page-requests.mjs): only the runner can reach the browser page.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { waitFor } from './wait';

export type PageRequest = { kind: 'screenshot' } | { kind: 'palette'; title: string };

/** The folder the runner serves this session's requests in; undefined when no runner does (desktop VS Code via @vscode/test-electron). */
export function requestsDir(): string | undefined {
  return process.env.FLAMELENS_TEST_REQUESTS || undefined;
}

/** Writes `<name>.req` and waits until the runner has done it; throws the runner's reason if it could not. */
export async function askRunner(dir: string, name: string, request: PageRequest, timeoutMs = 30_000): Promise<void> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`Request name "${name}" must be a plain file name (letters, digits, ".", "_", "-").`);
  }
  const done = path.join(dir, `${name}.done`);
  const failed = path.join(dir, `${name}.err`);
  rmSync(done, { force: true });
  rmSync(failed, { force: true });
  writeFileSync(path.join(dir, `${name}.req`), JSON.stringify(request));
  await waitFor(`the test runner to serve ${request.kind} request "${name}"`, () => existsSync(done) || existsSync(failed), { timeoutMs });
  if (existsSync(failed)) {
    const reason = readFileSync(failed, 'utf8').trim();
    rmSync(failed, { force: true });
    throw new Error(`The test runner could not serve ${request.kind} request "${name}": ${reason}`);
  }
  rmSync(done, { force: true });
}
