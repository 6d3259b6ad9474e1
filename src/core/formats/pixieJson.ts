// Reads Pixie flamegraph rows saved as JSON: one object per line (`px run -o json`) or a JSON array of them.

import { Profile } from '../profile';
import { excerpt, ProfileFormatError } from './formatError';
import { LineSplitter } from './lineSplitter';
import { PixieRowBytes } from './pixieRowBytes';
import { PixieRowAggregator } from './pixieRows';
import type { CountedPart, FilePartStart, PartReader } from './partReader';
import { ProfileReader, requireSamples } from './profileReader';

/** JSON Lines: memory stays bounded by unique stacks however many rows the file has. */
export class PixieJsonlReader implements ProfileReader, PartReader {
  private readonly rows: PixieRowAggregator;
  /** Most rows are counted straight from their bytes; the rest (and every error) go through JSON.parse. */
  private readonly plainRows: PixieRowBytes;
  private readonly lines: LineSplitter;

  /** `part`: the input is one part of a file, counted for other threads to merge (see PartReader). */
  constructor(
    private readonly source?: string,
    part?: FilePartStart,
  ) {
    this.rows = new PixieRowAggregator(part ? { sharedTable: true } : {});
    this.plainRows = new PixieRowBytes(this.rows);
    this.lines = new LineSplitter(
      (line, n) => this.addLine(line, n),
      (buf, start, end) => this.plainRows.tryAdd(buf, start, end),
      part?.insideFile ?? false,
    );
  }

  push(bytes: Uint8Array): void {
    this.lines.pushBytes(bytes);
  }

  pushText(text: string): void {
    this.lines.pushText(text);
  }

  finish(): Profile {
    this.lines.end();
    return requireSamples(this.rows.build(this.source ? { source: this.source } : {}));
  }

  finishPart(): CountedPart {
    this.lines.end();
    return { table: this.rows.table, lines: this.lines.lines };
  }

  /** A row the byte path did not take (another column order, numbers as strings, …), or a broken line. */
  private addLine(line: string, lineNumber: number): void {
    if (isBlank(line)) return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (err) {
      throw new ProfileFormatError(`line ${lineNumber}: not valid JSON (${jsonReason(err)}): \`${excerpt(line)}\``);
    }
    this.rows.addRow(row, `line ${lineNumber}`);
  }
}

/** A JSON array of rows (e.g. saved from a script or the Pixie API). */
export function readPixieJsonArray(bytes: Uint8Array, source?: string): Profile {
  const value = parseJsonDocument(bytes, 'Pixie JSON rows');
  if (!Array.isArray(value)) throw new ProfileFormatError('expected a JSON array of Pixie rows (objects with `stack_trace` and `count`)');
  const rows = new PixieRowAggregator();
  value.forEach((row, i) => rows.addRow(row, `row ${i + 1}`));
  return requireSamples(rows.build(source ? { source } : {}));
}

/** Parses a whole JSON document, turning parser and size failures into messages a user can act on. */
export function parseJsonDocument(bytes: Uint8Array, what: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(bytes);
  } catch {
    throw new ProfileFormatError(`${what}: the file is too large to read as one JSON document (${Math.round(bytes.length / 2 ** 20)} MB)`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ProfileFormatError(`${what}: not valid JSON (${jsonReason(err)})`);
  }
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function jsonReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0];
}
