// Python definitions: functions, methods and classes, scoped by module path and enclosing classes.

import type { Definition } from '../definition';
import type { ExtractInput } from './extractInput';
import { ancestors, endLineOf, locationOf } from './syntax';

export function pythonDefinitions(input: ExtractInput): Definition[] {
  const definitions: Definition[] = [];
  for (const node of [...input.captured('function'), ...input.captured('class')]) {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) continue;
    const classes: string[] = [];
    let nearest: string | undefined;
    for (const a of ancestors(node)) {
      if (a.type !== 'class_definition' && a.type !== 'function_definition') continue;
      nearest ??= a.type;
      if (a.type === 'class_definition') classes.unshift(a.childForFieldName('name')?.text ?? '');
    }
    const isClass = node.type === 'class_definition';
    const scope = [...input.moduleScope, ...classes];
    definitions.push({
      ...locationOf(input.file, nameNode),
      name: nameNode.text,
      kind: isClass ? 'class' : nearest === 'class_definition' ? 'method' : 'function',
      language: 'python',
      scope,
      qualifiedName: [...scope, nameNode.text].join('.'),
      endLine: endLineOf(node),
    });
  }
  return definitions;
}
