// C++ definitions: function bodies (free, in-class, out-of-line `ns::Class::f`) and classes, scoped by namespaces and classes.

import { splitTopLevel, stripGroups } from '../../core/frames/nesting';
import type { Definition } from '../definition';
import type { SyntaxNode } from '../treeSitter';
import type { ExtractInput } from './extractInput';
import { enclosingScopes, NamedScope, scopeOf } from './scopes';
import { endLineOf, locationOf } from './syntax';

/** Only definitions with a body are indexed: a declaration is not where the time is spent. */
export function cppDefinitions(input: ExtractInput): Definition[] {
  // A class without a body (`struct S;`) is a forward declaration.
  const classes = input.captured('class').filter((n) => n.childForFieldName('name') && n.childForFieldName('body'));
  const scopes: NamedScope[] = [
    // An anonymous namespace has no name in frames either.
    ...input.captured('namespace').map((n) => scopeOf(n, 'namespace', (n.childForFieldName('name')?.text ?? '').split('::').map((s) => s.trim()).filter(Boolean))),
    ...classes.map((n) => scopeOf(n, 'class', [normaliseName(n.childForFieldName('name')!.text)])),
  ];
  const functions = input.captured('function');
  const enclosing = enclosingScopes([...classes, ...functions], scopes);
  const definitions: Definition[] = [];
  classes.forEach((node, i) => {
    const nameNode = node.childForFieldName('name')!;
    definitions.push(make(input.file, nameNode, node, normaliseName(nameNode.text), 'class', enclosing[i].flatMap((s) => s.names)));
  });
  functions.forEach((node, j) => {
    const nameNode = functionName(node.childForFieldName('declarator') ?? undefined);
    if (!nameNode) return;
    const around = enclosing[classes.length + j];
    const parts = splitTopLevel(nameNode.text, '::').map((p) => normaliseName(p));
    const name = parts.pop() ?? '';
    if (!name) return;
    const scope = [...around.flatMap((s) => s.names), ...parts];
    const owner = scope[scope.length - 1];
    const inClass = around.some((s) => s.kind === 'class');
    const kind = owner && name === owner ? 'constructor' : inClass || parts.length ? 'method' : 'function';
    definitions.push(make(input.file, nameNode, node, name, kind, scope));
  });
  return definitions.sort((a, b) => a.line - b.line || a.column - b.column);
}

function make(file: string, nameNode: SyntaxNode, node: SyntaxNode, name: string, kind: Definition['kind'], scope: string[]): Definition {
  return { ...locationOf(file, nameNode), name, kind, language: 'cpp', scope, qualifiedName: [...scope, name].join('::'), endLine: endLineOf(node) };
}

/** Follows `declarator` fields through pointers and references down to the function's name. */
function functionName(declarator: SyntaxNode | undefined): SyntaxNode | undefined {
  let d: SyntaxNode | null | undefined = declarator;
  for (let i = 0; d && i < 8; i++) {
    if (d.type === 'function_declarator') return d.childForFieldName('declarator') ?? undefined;
    // Reference declarators hold their inner declarator as an unnamed child.
    d = d.childForFieldName('declarator') ?? d.namedChildren.find((c) => c?.type.endsWith('declarator'));
  }
  return undefined;
}

/** `Image<T>` -> `Image`; `operator ()` -> `operator()` (frames print operators without the space). */
export function normaliseName(text: string): string {
  const t = text.trim();
  if (t.startsWith('operator')) return t.replace(/^operator\s+(?=[^\w\s])/, 'operator').replace(/\s+/g, ' ');
  return stripGroups(t, '<').trim();
}
