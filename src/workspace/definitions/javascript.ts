// JavaScript/TypeScript definitions: functions, classes, methods, and functions assigned to consts, properties and exports.

import type { Definition, DefinitionKind } from '../definition';
import type { SyntaxNode } from '../treeSitter';
import type { ExtractInput } from './extractInput';
import { ancestors, endLineOf, locationOf } from './syntax';

const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'generator_function', 'function']);
const CLASS_NODES = new Set(['class_declaration', 'abstract_class_declaration', 'class']);

/**
 * V8 names a method `method` (or `Class.method` in stack traces) and a constructor by its
 * class, so a constructor is indexed under the class name with kind `constructor`.
 */
export function javascriptDefinitions(input: ExtractInput): Definition[] {
  const definitions: Definition[] = [];
  const add = (nameNode: SyntaxNode | null | undefined, node: SyntaxNode, kind: DefinitionKind, container: string[]) => {
    if (!nameNode) return;
    let name = unquote(nameNode.text);
    if (kind === 'method' && name === 'constructor' && container.length) {
      name = container[container.length - 1];
      kind = 'constructor';
    }
    if (!name) return;
    definitions.push({
      ...locationOf(input.file, nameNode),
      name,
      kind,
      language: input.language,
      scope: container,
      qualifiedName: [...container, name].join('.'),
      endLine: endLineOf(node),
    });
  };

  for (const node of input.captured('function')) add(node.childForFieldName('name'), node, 'function', containerOf(node));
  for (const node of input.captured('class')) add(node.childForFieldName('name'), node, 'class', containerOf(node));
  for (const node of input.captured('method')) add(node.childForFieldName('name'), node, 'method', containerOf(node));
  for (const node of input.captured('field')) {
    if (isFunction(node.childForFieldName('value'))) add(node.childForFieldName('name') ?? node.childForFieldName('property'), node, 'method', containerOf(node));
  }
  for (const node of input.captured('variable')) {
    const name = node.childForFieldName('name');
    if (name?.type === 'identifier' && isFunction(node.childForFieldName('value'))) add(name, node, 'function', containerOf(node));
  }
  for (const node of input.captured('pair')) {
    if (isFunction(node.childForFieldName('value'))) add(node.childForFieldName('key'), node, 'method', containerOf(node));
  }
  for (const node of input.captured('assignment')) {
    const left = node.childForFieldName('left');
    const object = left?.type === 'member_expression' ? left.childForFieldName('object') : undefined;
    if (!left || !object || !isFunction(node.childForFieldName('right'))) continue;
    const container = assignmentContainer(object, node);
    add(left.childForFieldName('property'), node, container.length ? 'method' : 'function', container);
  }
  return definitions.sort((a, b) => a.line - b.line || a.column - b.column);
}

function isFunction(node: SyntaxNode | null | undefined): boolean {
  return !!node && FUNCTION_VALUES.has(node.type);
}

/** Enclosing classes and named objects, outermost first (`const routes = { admin() {} }` -> `routes`). */
function containerOf(node: SyntaxNode): string[] {
  const names: string[] = [];
  for (const a of ancestors(node)) {
    if (CLASS_NODES.has(a.type)) {
      const name = a.childForFieldName('name')?.text ?? declaredName(a);
      if (name) names.unshift(name);
    } else if (a.type === 'object') {
      const name = declaredName(a);
      if (name) names.unshift(name);
    }
  }
  return names;
}

/** The name a class or object expression is bound to: `const X = ...`, `key: ...`, `a.X = ...`. */
function declaredName(node: SyntaxNode): string | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
  if (parent.type === 'pair') return unquote(parent.childForFieldName('key')?.text ?? '') || undefined;
  if (parent.type === 'assignment_expression') {
    const left = parent.childForFieldName('left');
    if (left?.type === 'member_expression') return left.childForFieldName('property')?.text;
    return left?.text;
  }
  return undefined;
}

/** `exports.x = fn` has no container; `Foo.prototype.x = fn` is in Foo; `this.x = fn` in the enclosing class. */
function assignmentContainer(object: SyntaxNode, node: SyntaxNode): string[] {
  const text = object.text;
  if (text === 'exports' || text === 'module.exports') return [];
  if (text === 'this') return containerOf(node);
  const parts = text.split('.').filter((p) => p !== 'prototype');
  const last = parts[parts.length - 1];
  return last && /^[\w$]+$/.test(last) ? [last] : [];
}

function unquote(text: string): string {
  return text.replace(/^(['"`])(.*)\1$/, '$2');
}
