// Turns counted stacks (raw bytes in a stack table) into contexts and interned frame ids: escapes decoded, leading k8s frames lifted.

import { K8sContext } from '../k8sContext';
import { ContextPool } from '../profile';
import { FrameNames } from './frameNames';
import { liftK8sFrameBytes, liftK8sFrames } from './k8sFramePrefix';
import type { Place } from './stackTable';

const N = 0x6e;
const P = 0x70;
const C = 0x63;
/** Past this many distinct k8s frame prefixes, stop remembering them (each is a few hundred bytes). */
const MAX_PREFIXES = 10_000;

export class StackDecoder {
  /** Frame names by id. */
  readonly frames = new FrameNames();
  /** The context of each k8s frame prefix seen, by place then by the prefix's bytes (as latin1 text: one char per byte). */
  private readonly prefixes = new Map<Place, Map<string, K8sContext | undefined>>();
  private prefixCount = 0;

  constructor(private readonly pool: ContextPool) {}

  /**
   * Appends the frame ids of the stack in `bytes[from, to)` to `out` and gives its context:
   * `placeCtx` (the interned context of `place`), or, when the stack starts with k8s frames
   * (as Pixie's UI exports them), those merged under the place's columns (columns win).
   * `escaped`: the bytes are JSON string content with escapes.
   */
  decode(bytes: Buffer, from: number, to: number, escaped: boolean, place: Place, placeCtx: K8sContext | undefined, out: number[]): K8sContext | undefined {
    if (escaped) return this.decodeEscaped(bytes.toString('utf8', from, to), place, placeCtx, out);
    if (!startsWithK8sFrame(bytes, from, to)) {
      this.frames.split(bytes, from, to, out);
      return placeCtx;
    }
    // A profile has a few k8s prefixes (one per pod) repeated on every stack: lift each once.
    const { end } = liftK8sFrameBytes(bytes, from, to, false);
    let byPrefix = this.prefixes.get(place);
    const key = bytes.toString('latin1', from, end);
    let ctx = byPrefix?.get(key);
    if (ctx === undefined && !byPrefix?.has(key)) {
      ctx = this.merged(place, placeCtx, liftK8sFrameBytes(bytes, from, end, true).ctx);
      if (this.prefixCount < MAX_PREFIXES) {
        if (!byPrefix) this.prefixes.set(place, (byPrefix = new Map()));
        byPrefix.set(key, ctx);
        this.prefixCount++;
      }
    }
    this.frames.split(bytes, end, to, out);
    return ctx;
  }

  /** Rare: JSON escapes to decode; then lift and split the clean text. */
  private decodeEscaped(raw: string, place: Place, placeCtx: K8sContext | undefined, out: number[]): K8sContext | undefined {
    const lifted = liftK8sFrames(JSON.parse(`"${raw}"`) as string);
    const clean = Buffer.from(lifted.stack, 'utf8');
    this.frames.split(clean, 0, clean.length, out);
    return this.merged(place, placeCtx, lifted.ctx);
  }

  private merged(place: Place, placeCtx: K8sContext | undefined, lifted: K8sContext | undefined): K8sContext | undefined {
    if (!lifted) return placeCtx;
    return this.pool.intern({
      node: place.node ?? lifted.node,
      namespace: place.namespace ?? lifted.namespace,
      pod: place.pod ?? lifted.pod,
      container: place.container ?? lifted.container,
      process: place.process ?? lifted.process,
    });
  }
}

const LABELS = ['node: ', 'namespace: ', 'pod: ', 'container: ', 'pid: '].map((p) => Buffer.from(p));

/** Whether a stack starts with a k8s frame as Pixie's UI writes them (checked on bytes, before any decoding). */
function startsWithK8sFrame(buf: Uint8Array, from: number, to: number): boolean {
  const first = buf[from];
  if (first !== N && first !== P && first !== C) return false;
  for (const prefix of LABELS) {
    if (to - from < prefix.length) continue;
    let k = 0;
    while (k < prefix.length && buf[from + k] === prefix[k]) k++;
    if (k === prefix.length) return true;
  }
  return false;
}
