// Tells how many cores no other thread is using right now, so a big file is split over workers only when they can run side by side.
//
// Measured on this project's 2-core machine (bench/ingest.ts, 1M Pixie rows): two workers
// took 2.1 s when the machine was otherwise idle (one thread: 2.5 s), but 3.5 s with one
// other busy process (one thread: 2.65 s). The scheduler shares cores between processes
// rather than threads, so without a free core a second thread only adds the cost of
// splitting the work.

import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * Cores minus the threads running elsewhere: the median of a few samples of Linux's count
 * of running threads (`/proc/loadavg`, which counts the sampling thread too), or, without
 * it, the 1-minute load average.
 */
export async function spareCores(cores: number, samples = 3, gapMs = 4): Promise<number> {
  const busy: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    const running = runningElsewhere(readLoadavg());
    if (running === undefined) return Math.max(0, cores - Math.round(loadavg()[0]));
    busy.push(running);
  }
  busy.sort((a, b) => a - b);
  return Math.max(0, cores - busy[Math.floor(busy.length / 2)]);
}

/** Threads running other than the reading one, from `/proc/loadavg` text (`0.89 3.38 7.60 2/191 20995`); undefined when it is not that. */
export function runningElsewhere(procLoadavg: string | undefined): number | undefined {
  const field = procLoadavg?.split(' ')[3];
  const running = field ? Number(field.split('/')[0]) : NaN;
  return Number.isInteger(running) && running >= 1 ? running - 1 : undefined;
}

function readLoadavg(): string | undefined {
  try {
    return readFileSync('/proc/loadavg', 'utf8');
  } catch {
    return undefined;
  }
}
