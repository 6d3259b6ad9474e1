// Where the host-test runner finds the repo, its test inputs and the artifacts folder it writes to.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Gitignored: screenshots and logs of the last runs. */
export const artifactsDir = process.env.FLAMELENS_ARTIFACTS_ROOT || join(repoRoot, '.test-artifacts');
export const screenshotsDir = join(artifactsDir, 'screenshots');
export const logsDir = join(artifactsDir, 'logs');

/** The folder every host test session opens (copied, so tests may write into it). */
export const fixtureWorkspace = join(repoRoot, 'test', 'fixtures', 'workspace');

/** The compiled suite entry (`scripts/build.mjs` bundles test/host/index.ts there). */
export const hostSuiteEntry = join(repoRoot, 'out', 'test', 'host', 'index.js');

/** `Default Dark Modern` -> `default-dark-modern`, for file names. */
export function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
