// Matches a route as the code registers it (`/hats/:id`) to the endpoints the latency table observed (`/hats/<id>`).

import type { EndpointLatency, LatencyTable } from './latency';

/** Route parameters in every framework's syntax: `:id`, `{id}`, `<id>`, `<int:id>`, `*`. */
const PARAM = /^(?::.+|\{.+\}|<.+>|\*.*)$/;

function segments(path: string): string[] {
  const bare = path.split('?')[0].replace(/\/+$/, '');
  return bare === '' ? [''] : bare.split('/');
}

export function routeMatchesPath(routePath: string, observedPath: string): boolean {
  const route = segments(routePath);
  const seen = segments(observedPath);
  if (route.length !== seen.length) return false;
  return route.every((seg, i) => seg === seen[i] || PARAM.test(seg) || PARAM.test(seen[i]));
}

/**
 * The endpoint a route's lens shows. Several services may serve the same path (a frontend
 * proxying to a backend): prefer the service whose name appears in the handler's file path,
 * then the busiest. `ANY` routes match every method.
 */
export function endpointForRoute(table: LatencyTable, method: string, routePath: string, fileHint = ''): EndpointLatency | undefined {
  const m = method.toUpperCase();
  const matches = table.endpoints.filter((e) => (m === 'ANY' || e.method === m) && routeMatchesPath(routePath, e.path));
  if (matches.length <= 1) return matches[0];
  const hint = fileHint.toLowerCase();
  const named = (e: EndpointLatency) => {
    const service = e.service.slice(e.service.indexOf('/') + 1).toLowerCase();
    const stem = service.replace(/-?(service|svc|server|api)$/, '');
    return stem.length > 1 && hint.includes(stem) ? 1 : 0;
  };
  return [...matches].sort((a, b) => named(b) - named(a) || b.requestCount - a.requestCount)[0];
}
