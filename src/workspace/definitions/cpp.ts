// C++ definitions: function bodies (free, in-class, out-of-line `ns::Class::f`) and classes, scoped by namespaces and classes.

import { splitTopLevel, stripGroups } from '../../core/frames/nesting';
import type { Definition } from '../definition';
import type { SyntaxNode } from '../treeSitter';
import type { ExtractInput } from './extractInput';
import { ancestors, endLineOf, locationOf } from './syntax';

/** Only definitions with a body are indexed: a declaration is not where the time is spent. */
export function cppDefinitions(input: ExtractInput): Definition[] {
  const definitions: Definition[] = [];
  for (const node of input.captured('class')) {
    const nameNode = node.childForFieldName('name');
    // `struct S;` and `class C;` are forward declarations.
    if (!nameNode || !node.childForFieldName('body')) continue;
    definitions.push(make(input.file, nameNode, node, normaliseName(nameNode.text), 'class', enclosingScope(node).scope));
  }
  for (const node of input.captured('function')) {
    const nameNode = functionName(node.childForFieldName('declarator') ?? undefined);
    if (!nameNode) continue;
    const enclosing = enclosingScope(node);
    const parts = splitTopLevel(nameNode.text, '::').map((p) => normaliseName(p));
    const name = parts.pop() ?? '';
    if (!name) continue;
    const scope = [...enclosing.scope, ...parts];
    const owner = scope[scope.length - 1];
    const kind = owner && name === owner ? 'constructor' : enclosing.inClass || parts.length ? 'method' : 'function';
    definitions.push(make(input.file, nameNode, node, name, kind, scope));
  }
  return definitions;
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

function enclosingScope(node: SyntaxNode): { scope: string[]; inClass: boolean } {
  const scope: string[] = [];
  let inClass = false;
  for (const a of ancestors(node)) {
    if (a.type === 'namespace_definition') {
      const name = a.childForFieldName('name');
      // An anonymous namespace has no name in frames either.
      if (name) scope.unshift(...name.text.split('::').map((s) => s.trim()));
    } else if (a.type === 'class_specifier' || a.type === 'struct_specifier') {
      const name = a.childForFieldName('name');
      if (name) {
        scope.unshift(normaliseName(name.text));
        inClass = true;
      }
    }
  }
  return { scope, inClass };
}

/** `Image<T>` -> `Image`; `operator ()` -> `operator()` (frames print operators without the space). */
export function normaliseName(text: string): string {
  const t = text.trim();
  if (t.startsWith('operator')) return t.replace(/^operator\s+(?=[^\w\s])/, 'operator').replace(/\s+/g, ' ');
  return stripGroups(t, '<').trim();
}
