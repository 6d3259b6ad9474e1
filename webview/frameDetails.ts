// What the tooltip says about a frame: samples, share of the whole view, self share, kind.

import type { FlameNode } from '../src/core/flameTree';
import type { FrameKind } from '../src/core/frameKind';
import { formatCount, formatCpuTime, formatPercent } from './format';

export const KIND_LABEL: Record<FrameKind, string> = {
  k8s: 'Kubernetes',
  user: 'User code',
  kernel: 'Kernel',
  java: 'Java',
  unsymbolized: 'Unsymbolized',
};

export interface FrameDetails {
  name: string;
  kind: string;
  rows: [label: string, value: string][];
}

/** `rootValue` is the unzoomed root, so percentages do not change while zooming. */
export function frameDetails(
  node: Pick<FlameNode, 'name' | 'kind' | 'value' | 'self'>,
  rootValue: number,
  sampleIntervalMs?: number,
): FrameDetails {
  const time = (n: number) => (sampleIntervalMs && sampleIntervalMs > 0 ? ` · ${formatCpuTime(n, sampleIntervalMs)}` : '');
  const sample = (n: number) => `${formatCount(n)} ${n === 1 ? 'sample' : 'samples'}`;
  return {
    name: node.name,
    kind: KIND_LABEL[node.kind] ?? node.kind,
    rows: [
      ['Total', `${formatPercent(node.value, rootValue)} · ${sample(node.value)}${time(node.value)}`],
      ['Self', `${formatPercent(node.self, rootValue)} · ${sample(node.self)}${time(node.self)}`],
    ],
  };
}

/** Frames a source location can exist for: not k8s context frames, not bare addresses. */
export function canOpenSource(kind: FrameKind): boolean {
  return kind !== 'k8s' && kind !== 'unsymbolized';
}
