// Rust definitions: fns (in impls, traits and mods), structs, enums and traits, scoped by crate and module path.

import type { Definition } from '../definition';
import type { ExtractInput } from './extractInput';
import { enclosingScopes, NamedScope, scopeOf } from './scopes';
import { bareTypeName, endLineOf, locationOf } from './syntax';

export function rustDefinitions(input: ExtractInput): Definition[] {
  const scopes: NamedScope[] = [
    ...input.captured('mod').map((n) => scopeOf(n, 'mod', [n.childForFieldName('name')?.text ?? ''])),
    ...input.captured('impl').map((n) => scopeOf(n, 'owner', [bareTypeName(n.childForFieldName('type')?.text ?? '')])),
    ...input.captured('trait').map((n) => scopeOf(n, 'owner', [n.childForFieldName('name')?.text ?? ''])),
  ];
  const nodes = [
    ...input.captured('function').map((node) => ({ node, type: false })),
    ...[...input.captured('type'), ...input.captured('trait')].map((node) => ({ node, type: true })),
  ];
  const enclosing = enclosingScopes(nodes.map((n) => n.node), scopes);
  const definitions: Definition[] = [];
  nodes.forEach(({ node, type }, i) => {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) return;
    const around = enclosing[i];
    const mods = around.filter((s) => s.kind === 'mod').flatMap((s) => s.names);
    const owner = [...around].reverse().find((s) => s.kind === 'owner')?.names[0];
    const scope = [...input.moduleScope, ...mods, ...(owner ? [owner] : [])];
    definitions.push({
      ...locationOf(input.file, nameNode),
      name: nameNode.text,
      kind: type ? 'type' : owner ? 'method' : 'function',
      language: 'rust',
      scope,
      qualifiedName: [...scope, nameNode.text].join('::'),
      endLine: endLineOf(node),
    });
  });
  return definitions.sort((a, b) => a.line - b.line || a.column - b.column);
}
