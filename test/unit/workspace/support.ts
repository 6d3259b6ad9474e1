// Shared paths and builders for the workspace tests.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeSource, FileAnalysis } from '../../../src/workspace/fileAnalysis';
import { sourceLanguageOf } from '../../../src/workspace/sourceLanguage';
import { SourceParser } from '../../../src/workspace/treeSitter';

export const REPO = path.resolve(__dirname, '../../..');
export const WASM_DIR = path.join(REPO, 'node_modules/@vscode/tree-sitter-wasm/wasm');
export const PROJECTS = path.join(REPO, 'test/fixtures/projects');

let parser: Promise<SourceParser> | undefined;

/** Definitions and routes of a snippet, as the index would record them for a file of that name. */
export async function analyze(file: string, text: string, moduleScope: string[] = []): Promise<FileAnalysis> {
  parser ??= SourceParser.create(WASM_DIR);
  const language = sourceLanguageOf(file);
  if (!language) throw new Error(`not a source file: ${file}`);
  return analyzeSource(await parser, language, path.resolve('/ws', file), text, moduleScope);
}

/** A throwaway workspace built from `{ relativePath: contents }`. */
export function tempWorkspace(files: Record<string, string>): { root: string; write(rel: string, text: string): string; remove(rel: string): void; dispose(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'flamelens-ws-'));
  const write = (rel: string, text: string) => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return {
    root,
    write,
    remove: (rel) => rmSync(path.join(root, rel), { recursive: true, force: true }),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function rel(file: string, root = PROJECTS): string {
  return path.relative(root, file).split(path.sep).join('/');
}
