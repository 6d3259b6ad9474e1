// Which source languages the workspace index parses, and which tree-sitter grammar reads each file.

export type SourceLanguage = 'go' | 'typescript' | 'tsx' | 'javascript' | 'python' | 'java' | 'cpp' | 'rust';

/** Grammar file stem in `@vscode/tree-sitter-wasm/wasm/` (`tree-sitter-<stem>.wasm`). */
export const GRAMMAR_OF: Record<SourceLanguage, string> = {
  go: 'go',
  typescript: 'typescript',
  tsx: 'tsx',
  javascript: 'javascript',
  python: 'python',
  java: 'java',
  cpp: 'cpp',
  rust: 'rust',
};

const BY_EXTENSION: Record<string, SourceLanguage> = {
  go: 'go',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  py: 'python',
  java: 'java',
  c: 'cpp',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  'c++': 'cpp',
  h: 'cpp',
  hh: 'cpp',
  hpp: 'cpp',
  hxx: 'cpp',
  rs: 'rust',
};

/** The language of a file by its name, or undefined for files the index does not parse. */
export function sourceLanguageOf(file: string): SourceLanguage | undefined {
  if (file.endsWith('.d.ts') || file.endsWith('.min.js')) return undefined;
  const dot = file.lastIndexOf('.');
  if (dot < 0 || dot < file.lastIndexOf('/')) return undefined;
  return BY_EXTENSION[file.slice(dot + 1).toLowerCase()];
}

/** Languages that share definitions with each other (a TS frame may be defined in JS and back). */
export function languageFamily(language: SourceLanguage): 'go' | 'js' | 'python' | 'java' | 'cpp' | 'rust' {
  switch (language) {
    case 'typescript':
    case 'tsx':
    case 'javascript':
      return 'js';
    default:
      return language;
  }
}
