// Benchmark: the local sampler's own CPU cost (CPU time / wall time, with and without its perf children) while the
// Tinyhat demo runs under load, and what the demo and its load do to the machine's idle time.
//
// Phases of `seconds` each: nothing of ours running (baseline idle), demo + sampler without load, demo + sampler
// with the load generator. CPU is read from /proc deltas after each process is up, so start-up is not counted.
// Run: npx tsx bench/sampler.ts [seconds]

import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { readManifest } from '../src/sampler/manifest';

const ROOT = resolve(__dirname, '..');
const TINYHAT = join(ROOT, 'examples', 'tinyhat');
const TICKS_PER_SECOND = 100;

export interface PhaseResult {
  phase: string;
  seconds: number;
  /** Share of both cores idle over the phase (whole machine, other users included). */
  machineIdle: number;
  loadAverage: number;
  /** Sampler process alone: CPU seconds per wall second (1 = one full core). */
  samplerCpu?: number;
  /** Sampler including the perf record / perf script processes it ran. */
  samplerWithChildrenCpu?: number;
  servicesCpu?: number;
  loadGeneratorCpu?: number;
}

interface CpuReading {
  own: number;
  children: number;
}

function processCpu(pid: number): CpuReading {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  return { own: (f[11] + f[12]) / TICKS_PER_SECOND, children: (f[13] + f[14]) / TICKS_PER_SECOND };
}

function machineTicks(): { idle: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: cpu[3] + cpu[4], total: cpu.reduce((a, b) => a + b, 0) };
}

async function measurePhase(phase: string, seconds: number, pids: { sampler?: number; services?: number[]; load?: number }): Promise<PhaseResult> {
  const read = () => ({
    machine: machineTicks(),
    sampler: pids.sampler ? processCpu(pids.sampler) : undefined,
    services: (pids.services ?? []).map(processCpu),
    load: pids.load ? processCpu(pids.load) : undefined,
    at: performance.now(),
  });
  const before = read();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const after = read();
  const wall = (after.at - before.at) / 1000;
  const per = (a?: CpuReading, b?: CpuReading, withChildren = false) =>
    a && b ? (b.own - a.own + (withChildren ? b.children - a.children : 0)) / wall : undefined;
  return {
    phase,
    seconds: wall,
    machineIdle: (after.machine.idle - before.machine.idle) / (after.machine.total - before.machine.total),
    loadAverage: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
    samplerCpu: per(before.sampler, after.sampler),
    samplerWithChildrenCpu: per(before.sampler, after.sampler, true),
    servicesCpu: before.services.length ? before.services.reduce((n, s, i) => n + (after.services[i].own - s.own), 0) / wall : undefined,
    loadGeneratorCpu: per(before.load, after.load),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function waitFor(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolveMatch, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 60 s:\n${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveMatch(m);
      }
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${out}`)));
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

export async function measureSampler(seconds = 30): Promise<PhaseResult[]> {
  const build = spawnSync(process.execPath, [join(TINYHAT, 'build.mjs')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`tinyhat build failed: ${build.stderr}`);
  // The CLI bundled inside the repo (.bench/ is ignored), so it finds the .proto as the built CLI does.
  const cli = join(ROOT, '.bench', 'sampler-cli.js');
  await esbuild.build({ entryPoints: [join(ROOT, 'src/cli/main.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  const manifest = readManifest(join(TINYHAT, 'tinyhat.manifest.json'));
  for (const s of manifest.services) {
    s.port = await freePort();
    s.targetPort = await freePort();
  }
  const work = mkdtempSync(join(tmpdir(), 'flamelens-bench-sampler-'));
  const manifestPath = join(work, 'manifest.json');
  const { baseDir: _baseDir, ...plain } = manifest;
  writeFileSync(manifestPath, JSON.stringify({ ...plain, services: plain.services.map((s) => ({ ...s, entry: join(TINYHAT, s.entry!) })) }));

  const results: PhaseResult[] = [];
  let sampler: ChildProcess | undefined;
  let services: ChildProcess | undefined;
  let load: ChildProcess | undefined;
  const servicePids: number[] = [];
  try {
    results.push(await measurePhase('nothing of ours running', seconds, {}));
    sampler = spawn(process.execPath, [cli, 'sampler', '--manifest', manifestPath], { stdio: ['ignore', 'pipe', 'ignore'] });
    await waitFor(sampler, /^sampler: 127\.0\.0\.1:\d+$/m, 'the sampler');
    services = spawn(process.execPath, [join(TINYHAT, 'dist', 'launch.js'), '--manifest', manifestPath, '--data-dir', join(work, 'data')], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    await waitFor(services, /^tinyhat: open /m, 'Tinyhat');
    servicePids.push(...childrenOf(services.pid!));
    results.push(await measurePhase('demo + sampler, no load', seconds, { sampler: sampler.pid, services: servicePids }));
    load = spawn(process.execPath, [join(TINYHAT, 'dist', 'load.js'), '--url', `http://127.0.0.1:${manifest.services[0].port}`], { stdio: 'ignore' });
    // Let the first admin pages warm up the JIT before measuring.
    await new Promise((r) => setTimeout(r, 5000));
    results.push(await measurePhase('demo + sampler + load', seconds, { sampler: sampler.pid, services: servicePids, load: load.pid }));
  } finally {
    await stop(load);
    await stop(services);
    await stop(sampler);
    for (const pid of servicePids) rmSync(`/tmp/perf-${pid}.map`, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(entry));
    } catch {
      // Gone.
    }
  }
  return out;
}

export function formatSamplerResults(results: PhaseResult[]): string {
  const pct = (v: number | undefined) => (v === undefined ? '-' : `${(v * 100).toFixed(1)}%`);
  const lines = ['phase                       | machine idle | load avg | sampler CPU | +perf children | services CPU | load gen CPU'];
  for (const r of results) {
    lines.push(
      `${r.phase.padEnd(27)} | ${pct(r.machineIdle).padStart(12)} | ${r.loadAverage.toFixed(2).padStart(8)} | ${pct(r.samplerCpu).padStart(11)} | ${pct(r.samplerWithChildrenCpu).padStart(14)} | ${pct(r.servicesCpu).padStart(12)} | ${pct(r.loadGeneratorCpu).padStart(12)}`,
    );
  }
  lines.push('CPU figures are CPU seconds per wall second (100% = one core of two); idle is of the whole machine, other users included.');
  return lines.join('\n');
}

if (require.main === module) {
  const seconds = Number(process.argv[2] ?? 30);
  measureSampler(seconds).then(
    (results) => process.stdout.write(`${formatSamplerResults(results)}\n`),
    (err: Error) => {
      process.stderr.write(`bench/sampler: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
