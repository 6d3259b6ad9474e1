// Samples the target PIDs with `perf record` (software event cpu-clock, one sample per ~10 ms of CPU, call graphs) in back-to-back chunks.

import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChunkLoop } from '../chunkLoop';
import type { CpuSampler, CpuSamplerEvents } from '../cpuSampler';
import { addCount, FoldedCounts } from '../stacks';
import { foldPerfSamples, jitAddresses, PerfSample, PerfScriptReader } from './fold';
import { JitMaps } from './jitMap';

const FREQUENCY_HZ = 99;
/**
 * A fixed period of CPU time per sample rather than -F: in frequency mode the kernel tunes the
 * period on wall time, and a process that is on CPU half the time got only ~55% of its samples.
 */
const PERIOD_NS = Math.round(1e9 / FREQUENCY_HZ);
/** Samples folded between two turns of the event loop. */
const FOLD_SLICE = 300;
/** perf script of a busy chunk can print tens of MB; more means something is wrong. */
const MAX_SCRIPT_BYTES = 256 * 1024 * 1024;

export class PerfSampler implements CpuSampler {
  readonly kind = 'perf';
  private readonly chunks = new ChunkLoop();
  private recording: ChildProcess | undefined;
  private dir: string | undefined;
  private folding: Promise<void> = Promise.resolve();
  private readonly jitMaps = new JitMaps();

  constructor(
    private readonly events: CpuSamplerEvents,
    /** Chunk lengths in seconds: short first so data shows up soon, then the steady length. */
    private readonly chunkSeconds: readonly number[] = [2, 5, 15],
  ) {}

  start(): void {
    this.chunks.start(() => this.run());
  }

  async stop(): Promise<void> {
    this.recording?.kill('SIGTERM');
    await this.chunks.stop();
    await this.folding;
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  private async run(): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'flamelens-perf-'));
    for (let i = 0; this.chunks.running; i++) {
      const seconds = this.chunkSeconds[Math.min(i, this.chunkSeconds.length - 1)];
      const pids = await this.events.targets();
      if (!this.chunks.running) break;
      if (pids.length === 0) {
        await this.chunks.pause(seconds * 1000);
        continue;
      }
      const file = join(this.dir, `chunk-${i}.data`);
      const startMs = Date.now();
      const code = await this.record(pids, file, seconds);
      const endMs = Date.now();
      if (!this.chunks.running) break;
      if (code !== 0) {
        // A target exited between lookup and attach: report, wait, and look the targets up again.
        this.events.onError(`perf record on PIDs ${pids.join(',')} exited with code ${code}; retrying`);
        await this.chunks.pause(1000);
        continue;
      }
      // Folding overlaps the next recording. When it is slower than recording (a busy machine),
      // the next recording waits for it: a gap in sampling, instead of a backlog of chunks.
      await this.folding;
      this.folding = this.fold(file, startMs, endMs, pids);
    }
  }

  private record(pids: number[], file: string, seconds: number): Promise<number> {
    return new Promise((resolve) => {
      const args = ['record', '-q', '-e', 'cpu-clock', '-c', String(PERIOD_NS), '-g', '-p', pids.join(','), '-o', file, '--', 'sleep', String(seconds)];
      const child = spawn('perf', args, { stdio: ['ignore', 'ignore', 'pipe'] });
      this.recording = child;
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => {
        if (stderr.length < 4000) stderr += d.toString();
      });
      child.on('error', (err) => {
        this.events.onError(`cannot run perf: ${err.message}`);
        resolve(-1);
      });
      child.on('close', (code) => {
        this.recording = undefined;
        if (code !== 0 && this.chunks.running && stderr.trim()) this.events.onError(`perf record: ${stderr.trim().split('\n')[0]}`);
        resolve(code ?? -1);
      });
    });
  }

  private async fold(file: string, startMs: number, endMs: number, pids: number[]): Promise<void> {
    try {
      const samples = await this.readScript(file);
      const names = new Map<number, Map<number, string>>();
      for (const [pid, addresses] of jitAddresses(samples)) names.set(pid, await this.jitMaps.resolve(pid, addresses));
      this.jitMaps.forget(new Set(pids));
      const byPid = new Map<number, FoldedCounts>();
      // In slices, handing the event loop back between them: the latency proxies run on it.
      for (let i = 0; i < samples.length; i += FOLD_SLICE) {
        for (const [pid, counts] of foldPerfSamples(samples.slice(i, i + FOLD_SLICE), (p, ip) => names.get(p)?.get(ip))) {
          for (const [stack, n] of counts) addCount(byPid, pid, stack, n);
        }
        await new Promise((r) => setImmediate(r));
      }
      this.events.onChunk({ startMs, endMs, byPid, sampleIntervalMs: 1000 / FREQUENCY_HZ });
    } catch (err) {
      if (this.chunks.running) this.events.onError(`perf script failed on ${file}: ${(err as Error).message.split('\n')[0]}`);
    } finally {
      await rm(file, { force: true });
    }
  }

  /** Streams `perf script` through the reader, piece by piece as it arrives. */
  private readScript(file: string): Promise<PerfSample[]> {
    return new Promise((resolve, reject) => {
      const child = spawn('perf', ['script', '-i', file, '-F', 'pid,tid,ip,sym,dso'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const reader = new PerfScriptReader();
      let bytes = 0;
      let stderr = '';
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (text: string) => {
        bytes += text.length;
        if (bytes > MAX_SCRIPT_BYTES) child.kill('SIGKILL');
        else reader.push(text);
      });
      child.stderr!.on('data', (d: Buffer) => {
        if (stderr.length < 2000) stderr += d.toString();
      });
      child.on('error', reject);
      child.on('close', (code) => {
        if (bytes > MAX_SCRIPT_BYTES) reject(new Error(`its output passed ${MAX_SCRIPT_BYTES / 1024 / 1024} MB`));
        else if (code !== 0) reject(new Error(stderr.trim() || `exit code ${code}`));
        else resolve(reader.end());
      });
    });
  }
}
