// Builds the Tinyhat services, launcher and load generator with esbuild (source maps on), skipping the work when dist/ is up to date.
import * as esbuild from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest } from '../../scripts/newest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const entryPoints = {
  frontend: 'src/frontend/main.ts',
  admin: 'src/admin/main.ts',
  manipulation: 'src/manipulation/main.ts',
  upload: 'src/upload/main.ts',
  launch: 'src/launch/main.ts',
  load: 'load.ts',
};

export async function buildTinyhat({ force = false } = {}) {
  const outputs = Object.keys(entryPoints).map((name) => join(here, 'dist', `${name}.js`));
  const inputs = [join(here, 'src'), join(here, 'load.ts'), join(here, 'build.mjs'), join(repo, 'src', 'sampler')];
  const oldestOutput = outputs.every(existsSync) ? Math.min(...outputs.map((o) => statSync(o).mtimeMs)) : 0;
  if (!force && oldestOutput > newest(inputs)) return false;
  await esbuild.build({
    absWorkingDir: here,
    entryPoints,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    // Libraries stay in node_modules: their frames keep their own paths, and better-sqlite3 is native.
    packages: 'external',
    logLevel: 'warning',
  });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildTinyhat({ force: process.argv.includes('--force') });
  process.stdout.write(built ? 'tinyhat: built examples/tinyhat/dist\n' : 'tinyhat: dist is up to date\n');
}
