// Frame search: turns what the user typed into a matcher, and measures what it matches.

import type { FlameNode } from '../src/core/flameTree';

export type FrameMatcher = (name: string) => boolean;

export type CompiledSearch =
  | { kind: 'none' }
  | { kind: 'ok'; match: FrameMatcher }
  | { kind: 'invalid'; message: string };

/**
 * Plain text matches case-insensitively anywhere in the name (frame names are full of
 * regex metacharacters: `(*Server).ServeHTTP`, `operator()`). `/re/flags` is a regular expression.
 */
export function compileSearch(term: string): CompiledSearch {
  const text = term.trim();
  if (text === '') return { kind: 'none' };
  const re = /^\/(.+)\/([a-z]*)$/.exec(text);
  if (re) {
    try {
      const regex = new RegExp(re[1], re[2].replace(/[gy]/g, ''));
      return { kind: 'ok', match: (name) => regex.test(name) };
    } catch (err) {
      return { kind: 'invalid', message: `Invalid regular expression: ${(err as Error).message}` };
    }
  }
  const needle = text.toLowerCase();
  return { kind: 'ok', match: (name) => name.toLowerCase().includes(needle) };
}

export interface SearchStats {
  /** Frames whose name matches (a recursive function counts once per frame). */
  matches: number;
  /** Samples under matching frames, each sample counted once even when matches nest. */
  matchedSamples: number;
  /** matchedSamples as a percentage of the root. */
  percent: number;
}

export function searchStats(root: FlameNode, match: FrameMatcher): SearchStats {
  let matches = 0;
  let matchedSamples = 0;
  // Iterative: real stacks can be hundreds of frames deep.
  const stack: { node: FlameNode; underMatch: boolean }[] = [{ node: root, underMatch: false }];
  while (stack.length) {
    const { node, underMatch } = stack.pop()!;
    const hit = match(node.name);
    if (hit) {
      matches++;
      if (!underMatch) matchedSamples += node.value;
    }
    for (const child of node.children) stack.push({ node: child, underMatch: underMatch || hit });
  }
  return { matches, matchedSamples, percent: root.value > 0 ? (100 * matchedSamples) / root.value : 0 };
}
