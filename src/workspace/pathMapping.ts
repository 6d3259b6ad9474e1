// Maps a path as the profiled process saw it (`/app/dist/server.js` in a container) to workspace files.

import * as path from 'node:path';
import type { WorkspaceFiles } from './workspaceFiles';
import type { WorkspaceFs } from './workspaceFs';

/**
 * Container path prefix -> absolute workspace folder, as in the `flamelens.pathMappings`
 * setting: `{ "/app": "/home/me/src/services/admin" }`. The editor substitutes
 * `${workspaceFolder}` before passing it here.
 */
export type PathMappings = Readonly<Record<string, string>>;

export interface PathCandidate {
  /** Absolute workspace path. */
  file: string;
  /** `mapping`: a pathMappings prefix; `exact`: the path exists as is; `suffix`: the workspace file ends the same way. */
  via: 'mapping' | 'exact' | 'suffix';
  /** For `suffix`: how many trailing segments agree (1 = only the file name). */
  matchedSegments?: number;
}

export class PathMapper {
  private readonly mappings: Array<[string, string]>;

  constructor(
    mappings: PathMappings,
    private readonly files: () => Promise<WorkspaceFiles>,
    private readonly fs: WorkspaceFs,
    private readonly roots: readonly string[],
  ) {
    // Longest prefix first, so `/app/admin` wins over `/app`.
    this.mappings = Object.entries(mappings)
      .map(([from, to]): [string, string] => [normaliseForeign(from).replace(/\/+$/, ''), to])
      .sort((a, b) => b[0].length - a[0].length);
  }

  /**
   * Workspace files for a foreign path, best first. A mapping or an existing path gives one
   * candidate; suffix matching gives every file sharing the longest suffix, so more than one
   * candidate means the path is ambiguous and the caller must ask.
   */
  async map(foreignPath: string): Promise<PathCandidate[]> {
    const foreign = normaliseForeign(foreignPath);
    for (const [from, to] of this.mappings) {
      if (foreign === from || foreign.startsWith(from + '/') || from === '') {
        const target = path.join(to, ...foreign.slice(from.length).split('/').filter(Boolean));
        if ((await this.fs.stat(target))?.type === 'file') return [{ file: target, via: 'mapping' }];
      }
    }
    if (path.isAbsolute(foreignPath) && this.insideWorkspace(path.resolve(foreignPath)) && (await this.fs.stat(foreignPath))?.type === 'file') {
      return [{ file: path.resolve(foreignPath), via: 'exact' }];
    }
    const files = await this.files();
    return files.bySuffix(foreign).map((m) => ({ file: m.file, via: 'suffix', matchedSegments: m.matchedSegments }));
  }

  private insideWorkspace(file: string): boolean {
    return this.roots.some((r) => file === r || file.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
  }
}

/** `file:///app/x.js` -> `/app/x.js`; backslashes -> slashes. */
export function normaliseForeign(p: string): string {
  let out = p.trim();
  if (out.startsWith('file://')) {
    try {
      out = decodeURIComponent(new URL(out).pathname);
      if (/^\/[A-Za-z]:\//.test(out)) out = out.slice(1);
    } catch {
      out = out.slice('file://'.length);
    }
  }
  return out.replace(/\\/g, '/');
}
