// Paths to and canonical views of the profile fixtures, shared by the core, formats and CLI tests.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { k8sFrames } from '../../../src/core/k8sContext';
import { Profile } from '../../../src/core/profile';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'profiles');

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(fixturePath(name));
}

/** `k8s frames;stack` -> samples: two profiles are the same when these maps are equal. */
export function stackCounts(profile: Profile): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of profile.stacks) {
    const key = [...k8sFrames(s.ctx), ...s.frames].join(';');
    out.set(key, (out.get(key) ?? 0) + s.count);
  }
  return out;
}

/** Samples per value of one context key (e.g. per namespace). */
export function samplesBy(profile: Profile, key: 'node' | 'namespace' | 'pod' | 'container' | 'process'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of profile.stacks) {
    const value = s.ctx?.[key] ?? '';
    out[value] = (out[value] ?? 0) + s.count;
  }
  return out;
}

/** Totals of the Tinyhat cluster fixture (see test/fixtures/profiles/make-fixtures.ts). */
export const CLUSTER = {
  total: 748,
  uniqueStacks: 18,
  byNamespace: { default: 672, pl: 60, 'kube-system': 16 },
  adminPod: 'admin-service-7d9f8b6c5-x2k4p',
  adminSamples: 402,
};
