// Reads one byte range of a line-format profile file (Pixie JSONL or folded) into a shared stack table: the first job of an ingest worker.

import { closeSync, openSync, readSync } from 'node:fs';
import { FoldedReader } from './folded';
import { PixieJsonlReader } from './pixieJson';
import { SharedStackTable, StackTable } from './stackTable';

/** The line formats a file can be cut into parts of (a newline always ends a row there). */
export type LineFormat = 'pixie-jsonl' | 'folded';

/** Where a part starts. `insideFile`: after a newline rather than at the file's start, so a byte order mark there is data. */
export interface FilePartStart {
  insideFile: boolean;
}

/** What a reader of one part of a file gives back: its counts, and how many lines it read (to number the next part's lines). */
export interface CountedPart {
  table: StackTable;
  lines: number;
}

/** A reader made for a part (constructed with a FilePartStart) counts into a shared table. */
export interface PartReader {
  push(bytes: Uint8Array): void;
  /** Ends the input; no "no samples" check, since the parts are merged first. */
  finishPart(): CountedPart;
}

/** One part of a file: `[start, end)`, where `start` is 0 or just after a newline. */
export interface FilePart {
  path: string;
  format: LineFormat;
  start: number;
  end: number;
  chunkBytes: number;
}

export interface PartResult {
  table: SharedStackTable;
  lines: number;
}

/**
 * Reads the part with blocking reads: it runs on a worker thread of its own, where
 * blocking costs nothing and saves a promise per chunk. `onChunk` gets the bytes read.
 */
export function readFilePart(part: FilePart, onChunk: (bytes: number) => void): PartResult {
  const start: FilePartStart = { insideFile: part.start > 0 };
  const reader: PartReader = part.format === 'folded' ? new FoldedReader(undefined, start) : new PixieJsonlReader(undefined, start);
  const buffer = Buffer.allocUnsafe(Math.min(part.chunkBytes, Math.max(1, part.end - part.start)));
  const fd = openSync(part.path, 'r');
  try {
    let at = part.start;
    while (at < part.end) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, part.end - at), at);
      if (n === 0) break;
      at += n;
      reader.push(buffer.subarray(0, n));
      onChunk(n);
    }
  } finally {
    closeSync(fd);
  }
  const { table, lines } = reader.finishPart();
  return { table: table.share(), lines };
}
