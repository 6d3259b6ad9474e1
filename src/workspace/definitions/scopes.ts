// Enclosing named scopes (classes, namespaces, modules...) of nodes, found from byte ranges instead of parent links.
//
// tree-sitter's `parent` searches down from the root, so walking ancestors costs
// O(depth x siblings) per step: quadratic on a file with thousands of top-level statements.
// Scopes come from the same query captures as definitions; a sweep pairs them by range.

import type { SyntaxNode } from '../treeSitter';

export interface NamedScope {
  start: number;
  end: number;
  /** What the extractor calls this kind of scope (`class`, `namespace`, `impl`...). */
  kind: string;
  /** Names it contributes to a qualified name (several for `namespace a::b`); may be empty. */
  names: string[];
}

export function scopeOf(node: SyntaxNode, kind: string, names: string[]): NamedScope {
  return { start: node.startIndex, end: node.endIndex, kind, names };
}

/**
 * For each node, the scopes strictly enclosing it, outermost first. A scope with exactly
 * the node's range is the node itself and is left out.
 */
export function enclosingScopes(nodes: readonly SyntaxNode[], scopes: readonly NamedScope[]): NamedScope[][] {
  const sorted = [...scopes].sort((a, b) => a.start - b.start || b.end - a.end);
  const order = nodes.map((n, i) => ({ start: n.startIndex, end: n.endIndex, i })).sort((a, b) => a.start - b.start || b.end - a.end);
  const result: NamedScope[][] = new Array(nodes.length);
  const stack: NamedScope[] = [];
  let next = 0;
  for (const q of order) {
    while (next < sorted.length && sorted[next].start <= q.start) {
      const s = sorted[next++];
      while (stack.length && stack[stack.length - 1].end <= s.start) stack.pop();
      stack.push(s);
    }
    while (stack.length && stack[stack.length - 1].end <= q.start) stack.pop();
    result[q.i] = stack.filter((s) => s.end >= q.end && !(s.start === q.start && s.end === q.end));
  }
  return result;
}
