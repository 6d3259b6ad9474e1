// Builds the extension, CLI and webview bundles with esbuild (and copies the wasm files they load at run time).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  minify,
  logLevel: 'warning',
  absWorkingDir: root,
};

const builds = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // The live sources (gRPC, Kubernetes client) are a bundle of their own, required on first use, so activation stays cheap.
  { ...node, entryPoints: { sources: 'src/sources/index.ts' }, outdir: 'dist' },
  // The workspace index (tree-sitter) likewise loads only when a frame is opened or a lens is asked for.
  { ...node, entryPoints: { workspace: 'src/workspace/index.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist' },
  // Big profile files are read by worker threads; a worker needs a file of its own beside the bundles.
  { ...node, entryPoints: { ingestWorker: 'src/core/formats/ingestWorker.ts' }, outdir: 'dist' },
  {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: true,
    minify,
    logLevel: 'warning',
    absWorkingDir: root,
    entryPoints: { main: 'webview/main.ts', ...(existsSync(join(root, 'webview/latency/main.ts')) ? { latency: 'webview/latency/main.ts' } : {}) },
    outdir: 'dist/webview',
    loader: { '.css': 'css', '.woff2': 'file', '.ttf': 'file' },
  },
];

// Test bundles: the host suite runs inside the real extension host, so it is bundled like the extension.
if (existsSync(join(root, 'test/host/index.ts'))) {
  // Never minified: failures must point at readable test code, whatever `npm run package` asked for.
  builds.push({ ...node, minify: false, entryPoints: { index: 'test/host/index.ts' }, outdir: 'out/test/host', external: ['vscode', 'mocha'] });
}

mkdirSync(join(root, 'dist'), { recursive: true });
// Files the bundles load by path at run time: wasm of bundled libraries, the Vizier .proto, the PxL scripts.
const resources = [
  ['node_modules/source-map/lib/mappings.wasm', 'dist/mappings.wasm'],
  ['src/sources/pixie/proto', 'dist/proto'],
  ['src/sources/pixie/pxl', 'dist/pxl'],
  ...['tree-sitter.wasm', 'go', 'typescript', 'tsx', 'javascript', 'python', 'java', 'cpp', 'rust'].map((g) => {
    const file = g.endsWith('.wasm') ? g : `tree-sitter-${g}.wasm`;
    return [`node_modules/@vscode/tree-sitter-wasm/wasm/${file}`, `dist/wasm/${file}`];
  }),
];
mkdirSync(join(root, 'dist', 'wasm'), { recursive: true });
for (const [from, to] of resources) {
  if (existsSync(join(root, from))) cpSync(join(root, from), join(root, to), { recursive: true });
}

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
