// Benchmark: Pixie flamegraph rows read from disk and aggregated, as JSONL (`px run -o json`) and folded (Pixie UI export): time and peak memory (target: 1M rows < 3 s).
//
//   npx tsx bench/ingest.ts                   100k and 1M rows, JSONL and folded
//   npx tsx bench/ingest.ts 1000000 jsonl     one size, one format
//
// What is measured is what ships: readProfileFile bundled with esbuild, with the ingest
// worker bundled next to it (as dist/cli.js and dist/ingestWorker.js are). Each file is
// read three ways: as readProfileFile chooses (on workers when the file is big and cores
// are free), forced onto workers, and forced onto one thread. Every run is a child process of its own, so
// memory peaks are its own; CPU counts all threads.
// The generated files are kept in .bench/ (git-ignored) and reused; delete them to regenerate.

import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { readProfileFile } from '../src/core/formats/readProfileFile';
import { defaultIngestPlan } from '../src/core/formats/readInWorkers';
import { k8sFrames } from '../src/core/k8sContext';
import { GenerateOptions, pixieRows, writePixieJsonl } from './generate';

export const INGEST_TARGET_MS = 3000;
const TARGET_ROWS = 1_000_000;

const SIZES = [
  { rows: 100_000, uniqueStacks: 20_000, runs: 3 },
  { rows: 1_000_000, uniqueStacks: 200_000, runs: 3 },
];

/** `default`: what readProfileFile does by itself (workers when cores are free, see spareCores); the others are forced. */
type Mode = 'default' | 'workers' | 'one thread';
const MODES: Mode[] = ['default', 'workers', 'one thread'];
type FileFormat = 'jsonl' | 'folded';
const FORMATS: FileFormat[] = ['jsonl', 'folded'];

interface Measurement {
  ms: number;
  cpuMs: number;
  uniqueStacks: number;
  samples: number;
  peakRssMb: number;
  baseRssMb: number;
  load: number;
}

const MB = 2 ** 20;
const ROOT = join(__dirname, '..');
const OUT = join(ROOT, '.bench', 'ingest');

async function child(path: string, mode: Mode): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage.rss();
  let peakRss = base;
  const sample = (): void => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  };
  // Workers leave this thread idle, so the timer sees their peak; on one thread the reader yields between chunks.
  const timer = setInterval(sample, 5);
  const load = loadavg()[0];
  const cpu = process.cpuUsage();
  const start = performance.now();
  const forced = mode === 'workers' ? { onlySpareCores: false, minParallelBytes: 0 } : { workers: 1 };
  const plan = mode === 'default' ? defaultIngestPlan() : { ...defaultIngestPlan(), ...forced };
  const profile = await readProfileFile(path, { onProgress: sample }, plan);
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
    baseRssMb: base / MB,
    load,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** This file and the ingest worker bundled side by side, as the extension and CLI ship them. */
function bundle(): string {
  buildSync({
    entryPoints: { 'ingest-child': join(__dirname, 'ingest.ts'), ingestWorker: join(ROOT, 'src/core/formats/ingestWorker.ts') },
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['esbuild'],
    logLevel: 'warning',
  });
  return join(OUT, 'ingest-child.js');
}

/** The same rows as Pixie's UI exports them: one folded line per row, k8s frames first. */
async function writePixieFolded(path: string, options: GenerateOptions): Promise<void> {
  const out = createWriteStream(path);
  let lines: string[] = [];
  for (const row of pixieRows(options)) {
    const k8s = k8sFrames({ node: row.node, namespace: row.namespace, pod: row.pod.slice(row.pod.indexOf('/') + 1), container: row.container, process: row.cmdline });
    lines.push(`${[...k8s, row.stack_trace].join(';')} ${row.count}\n`);
    if (lines.length === 10_000) {
      if (!out.write(lines.join(''))) await once(out, 'drain');
      lines = [];
    }
  }
  out.end(lines.join(''));
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.map(Number).filter((n) => n > 0);
  const formats = FORMATS.filter((f) => !args.some((a) => (FORMATS as string[]).includes(a)) || args.includes(f));
  const dir = join(ROOT, '.bench');
  mkdirSync(dir, { recursive: true });
  const script = bundle();
  const table: string[][] = [['rows', 'format', 'read on', 'unique stacks', 'file MB', 'wall s (best)', 'CPU s', 'peak RSS MB', 'load', 'target']];
  let failed = false;

  console.log(`machine: ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} (timings are wall clock; a busy machine slows them)`);
  for (const size of SIZES) {
    if (only.length && !only.includes(size.rows)) continue;
    for (const format of formats) {
      const file = join(dir, `pixie-rows-${size.rows}-${size.uniqueStacks}.${format}`);
      if (!existsSync(file)) {
        const t = performance.now();
        const options = { rows: size.rows, uniqueStacks: size.uniqueStacks };
        await (format === 'jsonl' ? writePixieJsonl(file, options) : writePixieFolded(file, options));
        console.log(`generated ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      const runs = new Map<Mode, Measurement[]>(MODES.map((m) => [m, []]));
      // Modes alternate, so a burst of load elsewhere on the machine hits both alike.
      for (let i = 0; i < size.runs; i++) {
        for (const mode of MODES) {
          const run = spawnSync(process.execPath, ['--expose-gc', script, '--child', file, mode], { encoding: 'utf8', maxBuffer: MB });
          if (run.status !== 0) {
            console.error(`ingest of ${size.rows} ${format} rows (${mode}) failed:\n${run.stderr}`);
            process.exitCode = 1;
            return;
          }
          const m = JSON.parse(run.stdout.trim().split('\n').pop()!) as Measurement;
          console.log(
            `  ${size.rows.toLocaleString('en-US')} ${format} rows, ${mode}, run ${i + 1}: ${(m.ms / 1000).toFixed(2)} s wall, ${(m.cpuMs / 1000).toFixed(2)} s CPU, peak RSS ${m.peakRssMb.toFixed(0)} MB, load ${m.load.toFixed(1)}`,
          );
          runs.get(mode)!.push(m);
        }
      }
      for (const mode of MODES) {
        const list = runs.get(mode)!;
        const best = list.reduce((a, b) => (b.ms < a.ms ? b : a));
        let verdict = '';
        if (size.rows === TARGET_ROWS && mode === 'default') {
          const pass = best.ms < INGEST_TARGET_MS;
          failed ||= !pass;
          verdict = `${pass ? 'PASS' : 'FAIL'} (< ${INGEST_TARGET_MS / 1000} s)`;
        }
        table.push([
          size.rows.toLocaleString('en-US'),
          format,
          mode,
          best.uniqueStacks.toLocaleString('en-US'),
          (statSync(file).size / MB).toFixed(0),
          (best.ms / 1000).toFixed(2),
          (best.cpuMs / 1000).toFixed(2),
          Math.max(...list.map((r) => r.peakRssMb)).toFixed(0),
          best.load.toFixed(1),
          verdict,
        ]);
      }
    }
  }
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  console.log('');
  for (const row of table) console.log(row.map((cell, c) => (c <= 2 || c === 9 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (failed) process.exitCode = 1;
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4] as Mode).catch((err) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exitCode = 1;
  });
} else {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exitCode = 1;
  });
}
