// Go definitions: functions, methods (qualified by receiver type) and types, scoped by import path.

import type { Definition } from '../definition';
import type { ExtractInput } from './extractInput';
import { bareTypeName, endLineOf, locationOf } from './syntax';

/**
 * Go frames name a package by import path (`github.com/o/r/pkg.F`) except `main`, which is
 * always `main.F`; the scope follows the same rule so the two line up segment by segment.
 */
export function goDefinitions(input: ExtractInput): Definition[] {
  const packageName = input.captured('package')[0]?.namedChildren.find((c) => c?.type === 'package_identifier')?.text;
  const scope = packageName === 'main' || input.moduleScope.length === 0 ? (packageName ? [packageName] : []) : input.moduleScope;
  const label = packageName ?? scope[scope.length - 1] ?? '';
  const definitions: Definition[] = [];

  for (const node of input.captured('function')) {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) continue;
    definitions.push({ ...locationOf(input.file, nameNode), name: nameNode.text, kind: 'function', language: 'go', scope: [...scope], qualifiedName: `${label}.${nameNode.text}`, endLine: endLineOf(node) });
  }
  for (const node of input.captured('method')) {
    const nameNode = node.childForFieldName('name');
    const receiverType = node.childForFieldName('receiver')?.namedChildren.find((c) => c?.type === 'parameter_declaration')?.childForFieldName('type');
    if (!nameNode || !receiverType) continue;
    const receiver = bareTypeName(receiverType.text);
    const pointer = receiverType.text.trimStart().startsWith('*');
    definitions.push({
      ...locationOf(input.file, nameNode),
      name: nameNode.text,
      kind: 'method',
      language: 'go',
      scope: [...scope, receiver],
      qualifiedName: pointer ? `${label}.(*${receiver}).${nameNode.text}` : `${label}.${receiver}.${nameNode.text}`,
      endLine: endLineOf(node),
    });
  }
  for (const node of input.captured('type')) {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) continue;
    definitions.push({ ...locationOf(input.file, nameNode), name: nameNode.text, kind: 'type', language: 'go', scope: [...scope], qualifiedName: `${label}.${nameNode.text}`, endLine: endLineOf(node) });
  }
  return definitions;
}
