// Rust definitions: fns (in impls, traits and mods), structs, enums and traits, scoped by crate and module path.

import type { Definition } from '../definition';
import type { ExtractInput } from './extractInput';
import { ancestors, bareTypeName, endLineOf, locationOf } from './syntax';

export function rustDefinitions(input: ExtractInput): Definition[] {
  const definitions: Definition[] = [];
  for (const capture of ['function', 'type'] as const) {
    for (const node of input.captured(capture)) {
      const nameNode = node.childForFieldName('name');
      if (!nameNode) continue;
      const mods: string[] = [];
      let owner: string | undefined;
      for (const a of ancestors(node)) {
        if (a.type === 'mod_item') mods.unshift(a.childForFieldName('name')?.text ?? '');
        else if (!owner && a.type === 'impl_item') owner = bareTypeName(a.childForFieldName('type')?.text ?? '');
        else if (!owner && a.type === 'trait_item') owner = a.childForFieldName('name')?.text;
      }
      const scope = [...input.moduleScope, ...mods, ...(owner ? [owner] : [])];
      definitions.push({
        ...locationOf(input.file, nameNode),
        name: nameNode.text,
        kind: capture === 'type' ? 'type' : owner ? 'method' : 'function',
        language: 'rust',
        scope,
        qualifiedName: [...scope, nameNode.text].join('::'),
        endLine: endLineOf(node),
      });
    }
  }
  return definitions;
}
