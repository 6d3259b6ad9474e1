// Picks the writer for an output format: the text formats as chunks, pprof as one buffer.

import { Profile } from '../profile';
import { foldedText, pixieJsonText } from './writeText';
import { writePprof } from './writePprof';

export const OUTPUT_FORMATS = ['folded', 'json', 'pprof'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Chunks to write in order; pprof is gzipped when `gzip` is set (e.g. the output name ends in .gz). */
export function serializeProfile(profile: Profile, format: OutputFormat, options: { gzip?: boolean } = {}): Iterable<string | Uint8Array> {
  switch (format) {
    case 'folded':
      return foldedText(profile);
    case 'json':
      return pixieJsonText(profile);
    case 'pprof':
      return [writePprof(profile, options)];
  }
}

/** The format an output file name suggests, if any (`.folded`, `.jsonl`, `.pb.gz`, …). */
export function formatForFileName(name: string): OutputFormat | undefined {
  if (/\.(folded|collapsed|txt)$/i.test(name)) return 'folded';
  if (/\.(jsonl|json|ndjson)$/i.test(name)) return 'json';
  if (/\.pb(\.gz)?$/i.test(name) || /\.pprof$/i.test(name)) return 'pprof';
  return undefined;
}
