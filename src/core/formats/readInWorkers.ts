// Reads a big Pixie JSONL or folded file on worker threads, one part of the file each, and merges their counts.
//
// Parsing is most of the time of a big ingest and the parts are independent, so on a
// machine with two or more cores the parts are read side by side; merging the parts'
// records costs a fraction of parsing them. The result is the same profile, in the same
// order, as one pass on the calling thread (see RecordMerge), and a malformed line is
// reported with its line number in the whole file. The calling thread's event loop stays
// free meanwhile. Without a worker file next to the running code (a bundle built without
// it), or when a worker dies, undefined tells the caller to read on its own thread.

import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Profile } from '../profile';
import { DETECT_BYTES, detectFormat } from './detect';
import { ProfileFormatError, ProfileReadCancelled, readFailureReason } from './formatError';
import type { IngestMessage } from './ingestWorker';
import { newlineCuts } from './newlineCuts';
import type { FilePart, LineFormat, PartResult } from './partReader';
import { PIXIE_SAMPLE_INTERVAL_MS } from './pixieRows';
import { requireSamples } from './profileReader';
import { RecordMerge } from './recordMerge';

/** How a file is read: on how many threads, from what size, in what chunk size. */
export interface IngestPlan {
  /** Worker threads a big file is split over; below 2 it is read on the calling thread. */
  workers: number;
  /** Smaller files are read on the calling thread: starting workers would cost more than it saves. */
  minParallelBytes: number;
  chunkBytes: number;
}

export function defaultIngestPlan(): IngestPlan {
  return { workers: Math.min(4, availableParallelism()), minParallelBytes: 32 * 2 ** 20, chunkBytes: 4 * 2 ** 20 };
}

export interface WorkerReadOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, bytesRead: number, totalBytes: number) => void;
  totalBytes: number;
  name: string;
}

type Outcome = { kind: 'done'; result: PartResult } | { kind: 'failed'; format: boolean; message: string; code?: string } | { kind: 'died' };

/** The profile, or undefined when the file is not a line format or workers cannot run here (read it on this thread then). */
export async function readInWorkers(path: string, options: WorkerReadOptions, plan: IngestPlan): Promise<Profile | undefined> {
  const { signal, onProgress, totalBytes, name } = options;
  const what = `reading ${name}`;
  const launch = workerLauncher();
  if (!launch || signal?.aborted) return undefined;
  const format = await lineFormat(path, name);
  if (!format) return undefined;
  const cuts = await newlineCuts(path, totalBytes, plan.workers);
  if (cuts.length < 3) return undefined;

  const workers: Worker[] = [];
  let cancel: (() => void) | undefined;
  const cancelled = new Promise<never>((_, reject) => {
    cancel = () => reject(new ProfileReadCancelled(what));
  });
  const onAbort = (): void => {
    for (const w of workers) void w.terminate();
    cancel?.();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let bytesRead = 0;
    const onBytes = (bytes: number): void => {
      bytesRead += bytes;
      onProgress?.(Math.min(1, bytesRead / totalBytes), bytesRead, totalBytes);
    };
    const outcomes: Promise<Outcome>[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const part: FilePart = { path, format, start: cuts[i], end: cuts[i + 1], chunkBytes: plan.chunkBytes };
      const worker = startWorker(launch, part);
      if (!worker) return undefined;
      workers.push(worker);
      outcomes.push(outcomeOf(worker, onBytes));
    }
    // Parts in file order: an earlier part's error is the one a single pass would have met first.
    const merge = new RecordMerge();
    let linesBefore = 0;
    for (const outcome of outcomes) {
      const o = await Promise.race([outcome, cancelled]);
      if (o.kind === 'died') return undefined;
      if (o.kind === 'failed') {
        if (o.format) throw new ProfileFormatError(renumberLine(o.message, linesBefore));
        throw new ProfileFormatError(`${what} failed: ${readFailureReason(Object.assign(new Error(o.message), { code: o.code }))}`);
      }
      merge.add(o.result.records);
      linesBefore += o.result.lines;
    }
    if (signal?.aborted) throw new ProfileReadCancelled(what);
    const stacks = merge.records();
    const profile: Profile =
      format === 'pixie-jsonl'
        ? { format: 'pixie', stacks, totalSamples: merge.totalSamples, sampleIntervalMs: PIXIE_SAMPLE_INTERVAL_MS, source: name }
        : { format: 'folded', stacks, totalSamples: merge.totalSamples, source: name };
    return requireSamples(profile);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    for (const w of workers) void w.terminate();
  }
}

type Launch = (part: FilePart) => Worker;

let launcher: Launch | null | undefined;

/**
 * How to start an ingest worker from where this code runs: the bundled worker next to the
 * bundle (dist/ingestWorker.js beside dist/extension.js or dist/cli.js), or, running from
 * source (tests and benchmarks under tsx), the TypeScript entry bundled once in memory
 * with esbuild, as the build does: a worker that loaded TypeScript through tsx took
 * several hundred milliseconds to start.
 */
function workerLauncher(): Launch | undefined {
  if (launcher !== undefined) return launcher ?? undefined;
  launcher = null;
  try {
    const bundled = join(__dirname, 'ingestWorker.js');
    const source = join(__dirname, 'ingestWorker.ts');
    if (existsSync(bundled)) {
      launcher = (part) => new Worker(bundled, { workerData: { ingestPart: part } });
    } else if (__filename.endsWith('.ts') && existsSync(source)) {
      const esbuild = createRequire(__filename)('esbuild') as EsbuildBuildSync;
      const built = esbuild.buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' });
      const code = built.outputFiles[0].text;
      launcher = (part) => new Worker(code, { eval: true, workerData: { ingestPart: part } });
    }
  } catch {
    launcher = null;
  }
  return launcher ?? undefined;
}

/** The part of esbuild's API used here (a dev dependency, present only where the source is). */
interface EsbuildBuildSync {
  buildSync(options: Record<string, unknown>): { outputFiles: { text: string }[] };
}

function startWorker(launch: Launch, part: FilePart): Worker | undefined {
  try {
    return launch(part);
  } catch {
    return undefined;
  }
}

function outcomeOf(worker: Worker, onBytes: (bytes: number) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    worker.on('message', (m: IngestMessage) => {
      if (m.type === 'progress') onBytes(m.bytes);
      else if (m.type === 'done') resolve({ kind: 'done', result: m.result });
      else resolve({ kind: 'failed', format: m.format, message: m.message, code: m.code });
    });
    // Settling twice is harmless: the first outcome wins.
    worker.on('error', () => resolve({ kind: 'died' }));
    worker.on('messageerror', () => resolve({ kind: 'died' }));
    worker.on('exit', () => resolve({ kind: 'died' }));
  });
}

/** The file's format when it is one that can be cut at newlines. */
async function lineFormat(path: string, name: string): Promise<LineFormat | undefined> {
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(DETECT_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  try {
    const format = detectFormat(head, name);
    return format === 'pixie-jsonl' || format === 'folded' ? format : undefined;
  } catch {
    // Not a profile: the single-thread reader gives the message.
    return undefined;
  }
}

/** A part numbers its lines from 1; the message of a malformed line (`line N: …`) gets the line's number in the whole file. */
function renumberLine(message: string, linesBefore: number): string {
  return message.replace(/^line (\d+):/, (_, n: string) => `line ${Number(n) + linesBefore}:`);
}
