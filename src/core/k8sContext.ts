// Kubernetes context of a stack (where it ran) and the frames Pixie's UI prepends for it.

export interface K8sContext {
  node?: string;
  namespace?: string;
  pod?: string;
  container?: string;
  /** Command line or process name (Pixie's `cmdline`, or `pid: 123` style labels). */
  process?: string;
}

/** The scope dimensions a user can narrow a profile by, in root-to-leaf order. */
export const SCOPE_KEYS = ['node', 'namespace', 'pod', 'container', 'process'] as const;
export type ScopeKey = (typeof SCOPE_KEYS)[number];

/** Prefix text of each k8s frame, as in Pixie's flamegraph (`namespace: default`). */
export const K8S_FRAME_LABEL: Record<ScopeKey, string> = {
  node: 'node',
  namespace: 'namespace',
  pod: 'pod',
  container: 'container',
  process: 'pid',
};

/**
 * Pixie prints pods as `namespace/pod-name`; the frame and the filters show the bare
 * pod name (as Pixie's UI does) while the namespace lives in its own frame.
 */
export function normalizePod(pod: string | undefined, namespace: string | undefined): string | undefined {
  if (!pod) return pod;
  const slash = pod.indexOf('/');
  if (slash > 0 && (namespace === undefined || pod.slice(0, slash) === namespace)) return pod.slice(slash + 1);
  return pod;
}

/** The k8s frames for a context, root first; dimensions that are unknown are skipped. */
export function k8sFrames(ctx: K8sContext | undefined): string[] {
  if (!ctx) return [];
  const frames: string[] = [];
  for (const key of SCOPE_KEYS) {
    const value = ctx[key];
    if (value) frames.push(`${K8S_FRAME_LABEL[key]}: ${value}`);
  }
  return frames;
}

/** Stable key for a context, used to aggregate identical (context, stack) pairs. */
export function contextKey(ctx: K8sContext | undefined): string {
  if (!ctx) return '';
  return SCOPE_KEYS.map((k) => ctx[k] ?? '').join('\u0001');
}

export function isEmptyContext(ctx: K8sContext | undefined): boolean {
  return !ctx || SCOPE_KEYS.every((k) => !ctx[k]);
}
