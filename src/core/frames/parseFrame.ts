// Turns any frame name from a profile into a ParsedFrame: detects the language, then parses with its rules.

import { classifyFrame } from '../frameKind';
import { parseSourceFrame } from '../formats/sourceFrame';
import { parseCppFrame } from './cppFrame';
import { parseGoFrame } from './goFrame';
import { parseJavaFrame } from './javaFrame';
import { hasV8Tag, isJsFile, parseJsFrame } from './jsFrame';
import type { FrameLanguage, ParsedFrame } from './parsedFrame';
import { isPythonFrame, parsePythonFrame } from './pythonFrame';
import { parseRustFrame } from './rustFrame';

export interface ParseFrameOptions {
  /** The language the process is known to be written in; skips detection (kernel/unsymbolized still win). */
  language?: FrameLanguage;
}

const MODULE_OFFSET = /\+0x[0-9a-f]+$/i;
const JS_PSEUDO = /^\((?:program|garbage collector|idle|root|anonymous)\)$/;
/** Node stack-trace style: `handler (file:///app/dist/server.js:12:5)`. */
const JS_LOCATION_IN_PARENS = /\((?:\S*\.(?:[cm]?[jt]sx?)|node:\S*):\d+(?::\d+)?\)$/;
const GO_GENERATED = /^(?:type:?\.|go:|go\.shape)/;
const RUST_EVIDENCE = /::h[0-9a-f]{8,16}$|\{\{closure\}\}|\{closure#\d+\}|^<.+ as .+>::|^(?:core|alloc|std::rt|tokio|hyper|axum|actix_web)::|::\{shim/;
const GO_CLOSURE = /\.(?:func\d+|gowrap\d+|deferwrap\d+)(?:\.\d+)*(?:\.abi0)?$|\.abi0$|-fm$|-range\d+/;

/**
 * Parses a frame name as samplers print it. Never throws: a name it cannot make sense of
 * comes back as language `unknown` with the whole name as `function`.
 */
export function parseFrameName(raw: string, options: ParseFrameOptions = {}): ParsedFrame {
  const name = raw.trim();
  if (name === '') return unresolvable(raw, 'unsymbolized', '');

  const kind = classifyFrame(name);
  if (kind === 'kernel') return unresolvable(raw, 'kernel', name.replace(/^\[k\]\s*/, '').replace(/_\[k\]$/, ''));
  if (kind === 'unsymbolized' || MODULE_OFFSET.test(name)) return unresolvable(raw, 'unsymbolized', name);
  if (kind === 'java') return parseJavaFrame(raw, name);

  if (hasV8Tag(name) || JS_PSEUDO.test(name) || JS_LOCATION_IN_PARENS.test(name)) return parseJsFrame(raw, name);
  if (isPythonFrame(name)) return parsePythonFrame(raw, name);

  const located = parseSourceFrame(name);
  if (located) {
    const fromFile = languageOfFile(located.file);
    const language = options.language ?? fromFile;
    if (language === 'js' || (language === undefined && isJsFile(located.file))) return parseJsFrame(raw, name);
    if (language === 'python') return parsePythonFrame(raw, located.functionName, located);
    const frame = parseByLanguage(raw, located.functionName, language ?? detectLanguage(located.functionName).language);
    frame.file = located.file;
    frame.line = located.line;
    if (located.column) frame.column = located.column;
    if (language) delete frame.languageGuessed;
    return frame;
  }

  if (options.language) return parseByLanguage(raw, name, options.language);
  const detected = detectLanguage(name);
  const frame = parseByLanguage(raw, name, detected.language);
  if (detected.guessed) frame.languageGuessed = true;
  return frame;
}

function parseByLanguage(raw: string, name: string, language: FrameLanguage): ParsedFrame {
  switch (language) {
    case 'go':
      return parseGoFrame(raw, name);
    case 'cpp':
      return parseCppFrame(raw, name);
    case 'java':
      return parseJavaFrame(raw, name);
    case 'rust':
      return parseRustFrame(raw, name);
    case 'python':
      return parsePythonFrame(raw, name);
    case 'js':
      return parseJsFrame(raw, name);
    case 'unknown':
      return parseDotted(raw, name);
  }
}

/** Syntax-only language detection for names without a position. */
export function detectLanguage(name: string): { language: FrameLanguage; guessed: boolean } {
  if (name.includes('::')) {
    const left = name.slice(0, name.lastIndexOf('::'));
    // `a.b.C::m()` and `Lcom/x/Foo;::bar` are JVM names written with C++ separators.
    if (/^L[\w/$]+;$/.test(left) || /^(?:\S+\s+)?[a-z_][\w]*(?:\.[\w$]+)+$/.test(left)) return { language: 'java', guessed: false };
    if (RUST_EVIDENCE.test(name)) return { language: 'rust', guessed: false };
    // Demangled C++ functions carry an argument list; Rust paths never do.
    if (/\)(?:\s*(?:const|volatile|&|&&|noexcept))*(?:\s*\[clone [^\]]*\])*$/.test(name) || name.includes('(anonymous namespace)') || /(?:^|::)operator\b/.test(name) || name.includes('{lambda(')) {
      return { language: 'cpp', guessed: false };
    }
    return { language: 'rust', guessed: true };
  }
  // A C function with its signature: `compress_block(unsigned char*, int)`.
  if (/^[A-Za-z_]\w*\(.*\)$/.test(name)) return { language: 'cpp', guessed: false };

  if (GO_GENERATED.test(name)) return { language: 'go', guessed: false };
  if (/\$|<init>|<clinit>|lambda\$/.test(name)) return { language: 'java', guessed: false };
  const lastSlash = name.lastIndexOf('/');
  if (lastSlash >= 0) {
    const tail = name.slice(lastSlash + 1);
    // Go package names are lower case (`net/http.(*conn).serve`); JVM class names are not (`com/x/Foo.bar`).
    if (/^[A-Z]/.test(tail) && tail.includes('.')) return { language: 'java', guessed: false };
    if (tail.includes('.')) return { language: 'go', guessed: false };
    return { language: 'unknown', guessed: true };
  }
  if (GO_CLOSURE.test(name) || /^[a-z]\w*\.\(\*?[\w[\].]+\)\./.test(name) || /\[(?:\.\.\.|go\.shape)/.test(name)) return { language: 'go', guessed: false };

  const segments = name.split('.');
  if (segments.length >= 3 && /^[a-z]/.test(segments[0]) && /^[a-z]/.test(segments[1]) && segments.some((s) => /^[A-Z]/.test(s))) {
    return { language: 'java', guessed: false };
  }
  if (segments.length >= 2 && segments.length <= 3 && /^[a-z][a-z0-9_]*$/.test(segments[0])) return { language: 'go', guessed: true };
  return { language: 'unknown', guessed: true };
}

/** A name in no known syntax: `Server.handle` -> type `Server`, function `handle`. */
function parseDotted(raw: string, name: string): ParsedFrame {
  const dot = name.lastIndexOf('.');
  const fn = dot >= 0 ? name.slice(dot + 1) : name;
  const type = dot > 0 ? name.slice(0, dot) : undefined;
  const frame: ParsedFrame = { raw, language: 'unknown', resolvable: fn !== '', function: fn, scope: type ? type.split('.') : [] };
  if (type) frame.type = type;
  if (!frame.resolvable) frame.unresolvableReason = 'anonymous';
  return frame;
}

function unresolvable(raw: string, reason: 'kernel' | 'unsymbolized', fn: string): ParsedFrame {
  return { raw, language: 'unknown', resolvable: false, unresolvableReason: reason, function: fn, scope: [] };
}

/** The language a source file of this name is written in, if it is one frames name. */
export function languageOfFile(file: string): FrameLanguage | undefined {
  const ext = /\.([A-Za-z0-9+]+)$/.exec(file.replace(/[?#].*$/, ''))?.[1]?.toLowerCase();
  switch (ext) {
    case 'go':
      return 'go';
    case 'py':
    case 'pyw':
      return 'python';
    case 'java':
    case 'kt':
      return 'java';
    case 'rs':
      return 'rust';
    case 'c':
    case 'cc':
    case 'cpp':
    case 'cxx':
    case 'c++':
    case 'h':
    case 'hh':
    case 'hpp':
    case 'hxx':
      return 'cpp';
    case 'js':
    case 'mjs':
    case 'cjs':
    case 'jsx':
    case 'ts':
    case 'mts':
    case 'cts':
    case 'tsx':
      return 'js';
    default:
      return undefined;
  }
}
