// Benchmark: Pixie flamegraph rows (`px run -o json` JSONL) read from disk and aggregated: time and peak memory (target: 1M rows < 3 s).
//
//   npx tsx bench/ingest.ts            100k and 1M rows
//   npx tsx bench/ingest.ts 1000000    one size
//
// Each size runs in its own child process so memory peaks are its own. The generated
// files are kept in .bench/ (git-ignored) and reused; delete them to regenerate.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { readProfileFile } from '../src/core/formats/readProfileFile';
import { writePixieJsonl } from './generate';

export const INGEST_TARGET_MS = 3000;
const TARGET_ROWS = 1_000_000;

const SIZES = [
  { rows: 100_000, uniqueStacks: 20_000, runs: 3 },
  { rows: 1_000_000, uniqueStacks: 200_000, runs: 2 },
];

interface Measurement {
  ms: number;
  cpuMs: number;
  uniqueStacks: number;
  samples: number;
  peakRssMb: number;
  peakHeapMb: number;
  baseRssMb: number;
}

const MB = 2 ** 20;

async function child(path: string): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = (): void => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  const timer = setInterval(sample, 5);
  const cpu = process.cpuUsage();
  const start = performance.now();
  let chunks = 0;
  const profile = await readProfileFile(path, {
    // The reader yields to the event loop between chunks, but sample here too to be sure of the peak.
    onProgress: () => ++chunks % 4 === 0 && sample(),
  });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  sample();
  clearInterval(timer);
  const result: Measurement = {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    uniqueStacks: profile.stacks.length,
    samples: profile.totalSamples,
    peakRssMb: peakRss / MB,
    peakHeapMb: peakHeap / MB,
    baseRssMb: base.rss / MB,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const dir = join(__dirname, '..', '.bench');
  mkdirSync(dir, { recursive: true });
  const execArgv = process.execArgv.includes('--expose-gc') ? process.execArgv : ['--expose-gc', ...process.execArgv];
  const table: string[][] = [['rows', 'unique stacks', 'file MB', 'read+aggregate s (best)', 'CPU s', 'peak RSS MB', 'peak heap MB', 'target']];
  let failed = false;

  console.log(`machine: ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} (timings are wall clock; a busy machine slows them)`);
  for (const size of SIZES) {
    if (only.length && !only.includes(size.rows)) continue;
    const file = join(dir, `pixie-rows-${size.rows}-${size.uniqueStacks}.jsonl`);
    if (!existsSync(file)) {
      const t = performance.now();
      await writePixieJsonl(file, { rows: size.rows, uniqueStacks: size.uniqueStacks });
      console.log(`generated ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const runs: Measurement[] = [];
    for (let i = 0; i < size.runs; i++) {
      const run = spawnSync(process.execPath, [...execArgv, __filename, '--child', file], { encoding: 'utf8', maxBuffer: MB });
      if (run.status !== 0) {
        console.error(`ingest of ${size.rows} rows failed:\n${run.stderr}`);
        process.exitCode = 1;
        return;
      }
      const m = JSON.parse(run.stdout.trim().split('\n').pop()!) as Measurement;
      console.log(
        `  ${size.rows.toLocaleString('en-US')} rows, run ${i + 1}: ${(m.ms / 1000).toFixed(2)} s wall, ${(m.cpuMs / 1000).toFixed(2)} s CPU, peak RSS ${m.peakRssMb.toFixed(0)} MB`,
      );
      runs.push(m);
    }
    const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const peakRss = Math.max(...runs.map((r) => r.peakRssMb));
    const peakHeap = Math.max(...runs.map((r) => r.peakHeapMb));
    let verdict = '';
    if (size.rows === TARGET_ROWS) {
      const pass = best.ms < INGEST_TARGET_MS;
      failed ||= !pass;
      verdict = `${pass ? 'PASS' : 'FAIL'} (< ${INGEST_TARGET_MS / 1000} s)`;
    }
    table.push([
      size.rows.toLocaleString('en-US'),
      best.uniqueStacks.toLocaleString('en-US'),
      (statSync(file).size / MB).toFixed(0),
      (best.ms / 1000).toFixed(2),
      (best.cpuMs / 1000).toFixed(2),
      peakRss.toFixed(0),
      peakHeap.toFixed(0),
      verdict,
    ]);
  }
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  console.log('');
  for (const row of table) console.log(row.map((cell, c) => (c === 0 || c === 7 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (failed) process.exitCode = 1;
}

if (process.argv[2] === '--child') {
  child(process.argv[3]).catch((err) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exitCode = 1;
  });
} else {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exitCode = 1;
  });
}
