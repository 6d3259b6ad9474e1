// Writes a profile as folded stacks or as Pixie JSON rows, in chunks sized for a stream.

import { k8sFrames } from '../k8sContext';
import { Profile, StackRecord } from '../profile';

const CHUNK_CHARS = 256 * 1024;

/**
 * `node: X;namespace: Y;pod: Z;container: C;pid: P;frame;frame N`, one stack per line:
 * the k8s frames come first, as Pixie's UI shows them, so the folded reader restores the
 * contexts. Folded text cannot hold `;` or a line break inside a frame: those become `,` and a space.
 */
export function* foldedText(profile: Profile): Generator<string> {
  yield* chunked(profile.stacks, (s) => {
    const frames = [...k8sFrames(s.ctx), ...s.frames].map(cleanFrame);
    return `${frames.join(';')} ${s.count}\n`;
  });
}

/**
 * One JSON object per line, in the shape and column order `px run -o json px/perf_flamegraph`
 * prints: the k8s columns that are known (`pod` as `namespace/pod`), then `stack_trace` and `count`.
 */
export function* pixieJsonText(profile: Profile): Generator<string> {
  yield* chunked(profile.stacks, (s) => {
    const row: Record<string, string | number> = {};
    const ctx = s.ctx;
    if (ctx?.node) row.node = ctx.node;
    if (ctx?.namespace) row.namespace = ctx.namespace;
    if (ctx?.pod) row.pod = ctx.namespace ? `${ctx.namespace}/${ctx.pod}` : ctx.pod;
    if (ctx?.container) row.container = ctx.container;
    if (ctx?.process) row.cmdline = ctx.process;
    row.stack_trace = s.frames.map(cleanFrame).join(';');
    row.count = s.count;
    return `${JSON.stringify(row)}\n`;
  });
}

function* chunked(stacks: readonly StackRecord[], line: (s: StackRecord) => string): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const s of stacks) {
    const text = line(s);
    parts.push(text);
    size += text.length;
    if (size >= CHUNK_CHARS) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

function cleanFrame(frame: string): string {
  return /[;\r\n]/.test(frame) ? frame.replace(/;/g, ',').replace(/[\r\n]+/g, ' ') : frame;
}

/** The whole text at once (small profiles, tests). */
export function toText(chunks: Iterable<string>): string {
  return [...chunks].join('');
}
