// The set of files in the workspace, looked up by path suffix (container paths rarely match workspace paths whole).

import * as path from 'node:path';
import { slashPath } from './workspaceFs';

export interface SuffixMatch {
  /** Absolute workspace path. */
  file: string;
  /** How many trailing path segments agree (1 = only the file name). */
  matchedSegments: number;
}

export class WorkspaceFiles {
  private readonly byBaseName = new Map<string, Set<string>>();
  private count = 0;

  add(file: string): void {
    const base = path.basename(file);
    let set = this.byBaseName.get(base);
    if (!set) this.byBaseName.set(base, (set = new Set()));
    if (!set.has(file)) {
      set.add(file);
      this.count++;
    }
  }

  remove(file: string): void {
    const set = this.byBaseName.get(path.basename(file));
    if (set?.delete(file)) this.count--;
  }

  /** Drops every file below a directory (it was deleted or renamed). */
  removeUnder(dir: string): void {
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const set of this.byBaseName.values()) {
      for (const file of set) {
        if (file.startsWith(prefix)) {
          set.delete(file);
          this.count--;
        }
      }
    }
  }

  has(file: string): boolean {
    return this.byBaseName.get(path.basename(file))?.has(file) ?? false;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Workspace files whose path ends like `foreignPath` (any separator), longest common
   * suffix first; only the files sharing the longest suffix are returned, so more than one
   * result means the path is ambiguous.
   */
  bySuffix(foreignPath: string): SuffixMatch[] {
    const wanted = slashPath(foreignPath).replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
    const base = wanted[wanted.length - 1];
    if (!base) return [];
    const candidates = this.byBaseName.get(base);
    if (!candidates) return [];
    let best = 0;
    let matches: SuffixMatch[] = [];
    for (const file of candidates) {
      const have = slashPath(file).split('/');
      let n = 0;
      while (n < wanted.length && n < have.length && wanted[wanted.length - 1 - n] === have[have.length - 1 - n]) n++;
      if (n > best) {
        best = n;
        matches = [{ file, matchedSegments: n }];
      } else if (n === best) {
        matches.push({ file, matchedSegments: n });
      }
    }
    return matches.sort((a, b) => a.file.localeCompare(b.file));
  }
}
