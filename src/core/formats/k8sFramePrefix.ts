// Lifts the k8s frames Pixie's UI prepends to a folded stack (`node: X;namespace: Y;pod: Z;...`) back into a K8sContext.

import { K8S_FRAME_LABEL, K8sContext, SCOPE_KEYS } from '../k8sContext';

const PREFIXES = SCOPE_KEYS.map((key) => `${K8S_FRAME_LABEL[key]}: `);

export interface LiftedStack {
  ctx: K8sContext | undefined;
  /** The stack without its k8s frames (unchanged when there were none). */
  stack: string;
}

/**
 * Only leading frames are lifted, each scope key at most once and in Pixie's order
 * (node, namespace, pod, container, pid), so a user frame that happens to read
 * `pod: x` deeper in the stack is left alone. A stack made only of k8s frames is
 * kept whole: its samples would otherwise have no frame to land on.
 */
export function liftK8sFrames(stack: string): LiftedStack {
  const first = stack.charCodeAt(0);
  // n(ode|amespace), p(od|id), c(ontainer): a cheap test before any string work.
  if (first !== 110 && first !== 112 && first !== 99) return { ctx: undefined, stack };
  let ctx: K8sContext | undefined;
  let pos = 0;
  let nextKey = 0;
  for (;;) {
    let matched = -1;
    for (let k = nextKey; k < PREFIXES.length; k++) {
      if (stack.startsWith(PREFIXES[k], pos)) {
        matched = k;
        break;
      }
    }
    if (matched < 0) break;
    const end = stack.indexOf(';', pos);
    if (end < 0) break;
    const value = stack.slice(pos + PREFIXES[matched].length, end);
    if (value) (ctx ??= {})[SCOPE_KEYS[matched]] = value;
    pos = end + 1;
    nextKey = matched + 1;
  }
  if (pos === 0) return { ctx: undefined, stack };
  return { ctx, stack: stack.slice(pos) };
}

const PREFIX_BYTES = PREFIXES.map((p) => Buffer.from(p));
const SEMICOLON = 0x3b;

/**
 * liftK8sFrames on the UTF-8 bytes of a stack, `bytes[from, to)`, without decoding the rest
 * of the stack: where the stack's own frames start (`from` when nothing is lifted) and,
 * with `values`, the lifted context.
 */
export function liftK8sFrameBytes(bytes: Buffer, from: number, to: number, values: boolean): { ctx: K8sContext | undefined; end: number } {
  let ctx: K8sContext | undefined;
  let pos = from;
  let nextKey = 0;
  for (;;) {
    let matched = -1;
    for (let k = nextKey; k < PREFIX_BYTES.length; k++) {
      if (startsWithBytes(bytes, pos, to, PREFIX_BYTES[k])) {
        matched = k;
        break;
      }
    }
    if (matched < 0) break;
    let end = pos;
    while (end < to && bytes[end] !== SEMICOLON) end++;
    if (end >= to) break;
    const valueFrom = pos + PREFIX_BYTES[matched].length;
    if (values && end > valueFrom) (ctx ??= {})[SCOPE_KEYS[matched]] = bytes.toString('utf8', valueFrom, end);
    pos = end + 1;
    nextKey = matched + 1;
  }
  return { ctx, end: pos };
}

function startsWithBytes(bytes: Uint8Array, at: number, to: number, prefix: Uint8Array): boolean {
  if (to - at < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (bytes[at + k] !== prefix[k]) return false;
  return true;
}
