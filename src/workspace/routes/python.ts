// Flask and FastAPI routes: `@app.route('/x', methods=['POST'])`, `@app.get('/x')`, `@router.post(...)`, `add_url_rule`.

import type { ExtractInput } from '../definitions/extractInput';
import { endLineOf, locationOf, stringValue } from '../definitions/syntax';
import type { SyntaxNode } from '../treeSitter';
import type { RouteFramework, RouteRegistration } from './route';

const VERB_DECORATORS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options']);

export function pythonRoutes(input: ExtractInput): RouteRegistration[] {
  const imports = input.captured('import').flatMap((n) => {
    const from = n.childForFieldName('module_name');
    return from ? [from.text] : n.childrenForFieldName('name').map((c) => c?.text ?? '');
  });
  const imported: RouteFramework | undefined = imports.some((i) => i === 'fastapi' || i.startsWith('fastapi.')) ? 'fastapi' : imports.some((i) => i === 'flask' || i.startsWith('flask.')) ? 'flask' : undefined;
  const routes: RouteRegistration[] = [];
  for (const call of input.captured('call')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') continue;
    const method = fn.childForFieldName('attribute')?.text;
    const argsNode = call.childForFieldName('arguments');
    if (!method || !argsNode || argsNode.type !== 'argument_list') continue;
    const positional = argsNode.namedChildren.filter((n): n is SyntaxNode => !!n && n.type !== 'keyword_argument' && n.type !== 'comment');
    const path = stringValue(positional[0]);
    if (path === undefined || !path.startsWith('/')) continue;
    const definition = decoratedFunction(call);

    let methods: string[];
    let handler: SyntaxNode | undefined;
    let framework: RouteFramework;
    if (definition && VERB_DECORATORS.has(method)) {
      methods = [method.toUpperCase()];
      framework = imported ?? 'fastapi';
    } else if (definition && (method === 'route' || method === 'api_route')) {
      methods = listOfStrings(keyword(argsNode, 'methods')) ?? ['GET'];
      framework = method === 'api_route' ? 'fastapi' : imported ?? 'flask';
    } else if (!definition && (method === 'add_url_rule' || method === 'add_api_route')) {
      methods = listOfStrings(keyword(argsNode, 'methods')) ?? ['GET'];
      handler = keyword(argsNode, method === 'add_url_rule' ? 'view_func' : 'endpoint') ?? positional[method === 'add_url_rule' ? 2 : 1];
      framework = method === 'add_api_route' ? 'fastapi' : 'flask';
    } else {
      continue;
    }

    for (const m of methods) {
      const route: RouteRegistration = { method: m.toUpperCase(), path, framework, ...locationOf(input.file, definition ? call.parent ?? call : call) };
      const nameNode = definition?.childForFieldName('name');
      if (definition && nameNode) {
        route.handlerName = nameNode.text;
        route.handlerLocation = { ...locationOf(input.file, nameNode), endLine: endLineOf(definition) };
      } else if (handler?.type === 'identifier' || handler?.type === 'attribute') {
        const name = handler.type === 'attribute' ? handler.childForFieldName('attribute')?.text ?? handler.text : handler.text;
        route.handlerName = name;
        route.handlerRef = { name };
      }
      routes.push(route);
    }
  }
  return routes;
}

/** The function a decorator call decorates, if the call is a decorator. */
function decoratedFunction(call: SyntaxNode): SyntaxNode | undefined {
  const decorator = call.parent;
  if (decorator?.type !== 'decorator') return undefined;
  const definition = decorator.parent?.childForFieldName('definition');
  return definition?.type === 'function_definition' ? definition : undefined;
}

function keyword(args: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const child of args.namedChildren) {
    if (child?.type === 'keyword_argument' && child.childForFieldName('name')?.text === name) return child.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

function listOfStrings(node: SyntaxNode | undefined): string[] | undefined {
  if (!node || (node.type !== 'list' && node.type !== 'tuple' && node.type !== 'set')) return undefined;
  const values = node.namedChildren.map((n) => stringValue(n)).filter((s): s is string => !!s);
  return values.length ? values : undefined;
}
