// JavaScript/TypeScript definitions: functions, classes, methods, and functions assigned to consts, properties and exports.

import type { Definition, DefinitionKind } from '../definition';
import type { SyntaxNode } from '../treeSitter';
import type { ExtractInput } from './extractInput';
import { enclosingScopes, NamedScope, scopeOf } from './scopes';
import { endLineOf, locationOf } from './syntax';

const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'generator_function', 'function']);

/**
 * V8 names a method `method` (or `Class.method` in stack traces) and a constructor by its
 * class, so a constructor is indexed under the class name with kind `constructor`.
 */
export function javascriptDefinitions(input: ExtractInput): Definition[] {
  const scopes = containerScopes(input);
  const pending: Array<{ nameNode: SyntaxNode; node: SyntaxNode; kind: DefinitionKind; container?: string[] }> = [];
  const want = (nameNode: SyntaxNode | null | undefined, node: SyntaxNode, kind: DefinitionKind, container?: string[]) => {
    if (nameNode) pending.push({ nameNode, node, kind, container });
  };

  for (const node of input.captured('function')) want(node.childForFieldName('name'), node, 'function');
  for (const node of input.captured('class')) want(node.childForFieldName('name'), node, 'class');
  for (const node of input.captured('method')) want(node.childForFieldName('name'), node, 'method');
  for (const node of input.captured('field')) {
    if (isFunction(node.childForFieldName('value'))) want(node.childForFieldName('name') ?? node.childForFieldName('property'), node, 'method');
  }
  for (const node of input.captured('variable')) {
    const name = node.childForFieldName('name');
    if (name?.type === 'identifier' && isFunction(node.childForFieldName('value'))) want(name, node, 'function');
  }
  for (const node of input.captured('pair')) {
    if (isFunction(node.childForFieldName('value'))) want(node.childForFieldName('key'), node, 'method');
  }
  for (const node of input.captured('assignment')) {
    const left = node.childForFieldName('left');
    const object = left?.type === 'member_expression' ? left.childForFieldName('object') : undefined;
    if (!left || !object || !isFunction(node.childForFieldName('right'))) continue;
    const text = object.text;
    // `exports.x = fn` has no container; `Foo.prototype.x = fn` is in Foo; `this.x = fn` in the enclosing class.
    if (text === 'this') {
      want(left.childForFieldName('property'), node, 'method');
      continue;
    }
    const parts = text === 'exports' || text === 'module.exports' ? [] : text.split('.').filter((p) => p !== 'prototype');
    const last = parts[parts.length - 1];
    const container = last && /^[\w$]+$/.test(last) ? [last] : [];
    want(left.childForFieldName('property'), node, container.length ? 'method' : 'function', container);
  }

  const enclosing = enclosingScopes(pending.map((p) => p.node), scopes);
  const definitions: Definition[] = [];
  pending.forEach(({ nameNode, node, kind, container }, i) => {
    const scope = container ?? enclosing[i].flatMap((s) => s.names);
    let name = unquote(nameNode.text);
    if (kind === 'method' && name === 'constructor' && scope.length) {
      name = scope[scope.length - 1];
      kind = 'constructor';
    }
    if (!name) return;
    definitions.push({ ...locationOf(input.file, nameNode), name, kind, language: input.language, scope, qualifiedName: [...scope, name].join('.'), endLine: endLineOf(node) });
  });
  return definitions.sort((a, b) => a.line - b.line || a.column - b.column);
}

function isFunction(node: SyntaxNode | null | undefined): boolean {
  return !!node && FUNCTION_VALUES.has(node.type);
}

/** Named classes, and classes or objects bound to a name (`const routes = { ... }`, `key: { ... }`, `a.b = { ... }`). */
function containerScopes(input: ExtractInput): NamedScope[] {
  const scopes: NamedScope[] = [];
  for (const node of input.captured('class')) {
    const name = node.childForFieldName('name');
    if (name) scopes.push(scopeOf(node, 'class', [name.text]));
  }
  const bind = (name: string | undefined, value: SyntaxNode | null) => {
    if (name && value && (value.type === 'object' || (value.type === 'class' && !value.childForFieldName('name')))) scopes.push(scopeOf(value, 'object', [name]));
  };
  for (const node of input.captured('variable')) bind(node.childForFieldName('name')?.text, node.childForFieldName('value'));
  for (const node of input.captured('pair')) bind(unquote(node.childForFieldName('key')?.text ?? '') || undefined, node.childForFieldName('value'));
  for (const node of input.captured('assignment')) {
    const left = node.childForFieldName('left');
    bind(left?.type === 'member_expression' ? left.childForFieldName('property')?.text : left?.text, node.childForFieldName('right'));
  }
  return scopes;
}

function unquote(text: string): string {
  return text.replace(/^(['"`])(.*)\1$/, '$2');
}
