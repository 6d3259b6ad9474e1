// Narrowing a profile to part of the cluster (node / namespace / pod / container), and what there is to narrow to.

import { K8sContext, SCOPE_KEYS, ScopeKey } from './k8sContext';
import { Profile } from './profile';

/** Exact-match filters; a missing key means "all". */
export type ScopeFilter = Partial<Record<ScopeKey, string>>;

export interface FacetValue {
  value: string;
  samples: number;
}

export type ScopeFacets = Record<ScopeKey, FacetValue[]>;

export function matchesScope(ctx: K8sContext | undefined, filter: ScopeFilter): boolean {
  for (const key of SCOPE_KEYS) {
    const want = filter[key];
    if (want !== undefined && want !== '' && ctx?.[key] !== want) return false;
  }
  return true;
}

export function isEmptyFilter(filter: ScopeFilter): boolean {
  return SCOPE_KEYS.every((k) => !filter[k]);
}

export function filterProfile(profile: Profile, filter: ScopeFilter): Profile {
  if (isEmptyFilter(filter)) return profile;
  const stacks = profile.stacks.filter((s) => matchesScope(s.ctx, filter));
  const totalSamples = stacks.reduce((sum, s) => sum + s.count, 0);
  return { ...profile, stacks, totalSamples };
}

/**
 * Values present for each scope key, busiest first. Each key's values are those
 * compatible with the other keys of the filter, so the pod list follows the namespace.
 */
export function scopeFacets(profile: Profile, filter: ScopeFilter = {}): ScopeFacets {
  const counts = Object.fromEntries(SCOPE_KEYS.map((k) => [k, new Map<string, number>()])) as Record<
    ScopeKey,
    Map<string, number>
  >;
  for (const stack of profile.stacks) {
    const ctx = stack.ctx;
    if (!ctx) continue;
    for (const key of SCOPE_KEYS) {
      const value = ctx[key];
      if (!value) continue;
      const others: ScopeFilter = { ...filter, [key]: undefined };
      if (!matchesScope(ctx, others)) continue;
      const m = counts[key];
      m.set(value, (m.get(value) ?? 0) + stack.count);
    }
  }
  const facets = {} as ScopeFacets;
  for (const key of SCOPE_KEYS) {
    facets[key] = [...counts[key]]
      .map(([value, samples]) => ({ value, samples }))
      .sort((a, b) => b.samples - a.samples || a.value.localeCompare(b.value));
  }
  return facets;
}
