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
 * then the busiest; when the path names another service, none. `ANY` routes match every method.
 */
export function endpointForRoute(table: LatencyTable, method: string, routePath: string, fileHint = ''): EndpointLatency | undefined {
  const m = method.toUpperCase();
  const matches = table.endpoints.filter((e) => (m === 'ANY' || e.method === m) && routeMatchesPath(routePath, e.path));
  const hint = fileHint.toLowerCase();
  const named = (service: string) => {
    const stem = serviceStem(service);
    return stem.length > 1 && hint.includes(stem) ? 1 : 0;
  };
  const preferred = matches.filter((e) => named(e.service));
  if (preferred.length) return busiest(preferred);
  // The file names a service the table knows, but not one serving this path: another
  // service's numbers would be a wrong answer, so there is none.
  if (table.endpoints.some((e) => named(e.service))) return undefined;
  return matches.length ? busiest(matches) : undefined;
}

/** `default/admin-service` -> `admin`: the part of a service name a source path is likely to contain. */
function serviceStem(service: string): string {
  return service.slice(service.indexOf('/') + 1).toLowerCase().replace(/-?(service|svc|server|api)$/, '');
}

function busiest(endpoints: EndpointLatency[]): EndpointLatency {
  return endpoints.reduce((a, b) => (b.requestCount > a.requestCount ? b : a));
}
