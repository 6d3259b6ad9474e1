// Folds a DevTools CPU profile (Profiler.stop's result) into stacks, dropping idle time (only CPU counts, as with perf).

import { fileURLToPath } from 'node:url';
import { jsFrame } from '../stacks';

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  samples?: number[];
  startTime: number;
  endTime: number;
}

/** Nodes the profiler adds for time outside JavaScript; `(idle)` is time the thread was not on CPU. */
const NOT_ON_CPU = '(idle)';

export function foldCpuProfile(profile: CpuProfile): Map<string, number> {
  const byId = new Map<number, CpuProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const hits = new Map<number, number>();
  for (const id of profile.samples ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);

  const folded = new Map<string, number>();
  const stackOf = new Map<number, string | null>();
  for (const [id, count] of hits) {
    let stack = stackOf.get(id);
    if (stack === undefined) {
      stack = stackFor(id, byId, parent);
      stackOf.set(id, stack);
    }
    if (stack) folded.set(stack, (folded.get(stack) ?? 0) + count);
  }
  return folded;
}

function stackFor(id: number, byId: Map<number, CpuProfileNode>, parent: Map<number, number>): string | null {
  const frames: string[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const node = byId.get(at);
    if (!node) break;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === NOT_ON_CPU) return null;
    if (functionName === '(root)' && parent.get(at) === undefined) break;
    frames.push(url ? jsFrame(functionName, pathOf(url), lineNumber + 1, columnNumber + 1) : functionName || '(anonymous)');
  }
  return frames.length > 0 ? frames.reverse().join(';') : null;
}

function pathOf(url: string): string {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return url;
    }
  }
  return url;
}
