// The functions that cost the most, by self and total samples (recursion counted once per stack).

import { classifyFrame, FrameKind } from './frameKind';
import { Profile } from './profile';

export interface FunctionCost {
  name: string;
  kind: FrameKind;
  /** Samples where the function was the leaf. */
  self: number;
  /** Samples where the function was anywhere on the stack. */
  total: number;
}

export type CostOrder = 'self' | 'total';

export function functionCosts(profile: Profile): Map<string, FunctionCost> {
  const costs = new Map<string, FunctionCost>();
  const seen = new Set<string>();
  for (const stack of profile.stacks) {
    seen.clear();
    const frames = stack.frames;
    for (let i = 0; i < frames.length; i++) {
      const name = frames[i];
      let cost = costs.get(name);
      if (!cost) {
        cost = { name, kind: classifyFrame(name), self: 0, total: 0 };
        costs.set(name, cost);
      }
      if (!seen.has(name)) {
        seen.add(name);
        cost.total += stack.count;
      }
      if (i === frames.length - 1) cost.self += stack.count;
    }
  }
  return costs;
}

export function topFunctions(profile: Profile, options: { by?: CostOrder; limit?: number } = {}): FunctionCost[] {
  const by = options.by ?? 'self';
  const other: CostOrder = by === 'self' ? 'total' : 'self';
  const list = [...functionCosts(profile).values()].sort(
    (a, b) => b[by] - a[by] || b[other] - a[other] || a.name.localeCompare(b.name),
  );
  return options.limit === undefined ? list : list.slice(0, options.limit);
}
