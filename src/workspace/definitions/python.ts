// Python definitions: functions, methods and classes, scoped by module path and enclosing classes.

import type { Definition } from '../definition';
import type { ExtractInput } from './extractInput';
import { enclosingScopes, scopeOf } from './scopes';
import { endLineOf, locationOf } from './syntax';

export function pythonDefinitions(input: ExtractInput): Definition[] {
  const nodes = [...input.captured('function'), ...input.captured('class')];
  const scopes = nodes.map((n) => scopeOf(n, n.type === 'class_definition' ? 'class' : 'function', n.type === 'class_definition' ? [n.childForFieldName('name')?.text ?? ''] : []));
  const enclosing = enclosingScopes(nodes, scopes);
  const definitions: Definition[] = [];
  nodes.forEach((node, i) => {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) return;
    const around = enclosing[i];
    const classes = around.filter((s) => s.kind === 'class').flatMap((s) => s.names);
    const isClass = node.type === 'class_definition';
    const scope = [...input.moduleScope, ...classes];
    definitions.push({
      ...locationOf(input.file, nameNode),
      name: nameNode.text,
      kind: isClass ? 'class' : around[around.length - 1]?.kind === 'class' ? 'method' : 'function',
      language: 'python',
      scope,
      qualifiedName: [...scope, nameNode.text].join('.'),
      endLine: endLineOf(node),
    });
  });
  return definitions.sort((a, b) => a.line - b.line || a.column - b.column);
}
