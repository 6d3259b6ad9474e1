// Turns a profile and the user's scope filters into what the flamegraph view draws.

import { buildFlameTree, FlameNode } from './flameTree';
import { Profile } from './profile';
import { pruneTree } from './prune';
import { filterProfile, ScopeFacets, scopeFacets, ScopeFilter } from './scope';

export interface FlameView {
  tree: FlameNode;
  facets: ScopeFacets;
  totalSamples: number;
  scopedSamples: number;
  nodeCount: number;
  prunedNodes: number;
}

export interface FlameViewOptions {
  /** Narrowest frame kept, as a share of the root (about one pixel of a wide view). */
  minFraction?: number;
  /** Most nodes sent to the webview; SVG beyond this is too slow to be useful. */
  maxNodes?: number;
}

export const DEFAULT_VIEW_OPTIONS: Required<FlameViewOptions> = { minFraction: 1 / 4000, maxNodes: 20000 };

export function buildFlameView(profile: Profile, filters: ScopeFilter, options: FlameViewOptions = {}): FlameView {
  const { minFraction, maxNodes } = { ...DEFAULT_VIEW_OPTIONS, ...options };
  const scoped = filterProfile(profile, filters);
  const pruned = pruneTree(buildFlameTree(scoped), { minFraction, maxNodes });
  return {
    tree: pruned.root,
    facets: scopeFacets(profile, filters),
    totalSamples: profile.totalSamples,
    scopedSamples: scoped.totalSamples,
    nodeCount: pruned.nodeCount,
    prunedNodes: pruned.prunedNodes,
  };
}
