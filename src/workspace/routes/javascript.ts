// Express, Fastify and Koa route registrations in JavaScript/TypeScript: `app.get('/admin', handler)`, `fastify.route({...})`.

import type { ExtractInput } from '../definitions/extractInput';
import { endLineOf, locationOf, stringValue } from '../definitions/syntax';
import type { SyntaxNode } from '../treeSitter';
import type { HandlerReference, RouteFramework, RouteRegistration } from './route';

const VERBS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'all']);
/** HTTP clients share the verbs; their calls are requests, not routes. */
const CLIENTS = /^(?:axios|got|ky|superagent|request|http|https|fetch|client|api|\$http|this\.http|this\.client|agent|supertest|cy)$/;
const FUNCTION_NODES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function', 'method_definition']);
const IDENTIFIERS = new Set(['identifier', 'shorthand_property_identifier']);

export function javascriptRoutes(input: ExtractInput): RouteRegistration[] {
  const calls = input.captured('call');
  const sources = [
    ...input.captured('import').map((n) => stringValue(n.childForFieldName('source'))),
    ...calls.filter((c) => c.childForFieldName('function')?.text === 'require').map((c) => stringValue(c.childForFieldName('arguments')?.namedChildren[0])),
  ].filter((s): s is string => !!s);
  const framework = frameworkOf(sources);
  // Keyed by the verb's position so a chain (`app.route('/b').get(h).put(h2)`) reads in source order.
  const found: Array<[number, RouteRegistration]> = [];
  for (const call of calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'member_expression') continue;
    const object = fn.childForFieldName('object');
    const method = fn.childForFieldName('property')?.text;
    const argsNode = call.childForFieldName('arguments');
    if (!object || !method || !argsNode) continue;
    const args = argsNode.namedChildren.filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    const fw = framework ?? (/fastify/i.test(object.text) ? 'fastify' : 'express');

    if (method === 'route' && args.length === 1 && args[0].type === 'object') {
      for (const r of fastifyRouteOptions(input.file, call, args[0])) found.push([fn.startIndex, r]);
      continue;
    }
    if (!VERBS.has(method) || CLIENTS.test(object.text) || isClientCall(object)) continue;

    let path: string | undefined;
    let handlers: SyntaxNode[];
    const chained = routeChainPath(object);
    if (chained !== undefined) {
      path = chained;
      handlers = args;
    } else {
      // Koa routers take an optional route name first: `router.get('user', '/users/:id', h)`.
      const at = [0, 1].find((i) => isPath(stringValue(args[i])) && (i === 0 || stringValue(args[0]) !== undefined));
      if (at === undefined) continue;
      path = stringValue(args[at]);
      handlers = args.slice(at + 1);
    }
    if (path === undefined || handlers.length === 0) continue;
    const last = handlers[handlers.length - 1];
    const handlerNode = last.type === 'object' ? propertyValue(last, 'handler') : last;
    if (!handlerNode || !isHandlerLike(handlerNode)) continue;
    const route = withHandler({ method: method === 'all' ? 'ANY' : method.toUpperCase(), path, framework: fw, ...locationOf(input.file, call) }, input.file, handlerNode);
    found.push([fn.childForFieldName('property')!.startIndex, route]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, r]) => r);
}

function fastifyRouteOptions(file: string, call: SyntaxNode, options: SyntaxNode): RouteRegistration[] {
  const url = stringValue(propertyValue(options, 'url') ?? propertyValue(options, 'path'));
  const methodNode = propertyValue(options, 'method');
  const handler = propertyValue(options, 'handler');
  if (!isPath(url) || !methodNode || !handler) return [];
  const methods = methodNode.type === 'array' ? methodNode.namedChildren.map((n) => stringValue(n)) : [stringValue(methodNode)];
  return methods
    .filter((m): m is string => !!m)
    .map((m) => withHandler({ method: m.toUpperCase(), path: url!, framework: 'fastify', ...locationOf(file, call) }, file, handler));
}

function withHandler(route: Omit<RouteRegistration, 'handlerRef'>, file: string, node: SyntaxNode): RouteRegistration {
  const target = unwrap(node);
  if (FUNCTION_NODES.has(target.type)) {
    const name = target.childForFieldName('name')?.text;
    return { ...route, ...(name ? { handlerName: name } : {}), handlerLocation: { ...locationOf(file, target), endLine: endLineOf(target) } };
  }
  const ref = referenceOf(target);
  return ref ? { ...route, handlerName: ref.name, handlerRef: ref } : route;
}

/** Wrappers (`asyncHandler(fn)`, `wrap(handlers.admin)`) are looked through to their last argument. */
function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  for (let i = 0; i < 4 && n.type === 'call_expression'; i++) {
    const args = n.childForFieldName('arguments')?.namedChildren.filter((c): c is SyntaxNode => !!c) ?? [];
    const last = args[args.length - 1];
    if (!last) break;
    n = last;
  }
  return n;
}

function referenceOf(node: SyntaxNode): HandlerReference | undefined {
  if (IDENTIFIERS.has(node.type)) return { name: node.text };
  if (node.type === 'member_expression') {
    const name = node.childForFieldName('property')?.text;
    const qualifier = node.childForFieldName('object')?.text;
    return name ? { name, ...(qualifier ? { qualifier } : {}) } : undefined;
  }
  return undefined;
}

function isHandlerLike(node: SyntaxNode): boolean {
  const n = unwrap(node);
  return FUNCTION_NODES.has(n.type) || IDENTIFIERS.has(n.type) || n.type === 'member_expression';
}

/** `app.route('/book').get(h).post(h2)`: the path comes from the `.route(...)` at the chain's start. */
function routeChainPath(object: SyntaxNode): string | undefined {
  let n: SyntaxNode | null = object;
  while (n && n.type === 'call_expression') {
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'member_expression') return undefined;
    const prop = fn.childForFieldName('property')?.text;
    if (prop === 'route') {
      const arg = n.childForFieldName('arguments')?.namedChildren[0];
      const path = stringValue(arg);
      return isPath(path) ? path : undefined;
    }
    if (!prop || !VERBS.has(prop)) return undefined;
    n = fn.childForFieldName('object');
  }
  return undefined;
}

/** `request(app).get('/x')` (supertest) is a test client. */
function isClientCall(object: SyntaxNode): boolean {
  if (object.type !== 'call_expression') return false;
  const fn = object.childForFieldName('function');
  return fn?.type === 'identifier' && CLIENTS.test(fn.text);
}

function propertyValue(object: SyntaxNode, key: string): SyntaxNode | undefined {
  for (const child of object.namedChildren) {
    if (!child) continue;
    if (child.type === 'pair' && child.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '') === key) return child.childForFieldName('value') ?? undefined;
    if (child.type === 'shorthand_property_identifier' && child.text === key) return child;
    if (child.type === 'method_definition' && child.childForFieldName('name')?.text === key) return child;
  }
  return undefined;
}

function isPath(value: string | undefined): value is string {
  return value !== undefined && (value.startsWith('/') || value === '*');
}

function frameworkOf(sources: string[]): RouteFramework | undefined {
  if (sources.some((s) => s === 'fastify' || s.startsWith('fastify/'))) return 'fastify';
  if (sources.some((s) => s === '@koa/router' || s === 'koa-router' || s === 'koa')) return 'koa';
  if (sources.some((s) => s === 'express')) return 'express';
  return undefined;
}
