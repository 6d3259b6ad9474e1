// The one text form of a frame that knows its source position: `function file:line[:column]`.
//
// Readers that get a file and line (pprof, Chrome .cpuprofile) name frames like
//   `main.(*Server).Handle /app/server.go:42`
//   `handler /app/dist/server.js:12:5`
// Line and column are 1-based. The location is the last space-separated token, so the
// function part may contain spaces (C++ `fib(unsigned long)`); a space inside the file
// path is written `%20` to keep the token whole. `file://` URLs become plain paths;
// other URLs (`http://…`, `node:internal/…`) are kept as they are. Frames without a
// line (Pixie, folded stacks) are bare names and do not parse.

export interface SourceFrame {
  /** The function as the profiler named it (`(anonymous)` for unnamed JS functions). */
  functionName: string;
  /** A path (or a non-file URL), as the profiled process saw it: a container path, not a workspace path. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, when the profiler gives one (Chrome .cpuprofile does, pprof does not). */
  column?: number;
}

// The path is matched lazily so `file.js:12:5` reads as line 12, column 5, not file `file.js:12`.
const SOURCE_FRAME = /^(.+) (\S+?):(\d+)(?::(\d+))?$/;

export function formatSourceFrame(functionName: string, file: string, line: number, column?: number): string {
  if (!file || !(line > 0)) return functionName;
  const location = column !== undefined && column > 0 ? `${line}:${column}` : `${line}`;
  return `${functionName} ${encodeFile(file)}:${location}`;
}

export function parseSourceFrame(frame: string): SourceFrame | undefined {
  const m = SOURCE_FRAME.exec(frame);
  if (!m) return undefined;
  const line = Number(m[3]);
  if (!(line > 0)) return undefined;
  const result: SourceFrame = { functionName: m[1], file: m[2].replace(/%20/g, ' '), line };
  if (m[4] !== undefined && Number(m[4]) > 0) result.column = Number(m[4]);
  return result;
}

/** The function part of a frame name (the frame itself when it carries no position). */
export function frameFunctionName(frame: string): string {
  return parseSourceFrame(frame)?.functionName ?? frame;
}

function encodeFile(file: string): string {
  let path = file;
  if (path.startsWith('file://')) {
    try {
      path = decodeURIComponent(new URL(path).pathname);
      // file:///C:/x -> C:/x
      if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1);
    } catch {
      // Not a well-formed URL: keep it as given.
    }
  }
  return path.replace(/ /g, '%20');
}
