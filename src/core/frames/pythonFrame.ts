// Parses Python frame names as py-spy, Pyroscope and pprof print them: `handler (app.py:12)`, `app.py:12 - handler`.

import type { ParsedFrame } from './parsedFrame';

const PY_SPY = /^(.*?)\s*\(([^()]+\.pyw?):(\d+)\)$/;
const PYROSCOPE = /^(\S+\.pyw?):(\d+) - (.+)$/;

export function isPythonFrame(name: string): boolean {
  return PY_SPY.test(name) || PYROSCOPE.test(name);
}

/**
 * `Handler.get (app/views.py:12)` -> type `Handler`, function `get`, file and line.
 * `<module>` (top-level code) and `<lambda>` have no name to look up: only the position locates them.
 */
export function parsePythonFrame(raw: string, name: string, location?: { file: string; line: number; column?: number }): ParsedFrame {
  let text = name.trim();
  let file = location?.file;
  let line = location?.line;
  const spy = PY_SPY.exec(text);
  const pyroscope = spy ? null : PYROSCOPE.exec(text);
  if (spy) {
    text = spy[1];
    file = spy[2];
    line = Number(spy[3]);
  } else if (pyroscope) {
    text = pyroscope[3];
    file = pyroscope[1];
    line = Number(pyroscope[2]);
  }
  const dot = text.lastIndexOf('.');
  const fnName = dot >= 0 ? text.slice(dot + 1) : text;
  const type = dot >= 0 ? text.slice(0, dot) : undefined;
  const anonymous = fnName === '' || fnName.startsWith('<');

  const frame: ParsedFrame = { raw, language: 'python', resolvable: true, function: anonymous ? '' : fnName, scope: type ? type.split('.') : [] };
  if (anonymous) frame.closure = fnName;
  if (type) frame.type = type;
  if (file) frame.file = file;
  if (line && line > 0) frame.line = line;
  if (location?.column) frame.column = location.column;
  if (anonymous && !file) {
    frame.resolvable = false;
    frame.unresolvableReason = 'anonymous';
  }
  return frame;
}
