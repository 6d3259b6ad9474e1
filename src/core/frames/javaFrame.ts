// Parses JVM frame names: `[j] long a.b.C::m()`, `a.b.C.m`, `a/b/C$Inner.m`, `Lcom/x/Foo;::bar`, lambdas.

import { lastTopLevelIndexOf, matchingOpen } from './nesting';
import type { ParsedFrame } from './parsedFrame';

/**
 * Packages are the leading lower-case segments, then the class (nested classes split on
 * `$`), then the method. `<init>` is looked up as the class name (constructors are named so
 * in source); `lambda$handle$0` as its enclosing method `handle`.
 */
export function parseJavaFrame(raw: string, name: string): ParsedFrame {
  let text = name.trim().replace(/^\[j\]\s*/, '').replace(/_\[j\]$/, '');
  if (text.endsWith(')')) {
    const open = matchingOpen(text, text.length - 1);
    if (open > 0) text = text.slice(0, open);
  }
  const space = lastTopLevelIndexOf(text, ' ');
  if (space >= 0) text = text.slice(space + 1);
  // Hidden classes of lambdas carry an address: `C$$Lambda$14/0x0000000800c03000.run`.
  text = text.replace(/[/.]0x[0-9a-f]+(?=[.:]|$)/gi, '');

  let classText: string;
  let method: string;
  const colons = text.lastIndexOf('::');
  if (colons >= 0) {
    classText = text.slice(0, colons);
    method = text.slice(colons + 2);
  } else {
    const dot = text.lastIndexOf('.');
    classText = dot >= 0 ? text.slice(0, dot) : '';
    method = dot >= 0 ? text.slice(dot + 1) : text;
  }
  classText = classText.replace(/^L(.*);$/, '$1').replace(/\//g, '.');

  const segments = classText === '' ? [] : classText.split('.');
  const classAt = segments.findIndex((s) => /^[A-Z_$]/.test(s));
  const packageParts = classAt >= 0 ? segments.slice(0, classAt) : segments.slice(0, -1);
  const classPath = classAt >= 0 ? segments.slice(classAt).join('.') : segments.slice(-1).join('.');

  let closure: string | undefined;
  let classes: string[] = [];
  for (const piece of classPath.split('.')) {
    const nested = piece.split('$');
    const syntheticAt = nested.findIndex((n, i) => i > 0 && (n === '' || /^\d+$/.test(n) || n.startsWith('Lambda')));
    if (syntheticAt > 0) {
      // `C$$Lambda$14`, `C$1`: a synthetic or anonymous class inside C.
      closure = nested.slice(syntheticAt).join('$');
      classes.push(...nested.slice(0, syntheticAt));
      break;
    }
    classes.push(...nested.filter((n) => n !== ''));
  }
  classes = classes.filter((c) => c !== '');

  let fn = method;
  let resolvable = true;
  const lambda = /^lambda\$(.+)\$\d+$/.exec(method);
  if (lambda) {
    closure = method;
    fn = lambda[1] === 'new' || lambda[1] === 'static' ? classes[classes.length - 1] ?? '' : lambda[1];
  } else if (method === '<init>' || method === '<clinit>') {
    fn = classes[classes.length - 1] ?? '';
    if (method === '<clinit>') closure = method;
  } else if (/^access\$\d+$/.test(method)) {
    resolvable = false;
  }
  if (closure?.startsWith('Lambda') || closure?.startsWith('$Lambda')) {
    // The hidden class's method only forwards to a `lambda$...` frame, which is the one to open.
    resolvable = false;
  }

  const frame: ParsedFrame = {
    raw,
    language: 'java',
    resolvable: resolvable && fn !== '',
    function: fn,
    scope: [...packageParts, ...classes],
  };
  if (!frame.resolvable) frame.unresolvableReason = fn === '' || closure ? 'anonymous' : 'generated';
  if (packageParts.length) frame.module = packageParts.join('.');
  if (classes.length) frame.type = classes.join('.');
  if (closure) frame.closure = closure;
  return frame;
}
