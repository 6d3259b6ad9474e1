// A profile request for a saved file (folded, pprof, .cpuprofile, Pixie JSON rows).

import * as path from 'node:path';
import type { ProfileRequest } from './profileRequest';

export function fileProfileRequest(filePath: string): ProfileRequest {
  const name = path.basename(filePath);
  return {
    title: name,
    ref: { kind: 'file', path: filePath },
    async load({ signal, report }) {
      // The format readers are loaded on first use, keeping activation cheap.
      const { readProfileFile } = await import('../../core/formats');
      report(`reading ${name}`, 0);
      const profile = await readProfileFile(filePath, {
        signal,
        onProgress: (fraction: number) => report(`reading ${name}`, fraction),
      });
      return { ...profile, source: filePath };
    },
  };
}
