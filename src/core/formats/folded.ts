// Reads Brendan Gregg's folded stacks (`a;b;c 12`, root first), as flamegraph.pl, perf and Pixie's UI export them.
//
// One stack per line, frames joined by `;`, then whitespace and a sample count (an
// integer, or a decimal as some tools write). Blank lines are skipped; CRLF is fine;
// there are no comments. Leading k8s frames (`node: X;namespace: Y;pod: Z;container: C;pid: P`,
// as Pixie's UI and our folded writer put them) become the stack's k8s context.

import { Profile, ProfileBuilder } from '../profile';
import { excerpt, ProfileFormatError } from './formatError';
import { liftK8sFrames } from './k8sFramePrefix';
import { LineSplitter } from './lineSplitter';
import { ProfileReader, requireSamples } from './profileReader';

const COUNT = /^\d+(?:\.\d+)?$/;

export class FoldedReader implements ProfileReader {
  private readonly builder = new ProfileBuilder();
  private readonly lines = new LineSplitter((line, n) => this.addLine(line, n));

  constructor(private readonly source?: string) {}

  push(bytes: Uint8Array): void {
    this.lines.pushBytes(bytes);
  }

  pushText(text: string): void {
    this.lines.pushText(text);
  }

  finish(): Profile {
    this.lines.end();
    return requireSamples(this.builder.build('folded', this.source ? { source: this.source } : {}));
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
    const lifted = liftK8sFrames(line.slice(0, stackEnd));
    this.builder.add(lifted.stack, Number(countText), lifted.ctx);
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
