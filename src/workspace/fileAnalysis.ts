// Parses one source file once and extracts everything the index keeps from it: definitions and route registrations.

import type { Definition } from './definition';
import { cppDefinitions } from './definitions/cpp';
import type { ExtractInput } from './definitions/extractInput';
import { goDefinitions } from './definitions/go';
import { javaDefinitions } from './definitions/java';
import { javascriptDefinitions } from './definitions/javascript';
import { pythonDefinitions } from './definitions/python';
import { rustDefinitions } from './definitions/rust';
import { goRoutes } from './routes/go';
import { javascriptRoutes } from './routes/javascript';
import { pythonRoutes } from './routes/python';
import type { RouteRegistration } from './routes/route';
import type { SourceLanguage } from './sourceLanguage';
import { performance } from 'node:perf_hooks';
import { cpuMs } from './treeSitter';
import type { Point, SourceParser, SyntaxNode } from './treeSitter';

export interface FileAnalysis {
  language: SourceLanguage;
  definitions: Definition[];
  routes: RouteRegistration[];
}

export interface TimedAnalysis {
  analysis: FileAnalysis;
  /** Longest synchronous stretch: a parse slice, a capture pass, or one extraction phase. */
  longestSliceMs: number;
  /** CPU time of the costliest stretch (less sensitive than wall time to a busy machine). */
  longestSliceCpuMs: number;
}

/**
 * Loads the grammar (once per language), parses, then extracts definitions and routes.
 * With `sliceMs`, the parse pauses for the event loop whenever a slice runs out, and the
 * extraction yields between its phases.
 */
export async function analyzeSource(parser: SourceParser, language: SourceLanguage, file: string, text: string, moduleScope: string[], sliceMs?: number): Promise<FileAnalysis> {
  return (await analyzeTimed(parser, language, file, text, moduleScope, sliceMs)).analysis;
}

export async function analyzeTimed(parser: SourceParser, language: SourceLanguage, file: string, text: string, moduleScope: string[], sliceMs?: number): Promise<TimedAnalysis> {
  const grammar = await parser.grammar(language);
  const parsed = await parser.parse(grammar, text, sliceMs);
  const tree = parsed.tree;
  if (!tree) return { analysis: { language, definitions: [], routes: [] }, longestSliceMs: parsed.longestSliceMs, longestSliceCpuMs: parsed.longestSliceCpuMs };
  let longest = parsed.longestSliceMs;
  let longestCpu = parsed.longestSliceCpuMs;
  const timed = async <T>(work: () => T): Promise<T> => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = work();
    longest = Math.max(longest, performance.now() - started);
    longestCpu = Math.max(longestCpu, cpuMs(process.cpuUsage(cpu)));
    if (sliceMs !== undefined) await new Promise((resolve) => setImmediate(resolve));
    return result;
  };
  try {
    // A long file is read in runs of top-level statements, each captured and extracted in its
    // own turns. Scopes (classes, namespaces, Go functions holding route groups) never span
    // two runs; file-level facts (package, imports) carry forward from earlier runs.
    const fileLevel = new Map<string, SyntaxNode[]>();
    const seen = new Set<number>();
    const definitions: Definition[] = [];
    const routes: RouteRegistration[] = [];
    const ranges = sliceMs === undefined ? [undefined] : await timed(() => topLevelRanges(tree.rootNode, CHUNK_LINES));
    for (const range of ranges) {
      const local = await timed(() => {
        const byName = new Map<string, SyntaxNode[]>();
        for (const c of grammar.query.captures(tree.rootNode, range)) {
          // Ranges are whole lines; a node on a boundary line may come back twice.
          if (range) {
            if (seen.has(c.node.id)) continue;
            seen.add(c.node.id);
          }
          const list = byName.get(c.name);
          if (list) list.push(c.node);
          else byName.set(c.name, [c.node]);
          if (FILE_LEVEL.has(c.name)) fileLevel.set(c.name, [...(fileLevel.get(c.name) ?? []), c.node]);
        }
        return byName;
      });
      const input: ExtractInput = { file, language, moduleScope, captured: (name) => (FILE_LEVEL.has(name) ? fileLevel : local).get(name) ?? [] };
      definitions.push(...(await timed(() => definitionsOf(input))));
      routes.push(...(await timed(() => routesOf(input))));
    }
    return { analysis: { language, definitions, routes }, longestSliceMs: longest, longestSliceCpuMs: longestCpu };
  } finally {
    tree.delete();
  }
}

/** Captures that describe the whole file, seen by every later run of statements. */
const FILE_LEVEL = new Set(['package', 'import']);

/** Lines of code per capture pass. */
const CHUNK_LINES = 1200;

type RowRange = { startPosition: Point; endPosition: Point };

/**
 * Row ranges covering whole top-level statements, about `lines` each (one statement may be
 * longer). Rows, not indexes: this web-tree-sitter build takes query indexes in bytes of
 * UTF-16, unlike the character indexes its nodes report.
 */
function topLevelRanges(root: SyntaxNode, lines: number): RowRange[] {
  const lastRow = root.endPosition.row + 1;
  if (lastRow <= lines) return [{ startPosition: { row: 0, column: 0 }, endPosition: { row: lastRow, column: 0 } }];
  const ranges: RowRange[] = [];
  let start = 0;
  for (const child of root.children) {
    const end = (child?.endPosition.row ?? 0) + 1;
    if (child && end - start >= lines) {
      ranges.push({ startPosition: { row: start, column: 0 }, endPosition: { row: end, column: 0 } });
      start = end;
    }
  }
  if (start < lastRow) ranges.push({ startPosition: { row: start, column: 0 }, endPosition: { row: lastRow, column: 0 } });
  return ranges;
}

function definitionsOf(input: ExtractInput): Definition[] {
  switch (input.language) {
    case 'go':
      return goDefinitions(input);
    case 'typescript':
    case 'tsx':
    case 'javascript':
      return javascriptDefinitions(input);
    case 'python':
      return pythonDefinitions(input);
    case 'java':
      return javaDefinitions(input);
    case 'cpp':
      return cppDefinitions(input);
    case 'rust':
      return rustDefinitions(input);
  }
}

function routesOf(input: ExtractInput): RouteRegistration[] {
  switch (input.language) {
    case 'go':
      return goRoutes(input);
    case 'typescript':
    case 'tsx':
    case 'javascript':
      return javascriptRoutes(input);
    case 'python':
      return pythonRoutes(input);
    default:
      return [];
  }
}
