// Turns one counted stack (its raw bytes in a stack table) into a context and interned frame ids: escapes decoded, leading k8s frames lifted.

import { K8sContext } from '../k8sContext';
import { ContextPool } from '../profile';
import { FrameNames } from './frameNames';
import { liftK8sFrames } from './k8sFramePrefix';
import type { Place } from './stackTable';

const N = 0x6e;
const P = 0x70;
const C = 0x63;
const K8S_PREFIXES = ['node: ', 'namespace: ', 'pod: ', 'container: ', 'pid: '].map((p) => Buffer.from(p));

/**
 * Appends the frame ids of the stack in `bytes[from, to)` to `out` and gives its context:
 * `placeCtx` (the interned context of `place`), or, when the stack starts with k8s frames,
 * those merged under the place's columns (columns win). `escaped`: the bytes are JSON
 * string content with escapes.
 */
export function stackFrames(
  bytes: Buffer,
  from: number,
  to: number,
  escaped: boolean,
  place: Place,
  placeCtx: K8sContext | undefined,
  frames: FrameNames,
  pool: ContextPool,
  out: number[],
): K8sContext | undefined {
  if (!escaped && !startsWithK8sFrame(bytes, from, to)) {
    frames.split(bytes, from, to, out);
    return placeCtx;
  }
  // Rare: JSON escapes to decode, or k8s frames to lift; then split the clean bytes.
  const raw = bytes.toString('utf8', from, to);
  const text = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
  const lifted = liftK8sFrames(text);
  let ctx = placeCtx;
  if (lifted.ctx) {
    ctx = pool.intern({
      node: place.node ?? lifted.ctx.node,
      namespace: place.namespace ?? lifted.ctx.namespace,
      pod: place.pod ?? lifted.ctx.pod,
      container: place.container ?? lifted.ctx.container,
      process: place.process ?? lifted.ctx.process,
    });
  }
  const clean = Buffer.from(lifted.stack, 'utf8');
  frames.split(clean, 0, clean.length, out);
  return ctx;
}

/** Whether a stack starts with a k8s frame as Pixie's UI writes them (checked on bytes, before any decoding). */
function startsWithK8sFrame(buf: Uint8Array, from: number, to: number): boolean {
  const first = buf[from];
  if (first !== N && first !== P && first !== C) return false;
  for (const prefix of K8S_PREFIXES) {
    if (to - from < prefix.length) continue;
    let k = 0;
    while (k < prefix.length && buf[from + k] === prefix[k]) k++;
    if (k === prefix.length) return true;
  }
  return false;
}
