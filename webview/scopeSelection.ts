// The namespace / pod / container choices in the toolbar, and what choosing one does to the filters.

import { SCOPE_KEYS, ScopeKey } from '../src/core/k8sContext';
import type { FacetValue, ScopeFilter } from '../src/core/scope';
import { formatPercent } from './format';

/** The scope keys the toolbar offers, root to leaf. */
export const TOOLBAR_SCOPES = ['namespace', 'pod', 'container'] as const satisfies readonly ScopeKey[];
export type ToolbarScope = (typeof TOOLBAR_SCOPES)[number];

export const ALL_LABEL: Record<ToolbarScope, string> = {
  namespace: 'All namespaces',
  pod: 'All pods',
  container: 'All containers',
};

/**
 * Sets (or clears, for '') one key. Narrower keys are cleared: a pod chosen under another
 * namespace would leave nothing to show.
 */
export function withScopeChoice(filters: ScopeFilter, key: ScopeKey, value: string): ScopeFilter {
  const next: ScopeFilter = {};
  const at = SCOPE_KEYS.indexOf(key);
  for (const k of SCOPE_KEYS) {
    const v = filters[k];
    if (k === key || SCOPE_KEYS.indexOf(k) > at || !v) continue;
    next[k] = v;
  }
  if (value !== '') next[key] = value;
  return next;
}

export interface ScopeOption {
  value: string;
  label: string;
  selected: boolean;
}

/** "All …" first, then values busiest first with their share; a chosen value is listed even with no samples left. */
export function scopeOptions(key: ToolbarScope, facet: readonly FacetValue[], selected: string | undefined, totalSamples: number): ScopeOption[] {
  const options: ScopeOption[] = [{ value: '', label: ALL_LABEL[key], selected: !selected }];
  for (const f of facet) {
    options.push({ value: f.value, label: `${f.value} (${formatPercent(f.samples, totalSamples)})`, selected: f.value === selected });
  }
  if (selected && !facet.some((f) => f.value === selected)) {
    options.push({ value: selected, label: `${selected} (no samples)`, selected: true });
  }
  return options;
}
