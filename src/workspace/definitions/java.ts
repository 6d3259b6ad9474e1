// Java definitions: classes (and interfaces, enums, records), methods and constructors, scoped by package.

import type { Definition, DefinitionKind } from '../definition';
import type { ExtractInput } from './extractInput';
import { enclosingScopes, scopeOf } from './scopes';
import { endLineOf, locationOf } from './syntax';

export function javaDefinitions(input: ExtractInput): Definition[] {
  const pkg = input.captured('package')[0]?.namedChildren.find((c) => c?.type === 'scoped_identifier' || c?.type === 'identifier');
  const packageParts = pkg ? pkg.text.split('.').map((s) => s.trim()) : [];
  const types = input.captured('class');
  const scopes = types.map((n) => scopeOf(n, 'class', [n.childForFieldName('name')?.text ?? '']));
  const entries: Array<[DefinitionKind, typeof types]> = [['class', types], ['constructor', input.captured('constructor')], ['method', input.captured('method')]];
  const nodes = entries.flatMap(([kind, list]) => list.map((node) => ({ kind, node })));
  const enclosing = enclosingScopes(nodes.map((n) => n.node), scopes);
  const definitions: Definition[] = [];
  nodes.forEach(({ kind, node }, i) => {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) return;
    const scope = [...packageParts, ...enclosing[i].flatMap((s) => s.names)];
    definitions.push({ ...locationOf(input.file, nameNode), name: nameNode.text, kind, language: 'java', scope, qualifiedName: [...scope, nameNode.text].join('.'), endLine: endLineOf(node) });
  });
  return definitions.sort((a, b) => a.line - b.line || a.column - b.column);
}
