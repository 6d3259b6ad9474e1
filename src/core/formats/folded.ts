// Reads Brendan Gregg's folded stacks (`a;b;c 12`, root first), as flamegraph.pl, perf and Pixie's UI export them.
//
// One stack per line, frames joined by `;`, then whitespace and a sample count (an
// integer, or a decimal as some tools write). Blank lines are skipped; CRLF is fine;
// there are no comments. Leading k8s frames (`node: X;namespace: Y;pod: Z;container: C;pid: P`,
// as Pixie's UI and our folded writer put them) become the stack's k8s context.

import { Profile } from '../profile';
import { excerpt, ProfileFormatError } from './formatError';
import { LineSplitter } from './lineSplitter';
import type { CountedPart, FilePartStart, PartReader } from './partReader';
import { ProfileReader, requireSamples } from './profileReader';
import { StackTable } from './stackTable';

const COUNT = /^\d+(?:\.\d+)?$/;

/** Stacks are counted in a StackTable (as Pixie rows are), which also lifts the k8s frames. */
export class FoldedReader implements ProfileReader, PartReader {
  private readonly table: StackTable;
  /** Folded lines carry no columns: every stack starts in the empty place. */
  private readonly nowhere: number;
  private readonly lines: LineSplitter;

  /** `part`: the input is one part of a file, counted for other threads to merge (see PartReader). */
  constructor(
    private readonly source?: string,
    part?: FilePartStart,
  ) {
    this.table = new StackTable({ shared: part !== undefined });
    this.nowhere = this.table.place();
    this.lines = new LineSplitter(
      (line, n) => this.addLine(line, n),
      (buf, start, end) => this.addLineBytes(buf, start, end),
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
    const profile: Profile = { format: 'folded', stacks: this.table.records(), totalSamples: this.table.totalSamples };
    return requireSamples(this.source ? { ...profile, source: this.source } : profile);
  }

  finishPart(): CountedPart {
    this.lines.end();
    return { table: this.table, lines: this.lines.lines };
  }

  /** Parses one line; exposed for sources that already have lines. */
  addLine(line: string, lineNumber: number): void {
    let end = line.length;
    while (end > 0 && isSpace(line.charCodeAt(end - 1))) end--;
    if (end === 0) return;
    let space = end - 1;
    while (space >= 0 && !isSpace(line.charCodeAt(space))) space--;
    let stackEnd = space;
    while (stackEnd > 0 && isSpace(line.charCodeAt(stackEnd - 1))) stackEnd--;
    const countText = line.slice(space + 1, end);
    if (space < 0 || stackEnd === 0 || !COUNT.test(countText)) {
      throw new ProfileFormatError(`line ${lineNumber}: expected \`stack count\` (frames joined by \`;\`, a space, a sample count), got \`${excerpt(line)}\``);
    }
    this.table.countString(line.slice(0, stackEnd), this.nowhere, Number(countText));
  }

  /** The common line (`stack <integer>`), straight from its bytes; anything else goes to addLine. */
  private addLineBytes(buf: Buffer, start: number, end: number): boolean {
    let last = end;
    while (last > start && (buf[last - 1] === 32 || buf[last - 1] === 9)) last--;
    let digits = last;
    let count = 0;
    let scale = 1;
    while (digits > start && buf[digits - 1] >= 48 && buf[digits - 1] <= 57) {
      count += (buf[digits - 1] - 48) * scale;
      scale *= 10;
      digits--;
    }
    if (digits === last || digits - start < 2 || (buf[digits - 1] !== 32 && buf[digits - 1] !== 9) || scale > 1e15) return false;
    let stackEnd = digits - 1;
    while (stackEnd > start && (buf[stackEnd - 1] === 32 || buf[stackEnd - 1] === 9)) stackEnd--;
    if (stackEnd === start) return false;
    this.table.count(buf, start, stackEnd, this.nowhere, count);
    return true;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** Reads a whole folded text (tests, small inputs). */
export function readFolded(text: string, source?: string): Profile {
  const reader = new FoldedReader(source);
  reader.pushText(text);
  return reader.finish();
}
