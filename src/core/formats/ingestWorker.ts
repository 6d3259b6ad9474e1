// Worker thread entry: counts one part of a profile file, then prepares its share of all parts' stacks (bundled on its own as dist/ingestWorker.js).

import { parentPort, workerData } from 'node:worker_threads';
import { ProfileFormatError } from './formatError';
import { FilePart, PartResult, readFilePart } from './partReader';
import { SharedStackTable } from './stackTable';
import { prepareUnionShare, UnionShare } from './stackUnion';

/** What the starting thread sends once every part is counted: all parts' tables, and which share of their stacks is this worker's. */
export interface PrepareRequest {
  type: 'prepare';
  tables: SharedStackTable[];
  worker: number;
  workers: number;
}

/** Messages from an ingest worker to the thread that started it. */
export type IngestMessage =
  | { type: 'progress'; bytes: number }
  | { type: 'counted'; result: PartResult }
  | { type: 'prepared'; share: UnionShare }
  /** `format`: the input is malformed (the message names the line, counted from the part's start); otherwise reading failed. */
  | { type: 'failed'; format: boolean; message: string; code?: string };

type Port = NonNullable<typeof parentPort>;

function run(port: Port, part: FilePart): void {
  let result: PartResult;
  try {
    result = readFilePart(part, (bytes) => port.postMessage({ type: 'progress', bytes } satisfies IngestMessage));
  } catch (err) {
    fail(port, err);
    return;
  }
  port.once('message', (request: PrepareRequest) => {
    try {
      const share = prepareUnionShare(request.tables, request.worker, request.workers);
      const message: IngestMessage = { type: 'prepared', share };
      // Moved, not copied: each array owns its buffer (made with slice, never from a Buffer pool).
      const moved = [share.table, share.id, share.contextIndex, share.frameStarts, share.frameIds, share.counts].map((a) => a.buffer as ArrayBuffer);
      port.postMessage(message, moved);
    } catch (err) {
      fail(port, err);
    }
  });
  // The tables' memory is shared with the other workers, not copied.
  port.postMessage({ type: 'counted', result } satisfies IngestMessage);
}

function fail(port: Port, err: unknown): void {
  const e = err as NodeJS.ErrnoException;
  const message = e instanceof Error ? e.message : String(err);
  port.postMessage({ type: 'failed', format: err instanceof ProfileFormatError, message, code: e?.code } satisfies IngestMessage);
  port.close();
}

if (parentPort && (workerData as { ingestPart?: FilePart } | undefined)?.ingestPart) {
  run(parentPort, (workerData as { ingestPart: FilePart }).ingestPart);
}
