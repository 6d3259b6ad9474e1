// Java definitions: classes (and interfaces, enums, records), methods and constructors, scoped by package.

import type { Definition, DefinitionKind } from '../definition';
import type { ExtractInput } from './extractInput';
import { ancestors, endLineOf, locationOf } from './syntax';

const TYPE_NODES = new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration']);

export function javaDefinitions(input: ExtractInput): Definition[] {
  const pkg = input.captured('package')[0]?.namedChildren.find((c) => c?.type === 'scoped_identifier' || c?.type === 'identifier');
  const packageParts = pkg ? pkg.text.split('.').map((s) => s.trim()) : [];
  const definitions: Definition[] = [];
  const kinds: Array<[string, DefinitionKind]> = [['class', 'class'], ['constructor', 'constructor'], ['method', 'method']];
  for (const [capture, kind] of kinds) {
    for (const node of input.captured(capture)) {
      const nameNode = node.childForFieldName('name');
      if (!nameNode) continue;
      const classes: string[] = [];
      for (const a of ancestors(node)) if (TYPE_NODES.has(a.type)) classes.unshift(a.childForFieldName('name')?.text ?? '');
      const scope = [...packageParts, ...classes];
      definitions.push({
        ...locationOf(input.file, nameNode),
        name: nameNode.text,
        kind,
        language: 'java',
        scope,
        qualifiedName: [...scope, nameNode.text].join('.'),
        endLine: endLineOf(node),
      });
    }
  }
  return definitions;
}
