// Zoom by frame names: the path of a zoomed frame, finding it again in a new tree, and the widest frame of a function.

import type { FlameNode } from '../src/core/flameTree';

/** Names from just below the root down to `node` (the root itself is not part of a zoom path). */
export function zoomPathOf<T>(node: T, parentOf: (n: T) => T | null | undefined, nameOf: (n: T) => string): string[] {
  const names: string[] = [];
  for (let n: T | null | undefined = node; n && parentOf(n); n = parentOf(n)) names.push(nameOf(n));
  return names.reverse();
}

export interface PathMatch {
  node: FlameNode;
  /** Ancestors of `node`, root first. */
  ancestors: FlameNode[];
  /** How many names of the path were found; less than the path's length when the tree changed. */
  matched: number;
}

/** Follows the path as far as the tree has it, so a zoom survives a refresh that lost a frame. */
export function findByPath(root: FlameNode, path: readonly string[]): PathMatch {
  let node = root;
  const ancestors: FlameNode[] = [];
  let matched = 0;
  for (const name of path) {
    const next = node.children.find((c) => c.name === name);
    if (!next) break;
    ancestors.push(node);
    node = next;
    matched++;
  }
  return { node, ancestors, matched };
}

/**
 * The widest frame of a function (the one a CodeLens click means): an exact name first,
 * else a frame whose name contains it (`handler` in `main.(*Admin).handler`). Ties go to the shallowest.
 */
export function widestByName(root: FlameNode, name: string): string[] | undefined {
  const exact = widest(root, (n) => n === name);
  return exact ?? (name.trim() === '' ? undefined : widest(root, (n) => n.includes(name)));
}

function widest(root: FlameNode, match: (name: string) => boolean): string[] | undefined {
  let best: { path: string[]; value: number } | undefined;
  const stack: { node: FlameNode; path: string[] }[] = root.children.map((c) => ({ node: c, path: [c.name] }));
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (match(node.name)) {
      if (!best || node.value > best.value || (node.value === best.value && path.length < best.path.length)) {
        best = { path, value: node.value };
      }
      // A match's descendants are never wider than it.
      continue;
    }
    for (const c of node.children) stack.push({ node: c, path: [...path, c.name] });
  }
  return best?.path;
}

type ZoomFlags = { fade?: boolean; hide?: boolean };

/**
 * Marks data the way d3-flame-graph's own zoom does (ancestors faded, their other children
 * hidden), so a restored zoom is part of the first draw instead of a second full redraw.
 */
export function markZoom(match: PathMatch): void {
  const flag = (n: FlameNode) => n as FlameNode & ZoomFlags;
  let child = match.node;
  for (let i = match.ancestors.length - 1; i >= 0; i--) {
    const parent = match.ancestors[i];
    flag(parent).fade = true;
    for (const sibling of parent.children) if (sibling !== child) flag(sibling).hide = true;
    child = parent;
  }
}
