// Classifies a frame name into the kinds the flamegraph colours differently.

export type FrameKind = 'k8s' | 'user' | 'kernel' | 'java' | 'unsymbolized';

export const FRAME_KINDS: readonly FrameKind[] = ['k8s', 'user', 'kernel', 'java', 'unsymbolized'];

// `0x7f3a…` as Pixie prints it, or a bare address as perf does (`7f3a1c2b3d4e`). A bare
// run of hex letters must hold a digit and be long enough, or `deface`/`facade` would count.
const HEX_ADDRESS = /^0x[0-9a-f]+$/i;
const BARE_HEX_ADDRESS = /^(?=[a-f]*\d)[0-9a-f]{8,}$/i;
const MODULE_OFFSET = /^\[m\]\s/;

/**
 * Kind of a leaf-side frame as samplers print it. k8s frames are never
 * classified here: they are made by the model (see k8sFrames.ts), not parsed.
 */
export function classifyFrame(name: string): FrameKind {
  if (name.startsWith('[k] ') || name.endsWith('_[k]')) return 'kernel';
  if (name.startsWith('[j] ') || name.endsWith('_[j]')) return 'java';
  if (
    MODULE_OFFSET.test(name) ||
    HEX_ADDRESS.test(name) ||
    BARE_HEX_ADDRESS.test(name) ||
    name === '<not symbolized>' ||
    name === '<stack trace lost>' ||
    name === '[unknown]'
  ) {
    return 'unsymbolized';
  }
  return 'user';
}
