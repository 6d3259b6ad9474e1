// Small helpers over tree-sitter nodes shared by the per-language extractors.

import type { SyntaxNode } from '../treeSitter';
import type { SourceLocation } from '../definition';

export function locationOf(file: string, node: SyntaxNode): SourceLocation {
  return { file, line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

export function endLineOf(node: SyntaxNode): number {
  return node.endPosition.row + 1;
}

/** A type's name without generic arguments or pointers: `*List[T]` -> `List`, `Vec<T>` -> `Vec`. */
export function bareTypeName(text: string): string {
  const noGenerics = text.replace(/[<[].*$/s, '');
  const parts = noGenerics.replace(/^[*&\s]+|mut\s+|dyn\s+/g, '').split(/::|\./);
  return parts[parts.length - 1].trim();
}

const STRING_NODES = new Set(['string', 'interpreted_string_literal', 'raw_string_literal', 'template_string']);

/** The contents of a string literal node, or undefined when it is not one or interpolates (`${x}`, f-strings). */
export function stringValue(node: SyntaxNode | undefined | null): string | undefined {
  if (!node || !STRING_NODES.has(node.type)) return undefined;
  if (node.namedChildren.some((c) => c && (c.type === 'interpolation' || c.type === 'template_substitution'))) return undefined;
  const text = node.text;
  const quote = /^[a-zA-Z]*("""|'''|["'`])/.exec(text);
  if (!quote) return undefined;
  return text.slice(quote[0].length, text.length - quote[1].length);
}
