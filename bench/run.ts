// `npm run bench`: runs every benchmark in its own process (clean memory peaks), in order, and says which failed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const BENCHES: { file: string; what: string }[] = [
  { file: 'ingest.ts', what: 'Pixie rows ingested and aggregated: 100k and 1M rows (target 1M < 3 s)' },
  { file: 'stream.ts', what: 'streamed 1M-row Vizier result decoded and aggregated over loopback gRPC' },
  { file: 'webviewPaint.ts', what: 'first paint of a 200k-unique-stack profile in headless Chromium (target < 1.5 s)' },
  { file: 'activation.ts', what: 'extension bundle load and activate() (target < 100 ms)' },
  { file: 'workspaceIndex.ts', what: 'workspace index of 2,000 files; CodeLens of a 5,000-line file (target < 20 ms)' },
  { file: 'sampler.ts', what: "the local sampler's own CPU cost while the demo runs" },
];

const only = process.argv.slice(2);
const failed: string[] = [];
const started = Date.now();
for (const bench of BENCHES) {
  const name = bench.file.replace(/\.ts$/, '');
  if (only.length && !only.includes(name)) continue;
  const file = path.join(__dirname, bench.file);
  if (!existsSync(file)) {
    console.log(`\n## ${name}: missing (${bench.file})`);
    failed.push(name);
    continue;
  }
  console.log(`\n## ${name}: ${bench.what}`);
  const t0 = Date.now();
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], { stdio: 'inherit', cwd: path.join(__dirname, '..') });
  console.log(`(${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s, exit ${run.status})`);
  if (run.status !== 0) failed.push(name);
}
console.log(`\nbench: ${((Date.now() - started) / 1000).toFixed(0)} s${failed.length ? `; failed: ${failed.join(', ')}` : '; all ran'}`);
process.exitCode = failed.length ? 1 : 0;
