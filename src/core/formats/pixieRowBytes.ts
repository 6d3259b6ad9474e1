// Counts Pixie JSON rows straight from their bytes: a repeated stack costs a hash and a compare, no strings, no JSON.parse.
//
// A million-row `px run -o json` export repeats a few hundred thousand stacks in a few
// dozen places. Decoding each line, parsing it and looking its stack string up in a Map
// took ~4.5 µs a row; here the stack's bytes go straight to the StackTable and the k8s
// columns are recognised by their raw bytes, parsed once per distinct set.
//
// Only the shape px prints is taken: `{` … the k8s columns … `"stack_trace_id":N,`
// `"stack_trace":"…","count":N` … `}` with the k8s columns before the first
// `"stack_trace` key and none after it. Anything else (another column order, a count
// that is not an integer, a line that does not parse) returns false and takes the
// string path, which also makes the error messages.

import { PixieRowAggregator } from './pixieRows';
import { Place, sampledHash } from './stackTable';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const SPACE = 0x20;
const OPEN = 0x7b;
const CLOSE = 0x7d;

const STACK_PREFIX = Buffer.from('"stack_trace');
/** Horspool's skip per byte for STACK_PREFIX, made once: Buffer#indexOf with a Buffer needle makes its table on every call (~0.3 µs a row). */
const STACK_PREFIX_SKIP = skipTable(STACK_PREFIX);
const STACK_PREFIX_LAST = STACK_PREFIX[STACK_PREFIX.length - 1];
/** px prints `"stack_trace_id":N,` right before the stack: after this, the digits. */
const ID_REST = '_id":';
const COUNT = 'count';
const CONTEXT_KEYS = ['node', 'namespace', 'pod', 'container', 'cmdline', 'pid'];

/** Past this many distinct column prefixes the rows carry a per-row column there: stop caching them. */
const MAX_PLACES = 20_000;

interface PlaceColumns {
  /** The raw bytes of the columns before `"stack_trace`, as a cache key. */
  bytes: Buffer;
  /** The stack table's place for them. */
  place: number;
}

export class PixieRowBytes {
  /** Place ids by the raw bytes of the columns before the stack. */
  private readonly places: PlaceColumns[] = [];
  private readonly placeIndex = new Map<number, number | number[]>();
  private cachePlaces = true;

  /** Where the next backslash of `scanned` is at or after `scannedFrom` (-1: none left). */
  private scanned: Buffer | undefined;
  private scannedFrom = 0;
  private nextBackslash = -1;

  constructor(private readonly rows: PixieRowAggregator) {}

  /** Counts the row in `buf[start, end)` if it has the common shape; false leaves it to the string path. */
  tryAdd(buf: Buffer, start: number, end: number): boolean {
    if (end - start < 20 || buf[start] !== OPEN || buf[end - 1] !== CLOSE) return false;
    const first = findStackPrefix(buf, start, end);
    if (first < 0) return false;
    const key = buf[first + STACK_PREFIX.length] === QUOTE ? first : stackKeyAfter(buf, first, end);
    if (key < 0) return false;
    let open = skipSpaces(buf, key + STACK_PREFIX.length + 1, end);
    if (buf[open] !== COLON) return false;
    open = skipSpaces(buf, open + 1, end);
    if (buf[open] !== QUOTE) return false;
    const hasEscape = this.hasBackslash(buf, open + 1, end);
    const close = hasEscape ? escapedStringEnd(buf, open + 1, end) : buf.indexOf(QUOTE, open + 1);
    if (close < 0 || close >= end) return false;

    // The count and any stray k8s column live in the short stretches around the stack.
    let count = countIn(buf, close + 1, end);
    if (count === NOT_PLAIN) return false;
    if (count === ABSENT) {
      count = countIn(buf, first, key);
      if (count === NOT_PLAIN || count === ABSENT) return false;
    }

    const place = this.placeFor(buf, start + 1, first);
    if (place < 0) return false;
    this.rows.countRows(1);
    if (count > 0 && close > open + 1) this.rows.table.count(buf, open + 1, close, place, count, hasEscape && this.nextBackslash < close);
    return true;
  }

  /** The table's place for the columns in `buf[from, to)`, parsing them the first time; -1 when they are not plain k8s columns. */
  private placeFor(buf: Buffer, from: number, to: number): number {
    const length = to - from;
    const hash = sampledHash(buf, from, to);
    const bucket = this.placeIndex.get(hash);
    if (typeof bucket === 'number') {
      if (this.samePlace(bucket, buf, from, to, length)) return this.places[bucket].place;
    } else if (bucket !== undefined) {
      for (const id of bucket) if (this.samePlace(id, buf, from, to, length)) return this.places[id].place;
    }
    const columns = parsePlace(buf, from, to);
    if (!columns) return -1;
    const place = this.rows.table.place(columns.node, columns.namespace, columns.pod, columns.container, columns.process);
    if (this.cachePlaces) {
      const id = this.places.length;
      this.places.push({ bytes: Buffer.from(buf.subarray(from, to)), place });
      if (bucket === undefined) this.placeIndex.set(hash, id);
      else if (typeof bucket === 'number') this.placeIndex.set(hash, [bucket, id]);
      else bucket.push(id);
      if (this.places.length > MAX_PLACES) {
        // Some column there changes from row to row: caching would only grow.
        this.cachePlaces = false;
        this.placeIndex.clear();
        this.places.length = 0;
      }
    }
    return place;
  }

  private samePlace(id: number, buf: Buffer, from: number, to: number, length: number): boolean {
    const bytes = this.places[id].bytes;
    return bytes.length === length && bytes.compare(buf, from, to) === 0;
  }

  /** Whether `buf[from, to)` holds a backslash; lines come in order, so each chunk is scanned once. */
  private hasBackslash(buf: Buffer, from: number, to: number): boolean {
    if (buf !== this.scanned || from < this.scannedFrom) {
      this.scanned = buf;
      this.scannedFrom = from;
      this.nextBackslash = buf.indexOf(BACKSLASH, from);
    } else if (this.nextBackslash >= 0 && this.nextBackslash < from) {
      this.scannedFrom = from;
      this.nextBackslash = buf.indexOf(BACKSLASH, from);
    }
    return this.nextBackslash >= 0 && this.nextBackslash < to;
  }
}

/** Where `"stack_trace` first starts in `buf[from, to)`; -1 if it does not. */
function findStackPrefix(buf: Buffer, from: number, to: number): number {
  const last = STACK_PREFIX.length - 1;
  for (let i = from + last; i < to; ) {
    const b = buf[i];
    if (b === STACK_PREFIX_LAST) {
      let k = last - 1;
      while (k >= 0 && buf[i - last + k] === STACK_PREFIX[k]) k--;
      if (k < 0) return i - last;
    }
    i += STACK_PREFIX_SKIP[b];
  }
  return -1;
}

/**
 * The `"stack_trace"` key after the `"stack_trace…` at `first` that is another key (px's
 * `"stack_trace_id":N,` comes first): straight after the id's digits when px wrote it so,
 * else searched for. -1 if there is none before `to`.
 */
function stackKeyAfter(buf: Buffer, first: number, to: number): number {
  let at = first + STACK_PREFIX.length;
  if (equalsAscii(buf, at, ID_REST)) {
    at = skipSpaces(buf, at + ID_REST.length, to);
    while (buf[at] >= 48 && buf[at] <= 57) at++;
    if (buf[at] === COMMA) {
      at = skipSpaces(buf, at + 1, to);
      if (at + STACK_PREFIX.length < to && buf[at + STACK_PREFIX.length] === QUOTE && equalsBytes(buf, at, STACK_PREFIX)) return at;
    }
  }
  for (let from = first + 1; ; ) {
    const next = findStackPrefix(buf, from, to);
    if (next < 0 || next + STACK_PREFIX.length >= to) return -1;
    if (buf[next + STACK_PREFIX.length] === QUOTE) return next;
    from = next + 1;
  }
}

function skipTable(pattern: Uint8Array): Uint8Array {
  const skip = new Uint8Array(256).fill(pattern.length);
  for (let k = 0; k < pattern.length - 1; k++) skip[pattern[k]] = pattern.length - 1 - k;
  return skip;
}

function equalsBytes(buf: Buffer, at: number, bytes: Uint8Array): boolean {
  for (let k = 0; k < bytes.length; k++) if (buf[at + k] !== bytes[k]) return false;
  return true;
}

const ABSENT = -1;
const NOT_PLAIN = -2;

/**
 * Walks the keys of a stretch of a row (`,"count":120,"percent":16.04}`): the value of
 * `count` when it is a plain integer, ABSENT without one, NOT_PLAIN when the stretch
 * holds a k8s column or a count that is not a plain integer.
 */
function countIn(buf: Buffer, from: number, to: number): number {
  let count = ABSENT;
  let i = from;
  while (i < to) {
    const b = buf[i];
    if (b !== QUOTE) {
      i++;
      continue;
    }
    // A quote right after `{` or `,` starts a key; any other quote starts a string value.
    let before = i - 1;
    while (before >= from && buf[before] === SPACE) before--;
    const isKey = before >= from ? buf[before] === COMMA || buf[before] === OPEN : true;
    const closeQuote = shortStringEnd(buf, i + 1, to);
    if (closeQuote < 0) return NOT_PLAIN;
    if (isKey) {
      const keyLength = closeQuote - i - 1;
      if (isContextKey(buf, i + 1, keyLength)) return NOT_PLAIN;
      if (keyLength === 5 && equalsAscii(buf, i + 1, COUNT)) {
        let at = skipSpaces(buf, closeQuote + 1, to);
        if (buf[at] !== COLON) return NOT_PLAIN;
        at = skipSpaces(buf, at + 1, to);
        let n = 0;
        const digitsFrom = at;
        for (let c = buf[at]; c >= 48 && c <= 57; c = buf[++at]) n = n * 10 + (c - 48);
        const after = buf[at];
        if (at === digitsFrom || (after !== COMMA && after !== CLOSE && after !== SPACE)) return NOT_PLAIN;
        count = n;
        i = at;
        continue;
      }
    }
    i = closeQuote + 1;
  }
  return count;
}

function isContextKey(buf: Buffer, at: number, length: number): boolean {
  for (const key of CONTEXT_KEYS) if (key.length === length && equalsAscii(buf, at, key)) return true;
  return false;
}

/** Byte-by-byte in JS: for a handful of bytes this beats a call into Buffer.compare. */
function equalsAscii(buf: Buffer, at: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (buf[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** Parses the k8s columns of a row prefix (`"_tableName_":"output","node":"…",…,`); undefined when it is anything else. */
function parsePlace(buf: Buffer, from: number, to: number): Place | undefined {
  let end = to;
  while (end > from && (buf[end - 1] === SPACE || buf[end - 1] === COMMA)) end--;
  let columns: Record<string, unknown>;
  try {
    columns = JSON.parse(`{${buf.toString('utf8', from, end)}}`) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if ('count' in columns || 'stack_trace' in columns) return undefined;
  const text = (key: string): string | undefined | null => {
    const v = columns[key];
    if (v === undefined || v === '') return undefined;
    return typeof v === 'string' ? v : null;
  };
  const node = text('node');
  const namespace = text('namespace');
  const pod = text('pod');
  const container = text('container');
  const cmdline = text('cmdline');
  const process = cmdline === undefined ? text('pid') : cmdline;
  // Numbers (px prints numeric-looking strings as numbers) and the like take the general path.
  if (node === null || namespace === null || pod === null || container === null || process === null) return undefined;
  return { node, namespace, pod, container, process };
}

/** The closing quote of a string whose content starts at `from`, skipping escaped quotes; -1 if none before `to`. */
function escapedStringEnd(buf: Buffer, from: number, to: number): number {
  let q = buf.indexOf(QUOTE, from);
  while (q >= 0 && q < to && buf[q - 1] === BACKSLASH) {
    let backslashes = 1;
    while (buf[q - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) break;
    q = buf.indexOf(QUOTE, q + 1);
  }
  return q >= 0 && q < to ? q : -1;
}

/** escapedStringEnd for the few bytes of a key or short value: a JS loop beats a call into indexOf there. */
function shortStringEnd(buf: Buffer, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const b = buf[i];
    if (b === BACKSLASH) i++;
    else if (b === QUOTE) return i;
  }
  return -1;
}

function skipSpaces(buf: Buffer, at: number, to: number): number {
  while (at < to && buf[at] === SPACE) at++;
  return at;
}
