// Bracket-aware string scanning shared by the frame-name parsers (templates, argument lists, closures nest).

const OPEN = '<([{';
const CLOSE = '>)]}';

/**
 * Splits on `separator` where no bracket is open. `<`/`>` count as brackets, so callers
 * must cut C++ `operator<` names out first.
 */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) {
      // `->` in a C++ operator or a Rust fn pointer type is not a closing bracket.
      if (!(ch === '>' && text[i - 1] === '-')) depth = Math.max(0, depth - 1);
    } else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      i += separator.length - 1;
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Index of the bracket that opens the group closing at `closeIndex`, or -1. */
export function matchingOpen(text: string, closeIndex: number): number {
  const close = text[closeIndex];
  const open = OPEN[CLOSE.indexOf(close)];
  if (!open) return -1;
  let depth = 0;
  for (let i = closeIndex; i >= 0; i--) {
    if (text[i] === close) depth++;
    else if (text[i] === open) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Removes every bracketed group opened by `open` (with its contents), e.g. `Vec<T>` -> `Vec`. */
export function stripGroups(text: string, open: '<' | '[' | '('): string {
  const close = CLOSE[OPEN.indexOf(open)];
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === open) depth++;
    else if (ch === close && depth > 0 && !(ch === '>' && text[i - 1] === '-')) depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

/** Last index of `needle` outside any bracket, or -1. */
export function lastTopLevelIndexOf(text: string, needle: string): number {
  let depth = 0;
  let found = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) {
      if (!(ch === '>' && text[i - 1] === '-')) depth = Math.max(0, depth - 1);
    } else if (depth === 0 && text.startsWith(needle, i)) found = i;
  }
  return found;
}
