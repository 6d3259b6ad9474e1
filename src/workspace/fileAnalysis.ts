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
import type { LoadedGrammar, SourceParser, SyntaxNode } from './treeSitter';

export interface FileAnalysis {
  language: SourceLanguage;
  definitions: Definition[];
  routes: RouteRegistration[];
}

/** Loads the grammar (async, once per language), then parses and extracts synchronously. */
export async function analyzeSource(parser: SourceParser, language: SourceLanguage, file: string, text: string, moduleScope: string[]): Promise<FileAnalysis> {
  return analyzeLoaded(parser, await parser.grammar(language), file, text, moduleScope);
}

/** The synchronous part: the longest stretch the index keeps the event loop busy for one file. */
export function analyzeLoaded(parser: SourceParser, grammar: LoadedGrammar, file: string, text: string, moduleScope: string[]): FileAnalysis {
  const language = grammar.language;
  const tree = parser.parse(grammar, text);
  if (!tree) return { language, definitions: [], routes: [] };
  try {
    const byName = new Map<string, SyntaxNode[]>();
    for (const c of grammar.query.captures(tree.rootNode)) {
      const list = byName.get(c.name);
      if (list) list.push(c.node);
      else byName.set(c.name, [c.node]);
    }
    const input: ExtractInput = { file, language, moduleScope, captured: (name) => byName.get(name) ?? [] };
    switch (language) {
      case 'go':
        return { language, definitions: goDefinitions(input), routes: goRoutes(input) };
      case 'typescript':
      case 'tsx':
      case 'javascript':
        return { language, definitions: javascriptDefinitions(input), routes: javascriptRoutes(input) };
      case 'python':
        return { language, definitions: pythonDefinitions(input), routes: pythonRoutes(input) };
      case 'java':
        return { language, definitions: javaDefinitions(input), routes: [] };
      case 'cpp':
        return { language, definitions: cppDefinitions(input), routes: [] };
      case 'rust':
        return { language, definitions: rustDefinitions(input), routes: [] };
    }
  } finally {
    tree.delete();
  }
}
