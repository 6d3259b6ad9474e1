// Shared pieces of the sampler tests: a real CPU-burning Node process, free ports, child PIDs, and reading tables through VizierClient.

import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PixieRowAggregator } from '../../../src/core/formats/pixieRows';
import type { Profile } from '../../../src/core/profile';
import { columnValues, numberColumnValues } from '../../../src/sources/pixie/resultTable';
import { HTTP_LATENCY_SCRIPT, STACK_TRACES_SCRIPT, TABLE_ENDPOINT_LATENCY, TABLE_STACK_TRACES } from '../../../src/sources/pixie/scripts';
import { VizierClient } from '../../../src/sources/pixie/vizierClient';

/** The function the busy process spends its CPU in; tests look for this name in the samples. */
export const BURNING_FUNCTION = 'burnCpuForSamplerTest';

const BUSY_SCRIPT = `
const http = require('node:http');
function ${BURNING_FUNCTION}(ms) {
  const end = Date.now() + ms;
  let x = 0;
  while (Date.now() < end) for (let i = 0; i < 1000; i++) x += Math.sqrt(x + i);
  return x;
}
// About half the time on CPU, the rest idle: idle time must not show up as samples.
function tick() { ${BURNING_FUNCTION}(40); setTimeout(tick, 40); }
http.createServer((req, res) => {
  res.statusCode = req.url.startsWith('/missing') ? 404 : 200;
  res.end('hat');
}).listen(0, '127.0.0.1', function () {
  process.stdout.write(this.address().port + '\\n');
  tick();
});
`;

export interface BusyProcess {
  child: ChildProcess;
  pid: number;
  /** Where it serves HTTP. */
  port: number;
  scriptPath: string;
  stop(): Promise<void>;
}

/** A real Node process burning about half a core in a named function, serving HTTP on a free port. */
export async function startBusyProcess(nodeFlags: string[]): Promise<BusyProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'flamelens-sampler-test-'));
  const scriptPath = join(dir, 'busy.js');
  writeFileSync(scriptPath, BUSY_SCRIPT);
  const child = spawn(process.execPath, [...nodeFlags, scriptPath], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the busy process exited with code ${code}`)));
  });
  return {
    child,
    pid: child.pid!,
    port,
    scriptPath,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
      rmSync(`/tmp/perf-${child.pid}.map`, { force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Descendants of `pid` (from /proc) whose command name is one of `names`, e.g. the perf processes a sampler started. */
export function descendantPids(pid: number, names: readonly string[]): number[] {
  const parentOf = new Map<number, { ppid: number; comm: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      parentOf.set(Number(entry), { ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), comm });
    } catch {
      // Exited while we looked.
    }
  }
  const isDescendant = (p: number): boolean => {
    for (let at = parentOf.get(p)?.ppid, depth = 0; at !== undefined && depth < 64; at = parentOf.get(at)?.ppid, depth++) {
      if (at === pid) return true;
    }
    return false;
  };
  return [...parentOf].filter(([p, { comm }]) => names.includes(comm) && isDescendant(p)).map(([p]) => p);
}

export function isRunning(pid: number): boolean {
  try {
    // A zombie still answers kill(0); only a live process counts.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** CPU time (user + system) the process has used, in ms, from /proc/PID/stat. */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

export function loopbackClient(address: string): VizierClient {
  return new VizierClient({ address, tls: { insecure: true }, metadata: {}, label: `local sampler ${address}` });
}

/** The stack_traces table, read through the real client, aggregated as the extension does. */
export async function fetchStackProfile(client: VizierClient, args: { start_time: string; namespace: string; pod: string }): Promise<Profile> {
  const aggregator = new PixieRowAggregator();
  await client.executeScript({
    script: '',
    queryName: STACK_TRACES_SCRIPT.queryName,
    funcs: [{ name: 'stack_traces', args, outputTable: TABLE_STACK_TRACES }],
    onBatch(batch) {
      const cols = ['node', 'namespace', 'pod', 'container', 'cmdline', 'stack_trace'].map((c) => columnValues(batch, c, 'STRING'));
      const counts = columnValues(batch, 'count', 'INT64');
      for (let i = 0; i < batch.numRows; i++) {
        aggregator.addRow({ node: cols[0][i], namespace: cols[1][i], pod: cols[2][i], container: cols[3][i], cmdline: cols[4][i], stack_trace: cols[5][i], count: counts[i] });
      }
    },
  });
  return aggregator.build();
}

export interface EndpointRow {
  service: string;
  method: string;
  path: string;
  p50Ms: number;
  p99Ms: number;
  count: number;
  errorRate: number;
}

export async function fetchEndpointLatency(client: VizierClient, startTime = '-5m', namespace = ''): Promise<EndpointRow[]> {
  const rows: EndpointRow[] = [];
  await client.executeScript({
    script: '',
    queryName: HTTP_LATENCY_SCRIPT.queryName,
    funcs: HTTP_LATENCY_SCRIPT.functions.map((f) => ({ name: f.func, args: { start_time: startTime, namespace }, outputTable: f.table })),
    onBatch(batch) {
      if (batch.table.name !== TABLE_ENDPOINT_LATENCY) return;
      const service = columnValues(batch, 'service', 'STRING');
      const method = columnValues(batch, 'req_method', 'STRING');
      const path = columnValues(batch, 'req_path', 'STRING');
      const p50 = numberColumnValues(batch, 'latency_p50');
      const p99 = numberColumnValues(batch, 'latency_p99');
      const count = numberColumnValues(batch, 'request_count');
      const errors = numberColumnValues(batch, 'error_rate');
      for (let i = 0; i < batch.numRows; i++) {
        rows.push({ service: service[i], method: method[i], path: path[i], p50Ms: p50[i] / 1e6, p99Ms: p99[i] / 1e6, count: count[i], errorRate: errors[i] });
      }
    },
  });
  return rows;
}

/** Samples in stacks that contain a frame matching the test, as a share of all samples. */
export function shareOf(profile: Profile, test: (frame: string) => boolean): number {
  const hit = profile.stacks.filter((s) => s.frames.some(test)).reduce((n, s) => n + s.count, 0);
  return profile.totalSamples === 0 ? 0 : hit / profile.totalSamples;
}

/** Polls until `check` returns a value (not undefined), or fails after `attempts` tries. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, attempts = 120, everyMs = 250): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}
