// Drops flamegraph nodes too narrow to see, so huge profiles stay drawable; totals stay exact.

import { FlameNode } from './flameTree';

export interface PruneResult {
  root: FlameNode;
  /** Nodes kept (including the root). */
  nodeCount: number;
  /** Nodes dropped because they were narrower than the threshold. */
  prunedNodes: number;
  /** Samples under dropped nodes (still counted in their ancestors' totals). */
  prunedSamples: number;
}

export interface PruneOptions {
  /** Smallest share of the root a node must have to be kept, e.g. 1 px of a 2000 px wide view. */
  minFraction: number;
  /** Hard cap on kept nodes; the threshold is raised until the tree fits. */
  maxNodes?: number;
}

/**
 * A node narrower than `minFraction` of the root is dropped with its subtree. Its
 * samples stay in its parent's `value`, so every visible total and percentage is right;
 * only the parent's drawn children no longer add up to its width (the gap is the hidden part).
 */
export function pruneTree(root: FlameNode, options: PruneOptions): PruneResult {
  let minFraction = Math.max(0, options.minFraction);
  for (;;) {
    const result = pruneOnce(root, Math.ceil(root.value * minFraction));
    if (options.maxNodes === undefined || result.nodeCount <= options.maxNodes || minFraction >= 1) return result;
    minFraction = minFraction === 0 ? 1 / root.value : minFraction * 2;
  }
}

function pruneOnce(root: FlameNode, minValue: number): PruneResult {
  let nodeCount = 0;
  let prunedNodes = 0;
  let prunedSamples = 0;
  const copy = (node: FlameNode): FlameNode => {
    nodeCount++;
    const children: FlameNode[] = [];
    for (const c of node.children) {
      if (c.value < minValue) {
        prunedNodes += subtreeSize(c);
        prunedSamples += c.value;
      } else {
        children.push(copy(c));
      }
    }
    return { ...node, children };
  };
  return { root: copy(root), nodeCount, prunedNodes, prunedSamples };
}

function subtreeSize(node: FlameNode): number {
  let n = 1;
  for (const c of node.children) n += subtreeSize(c);
  return n;
}
