// Parses demangled C++ names: namespaces, classes, templates, argument lists, operators, lambdas.

import { lastTopLevelIndexOf, matchingOpen, splitTopLevel, stripGroups } from './nesting';
import type { ParsedFrame } from './parsedFrame';

const TRAILING_QUALIFIER = /\s*(?:const|volatile|noexcept|&&|&)\s*$/;
const ANONYMOUS_NAMESPACE = '(anonymous namespace)';

/**
 * `void ns::Class<int>::method(std::string const&) const [clone .isra.0]` ->
 * module `ns`, type `Class`, function `method`. `(anonymous namespace)` is dropped from the
 * scope (it has no name in the source); `{lambda(int)#1}` becomes the closure of the
 * function it is written in.
 */
export function parseCppFrame(raw: string, name: string): ParsedFrame {
  let text = name.trim().replace(/\s*\[clone [^\]]*\]/g, '').replace(/\[abi:[^\]]*\]/g, '');
  for (let prev = ''; prev !== text; ) {
    prev = text;
    text = text.replace(TRAILING_QUALIFIER, '');
  }
  if (text.endsWith(')')) {
    const open = matchingOpen(text, text.length - 1);
    const before = open > 0 ? text.slice(0, open) : '';
    // `Foo::operator()` without arguments: the parentheses are the operator's name.
    if (open > 0 && !/\boperator\s*$/.test(before) && text.slice(open) !== ANONYMOUS_NAMESPACE) text = before.trimEnd();
  }

  // Operators are cut out first: `<`, `>` and `()` in their names would confuse bracket matching.
  let fnText = '';
  let qualifierText = text;
  const op = /(?:^|::|\s)(operator\b.*)$/.exec(text);
  if (op) {
    fnText = op[1];
    qualifierText = text.slice(0, op.index + (op[0].startsWith('::') ? 0 : op[0].length - op[1].length));
  }
  const space = lastTopLevelIndexOf(qualifierText, ' ');
  if (space >= 0) qualifierText = qualifierText.slice(space + 1);
  if (op && qualifierText.endsWith('::')) qualifierText = qualifierText.slice(0, -2);

  let parts = qualifierText === '' ? [] : splitTopLevel(qualifierText, '::');
  if (op) parts.push(fnText);
  parts = parts.map((p) => p.trim()).filter((p) => p !== '');

  let closure: string | undefined;
  const lambdaAt = parts.findIndex((p) => p.startsWith('{'));
  if (lambdaAt > 0) {
    closure = parts.slice(lambdaAt).join('::');
    parts = parts.slice(0, lambdaAt);
  }
  const fnPart = parts.pop() ?? '';
  const fn = plain(fnPart);
  const qualifiers = parts.filter((p) => p !== ANONYMOUS_NAMESPACE).map(plain);

  let type: string | undefined;
  const last = qualifiers[qualifiers.length - 1];
  if (last && (last === fn || `~${last}` === fn || /^[A-Z]/.test(last))) type = last;
  const moduleParts = type ? qualifiers.slice(0, -1) : qualifiers;

  const frame: ParsedFrame = { raw, language: 'cpp', resolvable: fn !== '', function: fn, scope: qualifiers };
  if (!frame.resolvable) frame.unresolvableReason = 'anonymous';
  if (moduleParts.length) frame.module = moduleParts.join('::');
  if (type) frame.type = type;
  if (closure) frame.closure = closure;
  return frame;
}

/** A name part without template arguments or a local entity's argument list (`f()` in `f()::{lambda()#1}`). */
function plain(part: string): string {
  if (part.startsWith('operator')) return part.replace(/\s+/g, ' ');
  if (part === ANONYMOUS_NAMESPACE) return part;
  return stripGroups(stripGroups(part, '<'), '(').trim();
}
