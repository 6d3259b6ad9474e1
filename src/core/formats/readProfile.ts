// Reads a profile of any supported format from bytes in memory, detecting the format from the content.

import { gunzipSync } from 'node:zlib';
import { Profile } from '../profile';
import { readCpuProfile } from './cpuprofile';
import { DETECT_BYTES, detectFormat, InputFormat } from './detect';
import { FoldedReader } from './folded';
import { ProfileFormatError } from './formatError';
import { PixieJsonlReader, readPixieJsonArray } from './pixieJson';
import { readPprof } from './pprof';
import { ProfileReader, WholeInputReader } from './profileReader';

/** Feeding line formats in slices keeps every string well under V8's string size limit. */
const SLICE_BYTES = 4 * 2 ** 20;

export function readProfile(bytes: Uint8Array, nameHint?: string): Profile {
  let format = detectFormat(bytes.subarray(0, DETECT_BYTES), nameHint);
  let input = bytes;
  if (format === 'gzip') {
    input = gunzip(bytes, nameHint);
    format = detectFormat(input.subarray(0, DETECT_BYTES), nameHint);
    if (format === 'gzip') throw new ProfileFormatError('gzip inside gzip: decompress the file once and try again');
  }
  const reader = createProfileReader(format, nameHint);
  for (let offset = 0; offset < input.length; offset += SLICE_BYTES) reader.push(input.subarray(offset, offset + SLICE_BYTES));
  return reader.finish();
}

/** A reader for an already detected (and decompressed) format. */
export function createProfileReader(format: Exclude<InputFormat, 'gzip'>, source?: string): ProfileReader {
  switch (format) {
    case 'folded':
      return new FoldedReader(source);
    case 'pixie-jsonl':
      return new PixieJsonlReader(source);
    case 'pixie-json-array':
      return new WholeInputReader((b) => readPixieJsonArray(b, source));
    case 'pprof':
      return new WholeInputReader((b) => readPprof(b, source));
    case 'cpuprofile':
      return new WholeInputReader((b) => readCpuProfile(b, source));
  }
}

function gunzip(bytes: Uint8Array, nameHint: string | undefined): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ProfileFormatError(`${nameHint ? `${nameHint}: ` : ''}not valid gzip data (${why}); is the file complete?`);
  }
}
