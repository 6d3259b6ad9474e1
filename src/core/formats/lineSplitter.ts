// Cuts a byte or text stream into numbered lines, holding only the unfinished last line between chunks.

export type LineHandler = (line: string, lineNumber: number) => void;

/** Sees a line as bytes first (`buf[start, end)`, line end excluded); returning true means it was handled. */
export type LineBytesHandler = (buf: Buffer, start: number, end: number, lineNumber: number) => boolean;

const NEWLINE = 10;
const CR = 13;

/**
 * Accepts `\n` and `\r\n` endings; a byte order mark at the start is dropped. Bytes are
 * split before decoding (a `\n` byte never sits inside a UTF-8 sequence), and each line is
 * decoded on its own: about three times faster than decoding chunks and splitting strings.
 */
export class LineSplitter {
  private restBytes: Buffer | undefined;
  private restText = '';
  private lineNumber = 0;
  private started = false;

  /**
   * `insideFile`: the bytes start somewhere after a newline in a file (one part of a file
   * read in parallel), so a byte order mark there is data, as it would be in the whole file.
   */
  constructor(
    private readonly onLine: LineHandler,
    private readonly onLineBytes?: LineBytesHandler,
    insideFile = false,
  ) {
    this.started = insideFile;
  }

  /** Lines handed out so far. */
  get lines(): number {
    return this.lineNumber;
  }

  pushBytes(bytes: Uint8Array): void {
    let buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!this.started && buf.length > 0) {
      this.started = true;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    let start = 0;
    let newline = buf.indexOf(NEWLINE);
    if (newline >= 0 && this.restBytes) {
      const line = Buffer.concat([this.restBytes, buf.subarray(0, newline)]);
      this.restBytes = undefined;
      this.emit(line, 0, line.length);
      start = newline + 1;
      newline = buf.indexOf(NEWLINE, start);
    }
    while (newline >= 0) {
      this.emit(buf, start, newline);
      start = newline + 1;
      newline = buf.indexOf(NEWLINE, start);
    }
    if (start < buf.length) {
      // Copy: the caller may reuse its buffer.
      const tail = Buffer.from(buf.subarray(start));
      this.restBytes = this.restBytes ? Buffer.concat([this.restBytes, tail]) : tail;
    }
  }

  pushText(chunk: string): void {
    let text = this.restText.length > 0 ? this.restText + chunk : chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      const end = newline > start && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
      this.onLine(text.slice(start, end), ++this.lineNumber);
      start = newline + 1;
    }
    this.restText = start === 0 ? text : text.slice(start);
  }

  /** Flushes the last line (files often lack a final newline). */
  end(): void {
    if (this.restBytes) {
      const rest = this.restBytes;
      this.restBytes = undefined;
      this.emit(rest, 0, rest.length);
    }
    if (this.restText.length > 0) {
      const last = this.restText.endsWith('\r') ? this.restText.slice(0, -1) : this.restText;
      this.restText = '';
      this.onLine(last, ++this.lineNumber);
    }
  }

  private emit(buf: Buffer, start: number, end: number): void {
    if (end > start && buf[end - 1] === CR) end--;
    const lineNumber = ++this.lineNumber;
    if (this.onLineBytes?.(buf, start, end, lineNumber)) return;
    this.onLine(buf.toString('utf8', start, end), lineNumber);
  }
}
