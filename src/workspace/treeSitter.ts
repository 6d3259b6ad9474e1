// Loads the web-tree-sitter runtime and grammars shipped by @vscode/tree-sitter-wasm, from a directory given by the caller.
//
// The runtime is process-wide (Parser.init sets up one WASM module); grammars load on first
// use of their language. From the repo the directory is
// `node_modules/@vscode/tree-sitter-wasm/wasm`; a bundle ships the same files in `dist/wasm/`
// (see WASM_FILES).

import { Language, Parser, Query } from '@vscode/tree-sitter-wasm';
import type { Tree } from '@vscode/tree-sitter-wasm';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { GRAMMAR_OF, SourceLanguage } from './sourceLanguage';
import { SYNTAX_QUERIES } from './syntaxQueries';

export type { Node as SyntaxNode, Query, QueryMatch, Tree } from '@vscode/tree-sitter-wasm';

/** Every file the workspace layer loads from the wasm directory: what a bundle must copy. */
export const WASM_FILES: readonly string[] = ['tree-sitter.wasm', ...[...new Set(Object.values(GRAMMAR_OF))].map((g) => `tree-sitter-${g}.wasm`)];

let runtime: Promise<void> | undefined;

/** A grammar with its extraction query compiled. */
export interface LoadedGrammar {
  language: SourceLanguage;
  grammar: Language;
  query: Query;
  /** Synchronous time spent compiling the query (the one long step of setting up a language). */
  setupMs: number;
}

/** Parses source text per language; one instance per index, cheap to keep. */
export class SourceParser {
  private readonly grammars = new Map<SourceLanguage, Promise<LoadedGrammar>>();
  private parser: Parser | undefined;

  private constructor(private readonly wasmDir: string) {}

  /** Fails with an actionable message when the directory lacks the runtime. */
  static async create(wasmDir: string): Promise<SourceParser> {
    const runtimeFile = path.join(wasmDir, 'tree-sitter.wasm');
    if (!existsSync(runtimeFile)) {
      throw new Error(`tree-sitter runtime not found at ${runtimeFile}: the wasm directory must hold ${WASM_FILES.join(', ')} (from @vscode/tree-sitter-wasm/wasm).`);
    }
    runtime ??= Parser.init({ locateFile: (file: string) => path.join(wasmDir, file) }).catch((err: unknown) => {
      runtime = undefined;
      throw new Error(`Could not start the tree-sitter runtime from ${runtimeFile}: ${err instanceof Error ? err.message : String(err)}`);
    });
    await runtime;
    const sp = new SourceParser(wasmDir);
    sp.parser = new Parser();
    return sp;
  }

  /** Loads a grammar and compiles its query, once per language. */
  grammar(language: SourceLanguage): Promise<LoadedGrammar> {
    let loaded = this.grammars.get(language);
    if (!loaded) {
      const file = path.join(this.wasmDir, `tree-sitter-${GRAMMAR_OF[language]}.wasm`);
      loaded = Language.load(file).then(
        (grammar) => {
          const t0 = performance.now();
          const query = new Query(grammar, SYNTAX_QUERIES[language]);
          return { language, grammar, query, setupMs: performance.now() - t0 };
        },
        (err: unknown) => {
          this.grammars.delete(language);
          throw new Error(`Could not load the ${language} grammar from ${file}: ${err instanceof Error ? err.message : String(err)}`);
        },
      );
      this.grammars.set(language, loaded);
    }
    return loaded;
  }

  /** Synchronous parse; the caller owns the tree and must `delete()` it. */
  parse(grammar: LoadedGrammar, text: string): Tree | undefined {
    const parser = this.parser;
    if (!parser) throw new Error('SourceParser used after dispose');
    parser.setLanguage(grammar.grammar);
    return parser.parse(text) ?? undefined;
  }

  dispose(): void {
    for (const g of this.grammars.values()) void g.then((l) => l.query.delete(), () => undefined);
    this.grammars.clear();
    this.parser?.delete();
    this.parser = undefined;
  }
}
