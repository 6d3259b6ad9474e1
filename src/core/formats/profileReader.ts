// The incremental reader shape every format implements, so files, pipes and buffers share one path.

import { Profile } from '../profile';
import { ProfileFormatError } from './formatError';

/** Takes the input in chunks (any size) and gives the profile at the end. */
export interface ProfileReader {
  push(bytes: Uint8Array): void;
  /** Throws ProfileFormatError when the input was malformed or held no samples. */
  finish(): Profile;
}

/** For formats that need the whole input at once (pprof, .cpuprofile, a JSON array). */
export class WholeInputReader implements ProfileReader {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly parse: (bytes: Uint8Array) => Profile) {}

  push(bytes: Uint8Array): void {
    // Callers may reuse their buffer; keep a copy.
    this.chunks.push(bytes.slice());
    this.size += bytes.length;
  }

  finish(): Profile {
    const all = this.chunks.length === 1 ? this.chunks[0] : concat(this.chunks, this.size);
    this.chunks.length = 0;
    return this.parse(all);
  }
}

export function requireSamples(profile: Profile): Profile {
  if (!(profile.totalSamples > 0)) throw new ProfileFormatError('empty profile: no samples');
  return profile;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.length;
  }
  return all;
}
