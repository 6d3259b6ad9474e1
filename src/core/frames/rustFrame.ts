// Parses demangled Rust paths: `crate::mod::Type::method`, `<T as Trait>::m`, hash suffixes, closures.

import { splitTopLevel, stripGroups } from './nesting';
import type { ParsedFrame } from './parsedFrame';

const HASH_SUFFIX = /::h[0-9a-f]{8,16}$/;

/**
 * The legacy-mangling hash (`::h0123456789abcdef`) is dropped; `<myapp::Server as
 * core::fmt::Display>::fmt` gives type `Server` in module `myapp` with trait `Display`;
 * `{{closure}}` / `{closure#0}` become the closure of the enclosing fn.
 */
export function parseRustFrame(raw: string, name: string): ParsedFrame {
  const text = name.trim().replace(HASH_SUFFIX, '');
  let selfPath: string[] = [];
  let trait: string | undefined;
  let rest = text;

  if (text.startsWith('<')) {
    const close = findClosingAngle(text);
    if (close > 0) {
      const inner = text.slice(1, close);
      const as = splitTopLevel(inner, ' as ');
      selfPath = pathSegments(as[0].replace(/^&(?:mut\s+)?|^dyn\s+|^\*(?:const|mut)\s+/g, ''));
      if (as.length > 1) trait = pathSegments(as[1]).pop();
      rest = text.slice(close + 1).replace(/^::/, '');
    }
  }

  let parts = rest === '' ? [] : pathSegments(rest);
  let closure: string | undefined;
  const closureAt = parts.findIndex((p) => p.startsWith('{'));
  if (closureAt >= 0) {
    closure = parts.slice(closureAt).join('::');
    parts = parts.slice(0, closureAt);
  }
  const fn = parts.pop() ?? '';
  const qualifiers = [...selfPath, ...parts];

  let type: string | undefined;
  const last = qualifiers[qualifiers.length - 1];
  if (selfPath.length > 0 && parts.length === 0) type = selfPath[selfPath.length - 1];
  else if (last && /^[A-Z]/.test(last)) type = last;
  const moduleParts = type ? qualifiers.slice(0, -1) : qualifiers;

  const frame: ParsedFrame = { raw, language: 'rust', resolvable: fn !== '', function: fn, scope: qualifiers };
  if (!frame.resolvable) frame.unresolvableReason = 'anonymous';
  if (moduleParts.length) frame.module = moduleParts.join('::');
  if (type) frame.type = type;
  if (trait) frame.trait = trait;
  if (closure) frame.closure = closure;
  return frame;
}

/** `alloc::vec::Vec<T>::push` -> `['alloc','vec','Vec','push']`; turbofish parts (`::<T>`) vanish. */
function pathSegments(path: string): string[] {
  return splitTopLevel(path.trim(), '::')
    .map((p) => (p.startsWith('{') ? p : stripGroups(p, '<').trim()))
    .filter((p) => p !== '');
}

function findClosingAngle(text: string): number {
  // The qualified-path prefix `<...>` closes where its depth returns to zero (`->` is an arrow).
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '<') depth++;
    else if (text[i] === '>' && text[i - 1] !== '-') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
