// Parses Go symbol names as the Go runtime and pprof print them: `import/path.(*Type).Method.func1.2`.

import { stripGroups } from './nesting';
import type { ParsedFrame } from './parsedFrame';

const CLOSURE_SEGMENT = /^(?:func|gowrap|deferwrap)\d+$|^\d+$/;
const ABI_SUFFIX = /^abi(?:0|internal)$/i;
const RANGE_FUNC = /-range\d+$/;

/**
 * `github.com/o/r/pkg.(*Server).Handle`: the package path ends at the first `.` after the
 * last `/` (the linker escapes dots in the last path element as `%2e`). Generic instantiations
 * (`[...]`, `[go.shape.int]`) are dropped; closures (`.func1`, `.func1.2`, `.gowrap1`) keep the
 * enclosing function as `function`.
 */
export function parseGoFrame(raw: string, name: string): ParsedFrame {
  const text = stripGroups(name.trim(), '[');
  const lastSlash = text.lastIndexOf('/');
  const dot = text.indexOf('.', lastSlash + 1);
  if (dot < 0) return { raw, language: 'go', resolvable: true, function: text, scope: [] };

  const module = text.slice(0, dot).replace(/%2e/gi, '.');
  const rest = text.slice(dot + 1);
  if (module === 'type:' || module === 'type' || module === 'go' || module.startsWith('go:') || rest.startsWith('.eq.') || rest.startsWith('.hash.')) {
    return { raw, language: 'go', resolvable: false, unresolvableReason: 'generated', module, function: rest, scope: [] };
  }

  let segments = rest.split('.');
  if (segments.length > 1 && ABI_SUFFIX.test(segments[segments.length - 1])) segments = segments.slice(0, -1);

  let closureAt = segments.findIndex((s, i) => i > 0 && CLOSURE_SEGMENT.test(s));
  const rangeAt = segments.findIndex((s) => RANGE_FUNC.test(s));
  if (rangeAt >= 0 && (closureAt < 0 || rangeAt < closureAt)) {
    // `F-range1` is the body of a range-over-func loop inside F.
    segments[rangeAt] = segments[rangeAt].replace(RANGE_FUNC, (m) => `\u0000${m.slice(1)}`);
    const [fn, marker] = segments[rangeAt].split('\u0000');
    segments = [...segments.slice(0, rangeAt), fn, marker, ...segments.slice(rangeAt + 1)];
    closureAt = rangeAt + 1;
  }
  const head = closureAt >= 0 ? segments.slice(0, closureAt) : segments;
  const closure = closureAt >= 0 ? segments.slice(closureAt).join('.') : undefined;

  let type: string | undefined;
  let fn: string;
  const receiver = /^\(\*?([^)]*)\)$/.exec(head[0] ?? '');
  if (receiver) {
    type = receiver[1];
    fn = head[1] ?? '';
  } else if (head.length >= 2 && head[1] !== '') {
    type = head[0];
    fn = head[1];
  } else {
    fn = head[0] ?? '';
  }
  // A method value (`t.M` passed as a func) runs through a `M-fm` wrapper.
  fn = fn.replace(/-fm$/, '');

  const frame: ParsedFrame = { raw, language: 'go', resolvable: true, module, function: fn, scope: [...module.split('/'), ...(type ? [type] : [])] };
  if (type) frame.type = type;
  if (closure) frame.closure = closure;
  // `glob..func1`: a closure in a package-level var initialiser, which has no name to find.
  if (fn === 'glob' && head[1] === '') {
    frame.function = '';
    frame.resolvable = false;
    frame.unresolvableReason = 'anonymous';
  }
  return frame;
}
