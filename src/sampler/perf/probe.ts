// Finds out whether `perf record` may sample processes here (installed, and allowed by perf_event_paranoid or privileges).

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type PerfAvailability = { usable: true } | { usable: false; reason: string };

let cached: Promise<PerfAvailability> | undefined;

/** Tries a 0.2 s recording of this very process: the only reliable test (VMs often lack hardware events). */
export function perfAvailability(): Promise<PerfAvailability> {
  cached ??= probe();
  return cached;
}

async function probe(): Promise<PerfAvailability> {
  const dir = await mkdtemp(join(tmpdir(), 'flamelens-perf-probe-'));
  try {
    const out = join(dir, 'probe.data');
    const result = await run('perf', ['record', '-q', '-e', 'cpu-clock', '-F', '99', '-g', '-p', String(process.pid), '-o', out, '--', 'sleep', '0.2']);
    if (result.missing) return { usable: false, reason: 'perf is not installed (Debian: apt-get install linux-perf)' };
    if (result.code !== 0) {
      const paranoid = (await readFile('/proc/sys/kernel/perf_event_paranoid', 'utf8').catch(() => '?')).trim();
      const detail = result.stderr.split('\n').find((l) => l.trim()) ?? `exit code ${result.code}`;
      return { usable: false, reason: `perf record is not allowed here (perf_event_paranoid=${paranoid}): ${detail.trim()}` };
    }
    return { usable: true };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface RunResult {
  code: number;
  stderr: string;
  missing: boolean;
}

function run(cmd: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 10_000 }, (err, _stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
      if (e?.code === 'ENOENT') resolve({ code: -1, stderr: '', missing: true });
      else resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stderr: String(stderr), missing: false });
    });
  });
}
