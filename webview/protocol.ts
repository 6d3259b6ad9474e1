// The typed messages between the flamegraph webview and the extension host; both sides import this file.

import type { FlameNode } from '../src/core/flameTree';
import type { ScopeFacets, ScopeFilter } from '../src/core/scope';

/** What the view shows about the data it was given. */
export interface ProfileSummary {
  /** Title of the view, e.g. the file name or `cluster · 5m`. */
  title: string;
  /** Samples in the whole profile, before the scope filter. */
  totalSamples: number;
  /** Samples after the scope filter (the root's value). */
  scopedSamples: number;
  /** Nodes in the drawn (pruned) tree. */
  nodeCount: number;
  /** Nodes dropped as too narrow to see. */
  prunedNodes: number;
  /** Milliseconds one sample stands for, when known. */
  sampleIntervalMs?: number;
}

/** View state the webview keeps (vscode.setState) and the host restores after a reload. */
export interface FlamegraphViewState {
  filters: ScopeFilter;
  search: string;
  /** Path of frame names from the root to the zoomed node; empty when not zoomed. */
  zoomPath: string[];
  inverted: boolean;
  /** Where the profile came from, so a restored panel can load it again. */
  source?: ProfileSourceRef;
}

/** A serializable pointer to a profile: a file, or a live source query. */
export type ProfileSourceRef =
  | { kind: 'file'; path: string }
  | { kind: 'live'; source: 'pixie' | 'local'; windowSeconds: number; label: string; namespace?: string; pod?: string };

export type HostToWebview =
  | {
      type: 'profile';
      tree: FlameNode;
      summary: ProfileSummary;
      facets: ScopeFacets;
      filters: ScopeFilter;
      /** State to apply (after a restore); absent means keep what the view has. */
      state?: FlamegraphViewState;
    }
  | { type: 'loading'; message: string }
  | { type: 'error'; message: string }
  | { type: 'empty'; message: string }
  /** Zoom to and highlight the widest frame whose name matches (from a CodeLens click). */
  | { type: 'focusFunction'; name: string };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'setFilters'; filters: ScopeFilter }
  | { type: 'refresh' }
  /** After each draw: what was rendered, so tests and logs can check it. */
  | { type: 'rendered'; rootValue: number; nodeCount: number; drawMs: number; search?: { matches: number; percent: number } }
  /** Ctrl/Cmd+click or the context action on a frame. */
  | { type: 'openFrame'; name: string; kind: FlameNode['kind'] }
  | { type: 'stateChanged'; state: FlamegraphViewState }
  | { type: 'error'; message: string };
