// Tells which profile format some bytes are from their content; the file name is only a hint for unclear cases.

import { excerpt, ProfileFormatError } from './formatError';

export type InputFormat = 'gzip' | 'pprof' | 'cpuprofile' | 'pixie-jsonl' | 'pixie-json-array' | 'folded';

/** How many leading bytes detection looks at (callers pass at least this much when they have it). */
export const DETECT_BYTES = 64 * 1024;

const FOLDED_LINE = /\s\d+(?:\.\d+)?\s*$/;
const STACK_TRACE_KEY = /"stack_trace"\s*:/;
const NODES_KEY = /"nodes"\s*:/;
const FOLDED_NAME = /\.(folded|collapsed|txt|stacks?)$/i;

export const SUPPORTED_FORMATS =
  'folded stacks (`a;b;c 12`), Pixie JSON rows (`px run -o json px/perf_flamegraph`), pprof (.pb/.pb.gz) or a Chrome .cpuprofile';

/**
 * `head` is the start of the input (gunzipped already unless the answer is 'gzip').
 * Throws ProfileFormatError when the content is none of the formats.
 */
export function detectFormat(head: Uint8Array, nameHint?: string): InputFormat {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  const named = nameHint ? `${baseName(nameHint)}: ` : '';
  if (isBinary(head)) {
    if (looksLikeProtobuf(head)) return 'pprof';
    throw new ProfileFormatError(`${named}not a profile we can read: binary data that is neither gzip nor pprof protobuf; expected ${SUPPORTED_FORMATS}`);
  }
  const text = new TextDecoder('utf-8').decode(head.subarray(0, DETECT_BYTES));
  const start = firstContent(text);
  if (start < 0) throw new ProfileFormatError(`${named}empty profile: the input has no content`);
  const first = text[start];
  const lineEnd = text.indexOf('\n', start);
  const firstLine = text.slice(start, lineEnd < 0 ? text.length : lineEnd);
  if (first === '[') return 'pixie-json-array';
  if (first === '{') {
    if (STACK_TRACE_KEY.test(firstLine)) return 'pixie-jsonl';
    if (NODES_KEY.test(text)) return 'cpuprofile';
    throw new ProfileFormatError(
      `${named}a JSON object that is neither Pixie rows (no \`stack_trace\` column on line 1) nor a Chrome .cpuprofile (no \`nodes\`)`,
    );
  }
  if (FOLDED_LINE.test(firstLine.trimEnd()) || (nameHint && FOLDED_NAME.test(nameHint))) return 'folded';
  throw new ProfileFormatError(`${named}not a profile we can read: it starts with \`${excerpt(firstLine)}\`; expected ${SUPPORTED_FORMATS}`);
}

function firstContent(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0xfeff && c !== 32 && c !== 9 && c !== 10 && c !== 13) return i;
  }
  return -1;
}

/** Control bytes other than whitespace never appear in the text formats. */
function isBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 512);
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b < 9 || (b > 13 && b < 32)) return true;
  }
  return false;
}

/** A pprof Profile starts with a field tag of profile.proto (1..14) with a varint or length-delimited wire type. */
function looksLikeProtobuf(head: Uint8Array): boolean {
  const tag = head[0];
  const field = tag >> 3;
  const wire = tag & 7;
  return field >= 1 && field <= 14 && (wire === 0 || wire === 2);
}

function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash >= 0 ? path.slice(slash + 1) : path;
}
