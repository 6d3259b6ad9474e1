#!/usr/bin/env node
// Checks the packed artifact: installs flamelens-<version>.vsix into code-server as a user would and runs the `@vsix` host tests against that copy.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installExtension } from './code-server.mjs';
import { runHostSession } from './host-session.mjs';
import { hostSuiteEntry, repoRoot } from './paths.mjs';

/** What must never ship in the .vsix: sources, tests, dependencies (the bundles hold what is needed). */
const FORBIDDEN_TOP_LEVEL = ['node_modules', 'src', 'test', 'out', 'bench', 'scripts', 'examples', '.test-artifacts', '.git'];
const MAX_INSTALLED_BYTES = 30 * 1024 * 1024;

/** FLAMELENS_VSIX names a .vsix built elsewhere; by default it is the one `npm run package` writes. */
function expectedVsix() {
  if (process.env.FLAMELENS_VSIX) {
    if (!existsSync(process.env.FLAMELENS_VSIX)) throw new Error(`FLAMELENS_VSIX=${process.env.FLAMELENS_VSIX} does not exist`);
    return process.env.FLAMELENS_VSIX;
  }
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const file = join(repoRoot, `${name}-${version}.vsix`);
  if (!existsSync(file)) {
    const others = readdirSync(repoRoot).filter((entry) => entry.endsWith('.vsix'));
    const seen = others.length ? ` (found only: ${others.join(', ')})` : '';
    throw new Error(`${file} is missing${seen}: build it with \`npm run package\` (npm test does this before test:host).`);
  }
  return file;
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** Looks at what the install put on disk: the extension's entry exists and nothing that should stay out got in. */
function inspectInstalled(extensionsDir, vsix) {
  const folders = readdirSync(extensionsDir).filter((entry) => entry.startsWith('flamelens.flamelens-'));
  if (folders.length !== 1) throw new Error(`installing ${vsix} left ${folders.length} flamelens folders in ${extensionsDir}, expected 1`);
  const installed = join(extensionsDir, folders[0]);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const main = join(installed, manifest.main);
  if (!existsSync(main)) throw new Error(`the .vsix lacks its entry point ${manifest.main}: check .vscodeignore and the build`);
  const shipped = FORBIDDEN_TOP_LEVEL.filter((entry) => existsSync(join(installed, entry)));
  if (shipped.length) throw new Error(`the .vsix ships ${shipped.join(', ')}: exclude them in .vscodeignore`);
  const files = filesUnder(installed);
  const maps = files.filter((file) => file.endsWith('.map'));
  if (maps.length) throw new Error(`the .vsix ships source maps (${relative(installed, maps[0])}, ...): exclude them in .vscodeignore`);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  if (bytes > MAX_INSTALLED_BYTES) throw new Error(`the installed extension is ${(bytes / 1e6).toFixed(1)} MB, over ${MAX_INSTALLED_BYTES / 1e6} MB: something unbundled got packed`);
  console.log(`[runner] vsix: installed ${folders[0]}: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB`);
  return installed;
}

function firstTheme() {
  const list = process.env.FLAMELENS_TEST_THEME || process.env.FLAMELENS_TEST_THEMES || '';
  return list.split(',')[0].trim() || undefined;
}

/** Resolves with 0 when the .vsix installs, looks right on disk, and its `@vsix` host tests pass. */
export async function runVsixTest({ theme } = {}) {
  let vsix;
  try {
    vsix = expectedVsix();
  } catch (error) {
    console.error(`[runner] vsix: ${error.message}`);
    return 1;
  }
  return runHostSession({
    label: 'vsix',
    theme: theme ?? firstTheme(),
    // No development path: the only Flamelens in this window is the installed one.
    testsPath: hostSuiteEntry,
    grep: '@vsix',
    env: { FLAMELENS_SCREENSHOT_PREFIX: 'vsix-' },
    async prepare(sandbox) {
      const started = Date.now();
      await installExtension({ vsix, extensionsDir: sandbox.dirs.extensions, userDataDir: sandbox.dirs.userData, env: sandbox.env });
      console.log(`[runner] vsix: code-server --install-extension ${relative(repoRoot, vsix)} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
      inspectInstalled(sandbox.dirs.extensions, vsix);
    },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(await runVsixTest());
}
