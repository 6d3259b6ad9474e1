// The view state the webview keeps: its defaults, and reading it back safely from VS Code's storage.

import { SCOPE_KEYS } from '../src/core/k8sContext';
import type { ScopeFilter } from '../src/core/scope';
import type { FlamegraphViewState } from './protocol';

export function defaultViewState(): FlamegraphViewState {
  return { filters: {}, search: '', zoomPath: [], inverted: false };
}

/** State saved by an older version (or corrupted) must not break the view: keep what is well-formed. */
export function parseViewState(state: unknown): FlamegraphViewState | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const s = state as Record<string, unknown>;
  const result: FlamegraphViewState = {
    filters: parseFilters(s.filters),
    search: typeof s.search === 'string' ? s.search : '',
    zoomPath: Array.isArray(s.zoomPath) ? s.zoomPath.filter((n): n is string => typeof n === 'string') : [],
    inverted: s.inverted === true,
  };
  if (s.source && typeof s.source === 'object') result.source = s.source as FlamegraphViewState['source'];
  return result;
}

function parseFilters(value: unknown): ScopeFilter {
  if (!value || typeof value !== 'object') return {};
  const filters: ScopeFilter = {};
  for (const key of SCOPE_KEYS) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string' && v !== '') filters[key] = v;
  }
  return filters;
}
