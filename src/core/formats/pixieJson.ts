// Reads Pixie flamegraph rows saved as JSON: one object per line (`px run -o json`) or a JSON array of them.

import { Profile } from '../profile';
import { excerpt, ProfileFormatError } from './formatError';
import { LineSplitter } from './lineSplitter';
import { PixieRowBytes } from './pixieRowBytes';
import { PixieRowAggregator } from './pixieRows';
import { ProfileReader, requireSamples } from './profileReader';

/** JSON Lines: memory stays bounded by unique stacks however many rows the file has. */
export class PixieJsonlReader implements ProfileReader {
  private readonly rows = new PixieRowAggregator();
  /** Most rows are counted from their bytes; the rest (and every error) take the string path below. */
  private readonly plainRows = new PixieRowBytes(this.rows);
  private readonly lines = new LineSplitter(
    (line, n) => this.addLine(line, n),
    (buf, start, end) => this.plainRows.tryAdd(buf, start, end),
  );

  constructor(private readonly source?: string) {}

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

  private addLine(line: string, lineNumber: number): void {
    if (this.addPlainRow(line)) return;
    if (isBlank(line)) return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (err) {
      throw new ProfileFormatError(`line ${lineNumber}: not valid JSON (${jsonReason(err)}): \`${excerpt(line)}\``);
    }
    this.rows.addRow(row, `line ${lineNumber}`);
  }

  /**
   * The fast path for the common row: one object per line whose columns are strings and
   * whose count is an integer. It takes the values out with indexOf instead of JSON.parse
   * (which builds an object per row and was half of a million-row ingest). Anything else
   * returns false and goes through JSON.parse, which also makes the error messages.
   */
  private addPlainRow(line: string): boolean {
    if (line.charCodeAt(0) !== 123 || line.charCodeAt(line.length - 1) !== 125) return false;
    const stackAt = valueStart(line, '"stack_trace"', 0);
    if (stackAt < 0 || line.charCodeAt(stackAt) !== 34) return false;
    const stackEnd = stringEnd(line, stackAt + 1);
    const stack = stringValue(line, stackAt, stackEnd);
    if (stack === undefined) return false;
    let countAt = valueStart(line, '"count"', stackEnd);
    if (countAt < 0) countAt = valueStart(line, '"count"', 0);
    if (countAt < 0) return false;
    let count = 0;
    let i = countAt;
    for (let c = line.charCodeAt(i); c >= 48 && c <= 57; c = line.charCodeAt(++i)) count = count * 10 + (c - 48);
    const after = line.charCodeAt(i);
    if (i === countAt || (after !== 44 && after !== 125 && after !== 32)) return false;
    // Columns are looked for in Pixie's order, each from where the last one ended, so a
    // row in that order is read in one pass; other orders fall back to a search from the start.
    const cursor = { at: 0 };
    const node = stringColumn(line, '"node"', cursor);
    const namespace = stringColumn(line, '"namespace"', cursor);
    const pod = stringColumn(line, '"pod"', cursor);
    const container = stringColumn(line, '"container"', cursor);
    const cmdline = stringColumn(line, '"cmdline"', cursor);
    if (node === null || namespace === null || pod === null || container === null || cmdline === null) return false;
    if (cmdline === undefined && line.indexOf('"pid"') >= 0) return false;
    this.rows.addFields(stack, count, node, namespace, pod, container, cmdline);
    return true;
  }
}

/** Index of the value after `"key"` and its colon, or -1 when the key is not there. */
function valueStart(line: string, quotedKey: string, from: number): number {
  const at = line.indexOf(quotedKey, from);
  if (at < 0) return -1;
  let i = at + quotedKey.length;
  while (line.charCodeAt(i) === 32) i++;
  if (line.charCodeAt(i) !== 58) return -1;
  i++;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** Index of the quote that closes a string starting at `from` (skipping escaped quotes), or -1. */
function stringEnd(line: string, from: number): number {
  let end = line.indexOf('"', from);
  while (end > 0 && line.charCodeAt(end - 1) === 92) {
    let backslashes = 1;
    while (line.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) break;
    end = line.indexOf('"', end + 1);
  }
  return end;
}

/** The string between the quotes at `open` and `close`, unescaped; undefined when malformed. */
function stringValue(line: string, open: number, close: number): string | undefined {
  if (close < 0) return undefined;
  const raw = line.slice(open + 1, close);
  if (raw.indexOf('\\') < 0) return raw;
  try {
    return JSON.parse(line.slice(open, close + 1)) as string;
  } catch {
    return undefined;
  }
}

/** The string value of a column; undefined when absent, null when present but not a plain string (the slow path decides). */
function stringColumn(line: string, quotedKey: string, cursor: { at: number }): string | undefined | null {
  let at = valueStart(line, quotedKey, cursor.at);
  if (at < 0 && cursor.at > 0) at = valueStart(line, quotedKey, 0);
  if (at < 0) return line.indexOf(quotedKey) >= 0 ? null : undefined;
  if (line.charCodeAt(at) !== 34) return null;
  const end = stringEnd(line, at + 1);
  const value = stringValue(line, at, end);
  if (value === undefined) return null;
  cursor.at = end + 1;
  return value;
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
