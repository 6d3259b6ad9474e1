// An HTTP route registered in the workspace: method, path, where it is registered, and where its handler is defined.

import type { SourceLocation } from '../definition';

export type RouteFramework = 'express' | 'fastify' | 'koa' | 'net/http' | 'gorilla' | 'fiber' | 'gin' | 'echo' | 'chi' | 'flask' | 'fastapi';

export interface Route {
  /** Upper case (`GET`, `POST`, ...); `ANY` when the registration accepts every method (`http.HandleFunc("/x", h)`, `app.all`). */
  method: string;
  /** As written, with group/router prefixes in the same file applied (`/api/admin`, `/hats/:id`, `/hats/{id}`). */
  path: string;
  framework: RouteFramework;
  /** Where the route is registered (the `app.get(...)` call or the decorator). Absolute path, 1-based. */
  file: string;
  line: number;
  column: number;
  /** The handler's name when it is named (`UnmoderatedPic`, `upload`); absent for inline functions. */
  handlerName?: string;
  /**
   * Where the handler function is defined (for CodeLens placement and code actions): the
   * inline function itself, or the definition its name refers to. Absent when the name
   * matches no definition, or several equally well (never a guess).
   */
  handlerLocation?: SourceLocation & { endLine: number };
}

/** How a registration names its handler, before the rest of the workspace is consulted. */
export interface HandlerReference {
  name: string;
  /** `handlers` in `handlers.UnmoderatedPic`, `srv` in `srv.upload`. */
  qualifier?: string;
}

/** A route as one file shows it: the handler may be a name to look up in other files. */
export interface RouteRegistration extends Route {
  handlerRef?: HandlerReference;
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE'];
