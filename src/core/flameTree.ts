// Builds the call tree a flamegraph draws: k8s frames first (as Pixie's UI does), then the stack.

import { classifyFrame, FrameKind } from './frameKind';
import { k8sFrames } from './k8sContext';
import { Profile } from './profile';

/**
 * A node of the flamegraph. `value` is inclusive (the node and everything under it),
 * `self` is samples whose leaf is this node. Plain data: this is also what goes to the webview.
 */
export interface FlameNode {
  name: string;
  kind: FrameKind;
  value: number;
  self: number;
  children: FlameNode[];
}

export const ROOT_NAME = 'all';

interface BuildNode {
  name: string;
  kind: FrameKind;
  value: number;
  self: number;
  children: Map<string, BuildNode> | undefined;
}

export interface FlameTreeOptions {
  /** Prepend node/namespace/pod/container/process frames (default true). */
  k8sFrames?: boolean;
}

export function buildFlameTree(profile: Profile, options: FlameTreeOptions = {}): FlameNode {
  const withK8s = options.k8sFrames ?? true;
  const root: BuildNode = { name: ROOT_NAME, kind: 'k8s', value: 0, self: 0, children: undefined };
  for (const stack of profile.stacks) {
    let node = root;
    node.value += stack.count;
    if (withK8s) {
      for (const frame of k8sFrames(stack.ctx)) node = child(node, frame, 'k8s', stack.count);
    }
    for (const frame of stack.frames) node = child(node, frame, undefined, stack.count);
    node.self += stack.count;
  }
  return freeze(root);
}

function child(parent: BuildNode, name: string, kind: FrameKind | undefined, count: number): BuildNode {
  if (!parent.children) parent.children = new Map();
  let node = parent.children.get(name);
  if (!node) {
    node = { name, kind: kind ?? classifyFrame(name), value: 0, self: 0, children: undefined };
    parent.children.set(name, node);
  }
  node.value += count;
  return node;
}

/** Converts to plain nodes, widest child first (a left-heavy layout, stable across refreshes). */
function freeze(node: BuildNode): FlameNode {
  const children = node.children ? [...node.children.values()].map(freeze) : [];
  children.sort((a, b) => b.value - a.value || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { name: node.name, kind: node.kind, value: node.value, self: node.self, children };
}

export function countNodes(root: FlameNode): number {
  let n = 0;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    n++;
    for (const c of node.children) stack.push(c);
  }
  return n;
}
