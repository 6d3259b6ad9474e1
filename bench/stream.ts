// Benchmark: rows per second decoded and aggregated from a streamed 1M-row Vizier result over loopback, and peak memory.
//
// The Vizier test server runs in a child process so that the CPU and memory measured are
// the client's alone: gRPC receive, protobuf decoding, column decoding, aggregation.
// Run: npx tsx bench/stream.ts [rows] [uniqueStacks]

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fetchProfile } from '../src/sources/pixie/fetchProfile';
import { startVizierTestServer } from '../test/support/vizierServer';

export interface StreamResult {
  rows: number;
  batches: number;
  uniqueStacks: number;
  seconds: number;
  rowsPerSecond: number;
  /** CPU time of this (client) process: less sensitive than wall time to a busy machine. */
  cpuSeconds: number;
  rowsPerCpuSecond: number;
  /** Largest resident set and JS heap seen during the fetch, and before it. */
  peakRssMb: number;
  peakHeapMb: number;
  baselineRssMb: number;
  baselineHeapMb: number;
}

const MB = 1024 * 1024;

export async function measureStream(rows = 1_000_000, uniqueStacks = 5_000, batchRows = 1000): Promise<StreamResult> {
  const server = await startServerProcess(rows, uniqueStacks, batchRows);
  try {
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    const timer = setInterval(sample, 20);
    let batches = 0;
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const profile = await fetchProfile(
      { address: server.address, tls: { insecure: true }, metadata: {}, label: 'bench' },
      {
        windowSeconds: 3600,
        timeoutMs: 600_000,
        onProgress: (p) => {
          batches = p.batches;
          if (p.batches % 16 === 0) sample();
        },
      },
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(timer);
    sample();
    return {
      rows,
      batches,
      uniqueStacks: profile.stacks.length,
      seconds,
      rowsPerSecond: rows / seconds,
      cpuSeconds,
      rowsPerCpuSecond: rows / cpuSeconds,
      peakRssMb: peakRss / MB,
      peakHeapMb: peakHeap / MB,
      baselineRssMb: baseline.rss / MB,
      baselineHeapMb: baseline.heapUsed / MB,
    };
  } finally {
    server.stop();
  }
}

/** The test server in a child process, answering every call with `rows` generated stack-trace rows. */
async function startServerProcess(rows: number, uniqueStacks: number, batchRows: number): Promise<{ address: string; stop(): void }> {
  const execArgv = process.execArgv.length > 0 ? process.execArgv : ['--require', 'tsx/cjs'];
  const child = spawn(process.execPath, [...execArgv, __filename, '--serve', String(rows), String(uniqueStacks), String(batchRows)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const address = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`the bench's Vizier server exited (${code}) before listening`)));
  });
  return { address, stop: () => child.kill() };
}

async function serve(rows: number, uniqueStacks: number, batchRows: number): Promise<void> {
  const server = await startVizierTestServer({ respond: () => ({ kind: 'generatedStacks', rows, uniqueStacks, batchRows }) });
  process.stdout.write(`${server.address}\n`);
  // Stop with the parent.
  process.stdin.resume();
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

if (require.main === module) {
  const [flag, ...rest] = process.argv.slice(2);
  if (flag === '--serve') {
    void serve(Number(rest[0]), Number(rest[1]), Number(rest[2]));
  } else {
    const rows = Number(flag ?? 1_000_000);
    const unique = Number(rest[0] ?? 5_000);
    measureStream(rows, unique).then(
      (r) => {
        process.stdout.write(
          `vizier stream: ${r.rows.toLocaleString('en')} rows in ${r.batches} batches -> ${r.uniqueStacks} unique stacks in ${r.seconds.toFixed(2)} s = ${Math.round(r.rowsPerSecond).toLocaleString('en')} rows/s (client CPU ${r.cpuSeconds.toFixed(2)} s = ${Math.round(r.rowsPerCpuSecond).toLocaleString('en')} rows per CPU-second); peak RSS ${r.peakRssMb.toFixed(0)} MB (from ${r.baselineRssMb.toFixed(0)}), peak heap ${r.peakHeapMb.toFixed(0)} MB (from ${r.baselineHeapMb.toFixed(0)})\n`,
        );
      },
      (err) => {
        process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 1;
      },
    );
  }
}
