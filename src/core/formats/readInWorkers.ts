// Reads a big Pixie JSONL or folded file on worker threads, one part of the file each, and merges their counts.
//
// Two steps, each split over the workers. First every worker counts the rows of its part
// into a stack table in shared memory. Then every worker takes its share of the union of
// those tables (by stack hash, so no stack is split into frames twice; see stackUnion),
// and this thread walks the shares in the order one pass would have seen the stacks
// (RecordMerge). The result is the same profile, in the same order, as one pass on the
// calling thread, and a malformed line is reported with its line number in the whole
// file. The calling thread's event loop stays free meanwhile. Without a worker file next
// to the running code (a bundle built without it), or when a worker dies, undefined tells
// the caller to read on its own thread.

import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Profile } from '../profile';
import { DETECT_BYTES, detectFormat } from './detect';
import { ProfileFormatError, ProfileReadCancelled, readFailureReason } from './formatError';
import type { IngestMessage, PrepareRequest } from './ingestWorker';
import { newlineCuts } from './newlineCuts';
import type { FilePart, LineFormat } from './partReader';
import { PIXIE_SAMPLE_INTERVAL_MS } from './pixieRows';
import { requireSamples } from './profileReader';
import { RecordMerge } from './recordMerge';
import type { SharedStackTable } from './stackTable';
import type { UnionShare } from './stackUnion';

/** How a file is read: on how many threads, from what size, in what chunk size. */
export interface IngestPlan {
  /** Worker threads a big file is split over at most; below 2 it is read on the calling thread. */
  workers: number;
  /** Only as many workers as cores are free when the read starts (see spareCores); tests and benchmarks turn it off. */
  onlySpareCores: boolean;
  /**
   * Smaller files are read on the calling thread. Workers cost ~0.3 s up front (start-up, and
   * each compiles the hot code afresh) and save ~1 ms per MB: on this project's 2-core
   * machine a 77 MB file took 0.51 s on two workers and 0.33 s on one thread, a 773 MB one
   * 2.0 s and 2.5 s; they break even near 250 MB.
   */
  minParallelBytes: number;
  chunkBytes: number;
}

export function defaultIngestPlan(): IngestPlan {
  return { workers: Math.min(4, availableParallelism()), onlySpareCores: true, minParallelBytes: 256 * 2 ** 20, chunkBytes: 4 * 2 ** 20 };
}

export interface WorkerReadOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, bytesRead: number, totalBytes: number) => void;
  totalBytes: number;
  name: string;
}

/** The profile, or undefined when the file is not a line format or workers cannot run here (read it on this thread then). */
export async function readInWorkers(path: string, options: WorkerReadOptions, plan: IngestPlan): Promise<Profile | undefined> {
  const { signal, onProgress, totalBytes, name } = options;
  const what = `reading ${name}`;
  const launch = workerLauncher();
  if (!launch || signal?.aborted) return undefined;
  const format = await lineFormat(path, name);
  if (!format) return undefined;
  const cuts = await newlineCuts(path, totalBytes, plan.workers).catch(() => []);
  if (cuts.length < 3) return undefined;
  if (signal?.aborted) throw new ProfileReadCancelled(what);

  const workers: PartWorker[] = [];
  let cancel: (() => void) | undefined;
  const cancelled = new Promise<never>((_, reject) => {
    cancel = () => reject(new ProfileReadCancelled(what));
  });
  const onAbort = (): void => {
    for (const w of workers) w.stop();
    cancel?.();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let bytesRead = 0;
    const onBytes = (bytes: number): void => {
      bytesRead += bytes;
      onProgress?.(Math.min(1, bytesRead / totalBytes), bytesRead, totalBytes);
    };
    for (let i = 0; i + 1 < cuts.length; i++) {
      const worker = PartWorker.start(launch, { path, format, start: cuts[i], end: cuts[i + 1], chunkBytes: plan.chunkBytes }, onBytes);
      if (!worker) return undefined;
      workers.push(worker);
    }

    // Parts in file order: an earlier part's error is the one a single pass would have met first.
    const tables: SharedStackTable[] = [];
    let linesBefore = 0;
    let totalSamples = 0;
    for (const worker of workers) {
      const m = await Promise.race([worker.next(), cancelled]);
      if (m.type === 'failed') throw failure(m, what, linesBefore);
      if (m.type === 'died' && m.outOfMemory) throw outOfMemory(what);
      if (m.type !== 'counted') return undefined;
      tables.push(m.result.table);
      linesBefore += m.result.lines;
      totalSamples += m.result.table.totalSamples;
    }

    workers.forEach((w, k) => w.post({ type: 'prepare', tables, worker: k, workers: workers.length }));
    // The workers hold the tables now; let this thread's references go so their memory goes with the workers.
    tables.length = 0;
    const shares: UnionShare[] = [];
    for (const worker of workers) {
      const m = await Promise.race([worker.next(), cancelled]);
      if (m.type === 'failed') throw failure(m, what, 0);
      if (m.type === 'died' && m.outOfMemory) throw outOfMemory(what);
      if (m.type !== 'prepared') return undefined;
      shares.push(m.share);
    }
    if (signal?.aborted) throw new ProfileReadCancelled(what);
    const merge = new RecordMerge();
    merge.addShares(shares);
    const stacks = merge.records();
    const profile: Profile =
      format === 'pixie-jsonl'
        ? { format: 'pixie', stacks, totalSamples, sampleIntervalMs: PIXIE_SAMPLE_INTERVAL_MS, source: name }
        : { format: 'folded', stacks, totalSamples, source: name };
    return requireSamples(profile);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    for (const w of workers) w.stop();
  }
}

function failure(m: Extract<IngestMessage, { type: 'failed' }>, what: string, linesBefore: number): ProfileFormatError {
  if (m.format) return new ProfileFormatError(renumberLine(m.message, linesBefore));
  return new ProfileFormatError(`${what} failed: ${readFailureReason(Object.assign(new Error(m.message), { code: m.code }))}`);
}

/** `died`: the worker stopped without answering; `outOfMemory` when its heap ran out (reading on this thread would not fare better). */
function outOfMemory(what: string): ProfileFormatError {
  return new ProfileFormatError(`${what} failed: it has more distinct stacks than memory holds; save a shorter time window or a narrower scope and open that`);
}

type Reply = Exclude<IngestMessage, { type: 'progress' }> | { type: 'died'; outOfMemory?: boolean };

/** One ingest worker: progress goes to `onBytes`, every other message is taken in turn with next(). */
class PartWorker {
  private readonly replies: Reply[] = [];
  private waiting: ((reply: Reply) => void) | undefined;

  private constructor(
    private readonly worker: Worker,
    onBytes: (bytes: number) => void,
  ) {
    worker.on('message', (m: IngestMessage) => (m.type === 'progress' ? onBytes(m.bytes) : this.reply(m)));
    worker.on('error', (err: NodeJS.ErrnoException) => this.reply({ type: 'died', outOfMemory: err?.code === 'ERR_WORKER_OUT_OF_MEMORY' }));
    worker.on('messageerror', () => this.reply({ type: 'died' }));
    worker.on('exit', () => this.reply({ type: 'died' }));
  }

  static start(launch: Launch, part: FilePart, onBytes: (bytes: number) => void): PartWorker | undefined {
    try {
      return new PartWorker(launch(part), onBytes);
    } catch {
      return undefined;
    }
  }

  next(): Promise<Reply> {
    const reply = this.replies.shift();
    if (reply) return Promise.resolve(reply);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  post(request: PrepareRequest): void {
    this.worker.postMessage(request);
  }

  stop(): void {
    void this.worker.terminate();
  }

  private reply(reply: Reply): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(reply);
    else this.replies.push(reply);
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
  // The parts' tables are shared between threads; a host without shared memory reads on one thread.
  if (typeof SharedArrayBuffer !== 'function') return undefined;
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
