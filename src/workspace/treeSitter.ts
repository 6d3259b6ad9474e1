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

export type { Node as SyntaxNode, Point, Query, QueryMatch, Tree } from '@vscode/tree-sitter-wasm';

/** Every file the workspace layer loads from the wasm directory: what a bundle must copy. */
export const WASM_FILES: readonly string[] = ['tree-sitter.wasm', ...[...new Set(Object.values(GRAMMAR_OF))].map((g) => `tree-sitter-${g}.wasm`)];

let runtime: Promise<void> | undefined;

/** A 1 MiB file parses in well under 200 slices of 8 ms. */
const MAX_SLICES = 500;

/** A grammar with its extraction query compiled. */
export interface LoadedGrammar {
  language: SourceLanguage;
  grammar: Language;
  query: Query;
  /** Synchronous time spent compiling the query (the one long step of setting up a language). */
  setupMs: number;
}

export interface ParseResult {
  tree: Tree | undefined;
  /** Longest synchronous stretch of the parse (wall time). */
  longestSliceMs: number;
  /** CPU time of the costliest stretch: what the work itself took on a busy machine. */
  longestSliceCpuMs: number;
}

/** Parses source text per language; one instance per index, cheap to keep. */
export class SourceParser {
  private readonly grammars = new Map<SourceLanguage, Promise<LoadedGrammar>>();
  private parser: Parser | undefined;
  private lock: Promise<void> = Promise.resolve();

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

  /**
   * Parses `text`; the caller owns the tree and must `delete()` it. With `sliceMs`, a long
   * parse pauses when a slice runs out and resumes on a later event-loop turn (tree-sitter
   * continues where it stopped), so no slice blocks much longer than `sliceMs`. Parses are
   * serialised: a paused parse holds the parser until it finishes.
   */
  parse(grammar: LoadedGrammar, text: string, sliceMs?: number): Promise<ParseResult> {
    const run = this.lock.then(() => this.parseNow(grammar, text, sliceMs));
    this.lock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async parseNow(grammar: LoadedGrammar, text: string, sliceMs: number | undefined): Promise<ParseResult> {
    const parser = this.parser;
    if (!parser) throw new Error('SourceParser used after dispose');
    // setLanguage resets a paused parse, so it is called once, before the first slice.
    parser.setLanguage(grammar.grammar);
    parser.reset();
    let longestSliceMs = 0;
    let longestSliceCpuMs = 0;
    for (let slice = 0; ; slice++) {
      if (this.parser !== parser) throw new Error('SourceParser used after dispose');
      const start = performance.now();
      const cpu = process.cpuUsage();
      const deadline = start + (sliceMs ?? Infinity);
      // After many slices (a machine too busy for any progress), finish in one go rather than never.
      const sliced = sliceMs !== undefined && slice < MAX_SLICES;
      const tree = sliced ? parser.parse(text, null, { progressCallback: () => performance.now() > deadline }) : parser.parse(text);
      longestSliceMs = Math.max(longestSliceMs, performance.now() - start);
      longestSliceCpuMs = Math.max(longestSliceCpuMs, cpuMs(process.cpuUsage(cpu)));
      if (tree || !sliced) return { tree: tree ?? undefined, longestSliceMs, longestSliceCpuMs };
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  dispose(): void {
    for (const g of this.grammars.values()) void g.then((l) => l.query.delete(), () => undefined);
    this.grammars.clear();
    this.parser?.delete();
    this.parser = undefined;
  }
}

export function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
