// Go route registrations: net/http and gorilla (`HandleFunc`, Go 1.22 `"GET /x"`), Fiber, Gin, Echo and Chi, with group prefixes.

import type { ExtractInput } from '../definitions/extractInput';
import { endLineOf, locationOf, stringValue } from '../definitions/syntax';
import type { SyntaxNode } from '../treeSitter';
import { HTTP_METHODS, RouteFramework, RouteRegistration } from './route';

/** Fiber and Chi spell verbs `Get`; Gin and Echo `GET`. `All`/`Any` accept every method. */
const VERB = /^(?:Get|Post|Put|Delete|Patch|Head|Options|Connect|Trace|All|GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT|TRACE|Any)$/;

export function goRoutes(input: ExtractInput): RouteRegistration[] {
  const imports = input.captured('import').map((n) => stringValue(n.childForFieldName('path'))).filter((s): s is string => !!s);
  const framework = frameworkOf(imports);
  const prefixes = new Map<string, string>();
  const routes: RouteRegistration[] = [];

  for (const call of input.captured('call')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') continue;
    const object = fn.childForFieldName('operand');
    const method = fn.childForFieldName('field')?.text;
    const argsNode = call.childForFieldName('arguments');
    if (!object || !method || !argsNode) continue;
    const args = argsNode.namedChildren.filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    const base = prefixFor(object, prefixes) + routeBlockPrefix(call);

    if (method === 'Group') {
      const group = stringValue(args[0]);
      const variable = assignedVariable(call);
      if (group !== undefined && variable) prefixes.set(variable, base + group);
      continue;
    }

    let verb: string | undefined;
    let pattern: string | undefined;
    let handler: SyntaxNode | undefined;
    let fw: RouteFramework = framework;
    if (method === 'HandleFunc' || method === 'Handle') {
      if (args.length >= 3 && isMethodName(stringValue(args[0]))) {
        // Gin: r.Handle("GET", "/x", h)
        verb = stringValue(args[0])!.toUpperCase();
        pattern = stringValue(args[1]);
      } else {
        const spec = splitPattern(stringValue(args[0]));
        verb = spec?.method ?? gorillaMethods(call) ?? 'ANY';
        pattern = spec?.path;
        if (framework === 'gin' || framework === 'echo' || framework === 'fiber') fw = 'net/http';
      }
      handler = args[args.length - 1];
    } else if ((method === 'Method' || method === 'MethodFunc') && args.length >= 3) {
      verb = stringValue(args[0])?.toUpperCase();
      pattern = stringValue(args[1]);
      handler = args[2];
    } else if (VERB.test(method) && args.length >= 2) {
      verb = method === 'All' || method === 'Any' ? 'ANY' : method.toUpperCase();
      pattern = stringValue(args[0]);
      // Echo takes the handler first and middleware after; the others take middleware first.
      handler = framework === 'echo' ? args[1] : args[args.length - 1];
    } else {
      continue;
    }
    if (!verb || pattern === undefined || !handler) continue;
    if (!(pattern.startsWith('/') || (pattern === '' && base !== ''))) continue;
    const route: RouteRegistration = { method: verb, path: joinPath(base, pattern), framework: fw, ...locationOf(input.file, call) };
    routes.push(withHandler(route, input.file, handler));
  }
  return routes;
}

/** Calls through these packages wrap a handler (`http.HandlerFunc(h)`); other calls make one (`newAdmin(store)`). */
const WRAPPER_PACKAGES = new Set(['http', 'fiber', 'adaptor', 'gin', 'echo', 'chi', 'middleware', 'mw']);

function withHandler(route: RouteRegistration, file: string, node: SyntaxNode): RouteRegistration {
  let n = node;
  for (let i = 0; i < 4 && n.type === 'call_expression'; i++) {
    const fn = n.childForFieldName('function');
    const args = n.childForFieldName('arguments')?.namedChildren.filter((c): c is SyntaxNode => !!c) ?? [];
    const wraps = fn?.type === 'selector_expression' && WRAPPER_PACKAGES.has(fn.childForFieldName('operand')?.text ?? '');
    if (!wraps || !args.length) {
      // A handler factory: the lens belongs on the function that builds the handler.
      if (fn) n = fn;
      break;
    }
    n = args[args.length - 1];
  }
  if (n.type === 'func_literal') return { ...route, handlerLocation: { ...locationOf(file, n), endLine: endLineOf(n) } };
  if (n.type === 'identifier') return { ...route, handlerName: n.text, handlerRef: { name: n.text } };
  if (n.type === 'selector_expression') {
    const name = n.childForFieldName('field')?.text;
    const qualifier = n.childForFieldName('operand')?.text;
    if (name) return { ...route, handlerName: name, handlerRef: { name, ...(qualifier ? { qualifier } : {}) } };
  }
  return route;
}

/** Go 1.22 mux patterns: `"GET /admin"`, `"POST example.com/upload"`. */
function splitPattern(pattern: string | undefined): { method?: string; path: string } | undefined {
  if (pattern === undefined) return undefined;
  const m = /^([A-Z]+)\s+(\S+)$/.exec(pattern.trim());
  if (m && isMethodName(m[1])) {
    const slash = m[2].indexOf('/');
    return { method: m[1], path: slash >= 0 ? m[2].slice(slash) : m[2] };
  }
  return { path: pattern };
}

/** gorilla/mux: `r.HandleFunc("/x", h).Methods("POST")`. */
function gorillaMethods(call: SyntaxNode): string | undefined {
  const selector = call.parent;
  if (selector?.type !== 'selector_expression' || selector.childForFieldName('field')?.text !== 'Methods') return undefined;
  const outer = selector.parent;
  const methods = outer?.childForFieldName('arguments')?.namedChildren.map((n) => stringValue(n)).filter((s): s is string => !!s) ?? [];
  return methods.length ? methods.map((m) => m.toUpperCase()).join(',') : undefined;
}

function isMethodName(s: string | undefined): boolean {
  return s !== undefined && HTTP_METHODS.includes(s.toUpperCase()) && s === s.toUpperCase();
}

function prefixFor(object: SyntaxNode, prefixes: Map<string, string>): string {
  return object.type === 'identifier' ? prefixes.get(object.text) ?? '' : '';
}

/** Chi and Fiber: `r.Route("/v1", func(r chi.Router) { r.Get("/", h) })` prefixes the routes inside. */
function routeBlockPrefix(call: SyntaxNode): string {
  let prefix = '';
  for (let n = call.parent; n; n = n.parent) {
    if (n.type !== 'func_literal' || n.parent?.type !== 'argument_list') continue;
    const outer = n.parent.parent;
    const fn = outer?.childForFieldName('function');
    if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Route') {
      const p = stringValue(outer?.childForFieldName('arguments')?.namedChildren[0]);
      if (p !== undefined) prefix = p.replace(/\/$/, '') + prefix;
    }
  }
  return prefix;
}

/** `api := app.Group("/api")` -> `api`. */
function assignedVariable(call: SyntaxNode): string | undefined {
  const list = call.parent;
  const stmt = list?.parent;
  if (list?.type !== 'expression_list' || !stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement' && stmt.type !== 'var_spec')) return undefined;
  const left = stmt.childForFieldName('left') ?? stmt.childForFieldName('name');
  const first = left?.type === 'expression_list' ? left.namedChildren[0] : left;
  return first?.type === 'identifier' ? first.text : undefined;
}

function joinPath(base: string, path: string): string {
  if (!base) return path;
  if (path === '' || path === '/') return base || '/';
  return base.replace(/\/$/, '') + path;
}

function frameworkOf(imports: string[]): RouteFramework {
  if (imports.some((i) => i.startsWith('github.com/gofiber/fiber'))) return 'fiber';
  if (imports.some((i) => i.startsWith('github.com/gin-gonic/gin'))) return 'gin';
  if (imports.some((i) => i.startsWith('github.com/labstack/echo'))) return 'echo';
  if (imports.some((i) => i.startsWith('github.com/go-chi/chi'))) return 'chi';
  if (imports.some((i) => i.startsWith('github.com/gorilla/mux'))) return 'gorilla';
  return 'net/http';
}
