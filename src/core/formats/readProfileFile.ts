// Reads a profile file (or any byte stream) in chunks, with progress and cancellation, without holding line formats in memory.

import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Profile } from '../profile';
import { DETECT_BYTES, detectFormat } from './detect';
import { ProfileFormatError, ProfileReadCancelled, readFailureReason } from './formatError';
import { createProfileReader } from './readProfile';
import { defaultIngestPlan, IngestPlan, readInWorkers } from './readInWorkers';
import { spareCores } from './spareCores';

/**
 * Called after each chunk (about 1 MB). `fraction` is bytes read / file size, 0..1
 * (always 0 for a stream of unknown size); `bytesRead` counts file bytes, so
 * compressed bytes for a .gz.
 */
export type ReadProgress = (fraction: number, bytesRead: number, totalBytes: number | undefined) => void;

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: ReadProgress;
}

const CHUNK_BYTES = 4 * 2 ** 20;

/**
 * A big Pixie JSONL or folded file is read on worker threads, in parts (see readInWorkers),
 * when cores are free for them; anything else, or where workers cannot run, on this thread.
 * `plan` is for tests and benchmarks: how many workers, from what file size, what chunk size.
 */
export async function readProfileFile(path: string, options: ReadOptions = {}, plan: IngestPlan = defaultIngestPlan()): Promise<Profile> {
  const name = basename(path);
  let totalBytes: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new ProfileFormatError(`${name} is a folder, not a profile file`);
    totalBytes = info.size;
  } catch (err) {
    if (err instanceof ProfileFormatError) throw err;
    throw new ProfileFormatError(`cannot open ${path}: ${readFailureReason(err)}`);
  }
  if (totalBytes === 0) throw new ProfileFormatError(`empty profile: ${name} is an empty file`);
  if (plan.workers >= 2 && totalBytes >= plan.minParallelBytes) {
    const workers = plan.onlySpareCores ? Math.min(plan.workers, await spareCores(availableParallelism())) : plan.workers;
    const profile = workers >= 2 ? await readInWorkers(path, { ...options, totalBytes, name }, { ...plan, workers }) : undefined;
    if (profile) return profile;
  }
  return readProfileStream(fileChunks(path, plan.chunkBytes), { ...options, totalBytes, name });
}

/**
 * The file in chunks read into one reused buffer: a fresh 1 MB Buffer per chunk made the
 * garbage collector run a full collection every few dozen megabytes. Each chunk is only
 * valid until the next is asked for; readers consume it at once (and copy what they keep).
 */
async function* fileChunks(path: string, chunkBytes: number): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads from any byte stream (a file, stdin, an HTTP body). `name` is the hint for
 * detection and messages. Aborting `signal` rejects with ProfileReadCancelled.
 */
export async function readProfileStream(
  input: AsyncIterable<Uint8Array>,
  options: ReadOptions & { totalBytes?: number; name?: string } = {},
): Promise<Profile> {
  const { signal, onProgress, totalBytes, name } = options;
  const what = name ? `reading ${name}` : 'reading the profile';
  let bytesRead = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of input) {
      if (signal?.aborted) throw new ProfileReadCancelled(what);
      bytesRead += chunk.length;
      yield chunk;
      onProgress?.(totalBytes ? Math.min(1, bytesRead / totalBytes) : 0, bytesRead, totalBytes);
    }
  }

  const opened: Peeked[] = [];
  try {
    if (signal?.aborted) throw new ProfileReadCancelled(what);
    let chunks = await peek(counted(), DETECT_BYTES);
    opened.push(chunks);
    if (chunks.head.length === 0) throw new ProfileFormatError(`empty profile: ${name ?? 'the input'} is empty`);
    let format = detectFormat(chunks.head, name);
    if (format === 'gzip') {
      chunks = await peek(gunzipped(chunks.all, name), DETECT_BYTES);
      opened.push(chunks);
      if (chunks.head.length === 0) throw new ProfileFormatError(`empty profile: ${name ?? 'the input'} holds no data once decompressed`);
      format = detectFormat(chunks.head, name);
      if (format === 'gzip') throw new ProfileFormatError('gzip inside gzip: decompress the file once and try again');
    }
    const reader = createProfileReader(format, name);
    for await (const chunk of chunks.all) {
      if (signal?.aborted) throw new ProfileReadCancelled(what);
      reader.push(chunk);
    }
    if (signal?.aborted) throw new ProfileReadCancelled(what);
    return reader.finish();
  } catch (err) {
    if (err instanceof ProfileFormatError || err instanceof ProfileReadCancelled) throw err;
    if (signal?.aborted) throw new ProfileReadCancelled(what);
    throw new ProfileFormatError(`${what} failed: ${readFailureReason(err)}`);
  } finally {
    for (const c of opened.reverse()) await c.close().catch(() => undefined);
  }
}

interface Peeked {
  /** At least `min` bytes from the start (less only if the input is shorter). */
  head: Uint8Array;
  /** The whole input again, head included. */
  all: AsyncIterable<Uint8Array>;
  /** Releases the source (closes the file) when reading stops early. */
  close(): Promise<void>;
}

async function peek(source: AsyncIterable<Uint8Array>, min: number): Promise<Peeked> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < min) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    // Copied: the source may reuse its buffer for the next chunk.
    taken.push(Buffer.from(next.value));
    size += next.value.length;
  }
  const head = taken.length === 1 ? taken[0] : Buffer.concat(taken);
  async function* all(): AsyncGenerator<Uint8Array> {
    try {
      yield* taken;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await close();
    }
  }
  const close = async (): Promise<void> => {
    if (done) return;
    done = true;
    await iterator.return?.();
  };
  return { head, all: all(), close };
}

async function* gunzipped(source: AsyncIterable<Uint8Array>, name: string | undefined): AsyncGenerator<Uint8Array> {
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  // zlib holds on to its input while it works; the source may reuse its buffer, so copy.
  const raw = Readable.from(copies(source));
  raw.on('error', (err) => gunzip.destroy(err));
  raw.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (err) {
    if (err instanceof ProfileReadCancelled || err instanceof ProfileFormatError) throw err;
    throw new ProfileFormatError(`${name ? `${name}: ` : ''}not valid gzip data (${readFailureReason(err)}); is the file complete?`);
  } finally {
    raw.destroy();
  }
}

async function* copies(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) yield Buffer.from(chunk);
}
