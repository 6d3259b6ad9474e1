// CPU cost of each function within each service: what the "34% CPU (self 2%) · admin-service" lens shows.

import { classifyFrame } from './frameKind';
import type { K8sContext } from './k8sContext';
import type { Profile } from './profile';
import { serviceOfPod } from './serviceName';

export interface ServiceFunctionCost {
  name: string;
  service: string;
  /** Samples with the function anywhere on the stack (recursion once), and as the leaf. */
  total: number;
  self: number;
  /** Shares of the service's samples (0..1). */
  totalShare: number;
  selfShare: number;
}

export function serviceOf(ctx: K8sContext | undefined): string {
  if (ctx?.pod) return serviceOfPod(ctx.pod);
  return ctx?.container ?? ctx?.process ?? 'all';
}

/**
 * For every user/Java function, its cost in the service where it weighs most (a function
 * shared by services is shown with the one it matters to). Sorted by total share.
 */
export function serviceFunctionCosts(profile: Profile): ServiceFunctionCost[] {
  const serviceTotals = new Map<string, number>();
  const costs = new Map<string, { total: number; self: number }>();
  const seen = new Set<string>();
  for (const stack of profile.stacks) {
    const service = serviceOf(stack.ctx);
    serviceTotals.set(service, (serviceTotals.get(service) ?? 0) + stack.count);
    seen.clear();
    const frames = stack.frames;
    for (let i = 0; i < frames.length; i++) {
      const name = frames[i];
      const key = `${service}\u0000${name}`;
      let cost = costs.get(key);
      if (!cost) costs.set(key, (cost = { total: 0, self: 0 }));
      if (!seen.has(name)) {
        seen.add(name);
        cost.total += stack.count;
      }
      if (i === frames.length - 1) cost.self += stack.count;
    }
  }
  const best = new Map<string, ServiceFunctionCost>();
  for (const [key, cost] of costs) {
    const sep = key.indexOf('\u0000');
    const service = key.slice(0, sep);
    const name = key.slice(sep + 1);
    const kind = classifyFrame(name);
    if (kind !== 'user' && kind !== 'java') continue;
    const serviceTotal = serviceTotals.get(service) ?? 1;
    const candidate = { name, service, total: cost.total, self: cost.self, totalShare: cost.total / serviceTotal, selfShare: cost.self / serviceTotal };
    const prev = best.get(name);
    if (!prev || candidate.totalShare > prev.totalShare) best.set(name, candidate);
  }
  return [...best.values()].sort((a, b) => b.totalShare - a.totalShare || b.total - a.total);
}
