// Worker thread entry: reads one part of a profile file and posts its records back (bundled on its own as dist/ingestWorker.js).

import { parentPort, workerData } from 'node:worker_threads';
import { ProfileFormatError } from './formatError';
import { FilePart, readFilePart } from './partReader';

/** Messages from an ingest worker to the thread that started it. */
export type IngestMessage =
  | { type: 'progress'; bytes: number }
  | { type: 'done'; result: ReturnType<typeof readFilePart> }
  /** `format`: the input is malformed (the message names the line, counted from the part's start); otherwise reading failed. */
  | { type: 'failed'; format: boolean; message: string; code?: string };

function run(port: NonNullable<typeof parentPort>, part: FilePart): void {
  let message: IngestMessage;
  try {
    const result = readFilePart(part, (bytes) => port.postMessage({ type: 'progress', bytes } satisfies IngestMessage));
    const r = result.records;
    message = { type: 'done', result };
    // Moved, not copied: each array owns its buffer (made with slice/from/new, never a Buffer pool).
    port.postMessage(message, [r.recordContext.buffer, r.frameStarts.buffer, r.frameIds.buffer, r.counts.buffer] as ArrayBuffer[]);
    return;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    message = { type: 'failed', format: err instanceof ProfileFormatError, message: e instanceof Error ? e.message : String(err), code: e?.code };
  }
  port.postMessage(message);
}

if (parentPort && (workerData as { ingestPart?: FilePart } | undefined)?.ingestPart) {
  run(parentPort, (workerData as { ingestPart: FilePart }).ingestPart);
}
