// Parses JavaScript frames as perf maps, the V8 inspector and pprof give them: `JS:*handler /app/dist/server.js:12:5`.

import type { ParsedFrame } from './parsedFrame';

/** V8 code-event tags (`--perf-basic-prof`, `--prof`) and the tier markers that follow them. */
const V8_TAG = /^(JS|LazyCompile|Function|InterpretedFunction|Script|Eval|Builtin|Stub|BytecodeHandler|Handler|RegExp|Callback|Code):\s*([*~^+-]?)/;
const VM_INTERNAL_TAGS = new Set(['Builtin', 'Stub', 'BytecodeHandler', 'Handler', 'RegExp', 'Callback', 'Code']);
const VM_PSEUDO_FRAMES = new Set(['(program)', '(garbage collector)', '(idle)', '(root)', '(GC)', '(BYTECODE_FUNCTION)']);
/** `name (url:line:col)` (Node stack traces) or `name url:line[:col]` (perf, pprof); the name may be empty. */
const LOCATION_IN_PARENS = /^(.*?)\s*\((\S+?):(\d+)(?::(\d+))?\)$/;
const LOCATION_AFTER_SPACE = /^(?:(.*?)\s+)?(\S+?):(\d+)(?::(\d+))?$/;
const JS_FILE = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/;

export function hasV8Tag(name: string): boolean {
  return V8_TAG.test(name);
}

/** True for a location token that names a JavaScript or TypeScript file or URL. */
export function isJsFile(file: string): boolean {
  return JS_FILE.test(file.replace(/[?#].*$/, '')) || file.startsWith('node:');
}

/**
 * Handles `handler /app/dist/server.js:12:5`, `handler (file:///app/dist/server.js:12:5)`,
 * `LazyCompile:*handler /app/dist/server.js:12`, `(anonymous) ...`. Line and column are kept
 * 1-based, as V8 prints them; `file://` URLs become paths.
 */
export function parseJsFrame(raw: string, name: string): ParsedFrame {
  let text = name.trim();
  let tag: string | undefined;
  const tagged = V8_TAG.exec(text);
  if (tagged) {
    tag = tagged[1];
    text = text.slice(tagged[0].length).trim();
  }
  if (VM_PSEUDO_FRAMES.has(text) || (tag && VM_INTERNAL_TAGS.has(tag))) {
    return { raw, language: 'js', resolvable: false, unresolvableReason: 'runtime', function: text, scope: [] };
  }

  let file: string | undefined;
  let line: number | undefined;
  let column: number | undefined;
  const at = LOCATION_IN_PARENS.exec(text) ?? LOCATION_AFTER_SPACE.exec(text);
  if (at && (isJsFile(at[2]) || /^(?:file|https?):|^\//.test(at[2]))) {
    text = at[1] ?? '';
    file = at[2];
    line = Number(at[3]);
    if (at[4] !== undefined) column = Number(at[4]);
  } else {
    // `Script:~ /app/dist/server.js`: a script's top level has a file but no line.
    const bare = /^(.*?)\s*(\S+)$/.exec(text);
    if (bare && isJsFile(bare[2]) && (bare[1] === '' || bare[2].includes('/'))) {
      text = bare[1];
      file = bare[2];
    }
  }
  if (file) file = normaliseFile(file);

  const fnText = text
    .replace(/^(?:async|get|set|new|bound)\s+/, '')
    .replace(/^(?:module\.)?exports\./, '')
    .replace(/^Object\.<anonymous>$/, '');
  const anonymous = fnText === '' || fnText === '(anonymous)' || fnText === '<anonymous>' || fnText === '(anonymous function)';
  const dot = anonymous ? -1 : fnText.lastIndexOf('.');
  const type = dot > 0 ? fnText.slice(0, dot) : undefined;
  const fn = anonymous ? '' : fnText.slice(dot + 1);

  const frame: ParsedFrame = { raw, language: 'js', resolvable: true, function: fn, scope: type ? type.split('.') : [] };
  if (type) frame.type = type;
  if (file) frame.file = file;
  if (line && line > 0) frame.line = line;
  if (column && column > 0) frame.column = column;
  if (file?.startsWith('node:') || file === 'native') {
    frame.resolvable = false;
    frame.unresolvableReason = 'runtime';
  } else if (anonymous && !file) {
    frame.resolvable = false;
    frame.unresolvableReason = 'anonymous';
  }
  return frame;
}

function normaliseFile(file: string): string {
  if (!file.startsWith('file://')) return file.replace(/%20/g, ' ');
  try {
    const path = decodeURIComponent(new URL(file).pathname);
    return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
  } catch {
    return file.slice('file://'.length);
  }
}
