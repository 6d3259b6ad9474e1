// What every per-language extractor gets: the file, its module qualifiers, and the syntax nodes of interest by kind.

import type { SourceLanguage } from '../sourceLanguage';
import type { SyntaxNode } from '../treeSitter';

export interface ExtractInput {
  /** Absolute path of the file. */
  file: string;
  language: SourceLanguage;
  /**
   * Module qualifiers the file's place in the workspace gives: Go import path segments of
   * its directory (from go.mod), Rust crate + module path, Python dotted module. Empty when unknown.
   */
  moduleScope: string[];
  /** Nodes captured under a name by the language's query (see syntaxQueries.ts), in document order. */
  captured(name: string): readonly SyntaxNode[];
}
