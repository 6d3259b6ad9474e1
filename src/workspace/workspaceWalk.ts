// Lists a workspace's files, skipping dependency, VCS and cache directories, without following symbolic links.

import * as path from 'node:path';
import type { WorkspaceFs } from './workspaceFs';

/** Never entered: dependencies, VCS data, caches and Rust/Python build trees (huge and never user code). */
export const IGNORED_DIRS: readonly string[] = ['node_modules', '.git', '.hg', '.svn', 'target', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.next', 'coverage'];

/** Listed (so `/app/dist/server.js` can be found) but not parsed: build output and vendored code. */
export const UNPARSED_DIRS: readonly string[] = ['dist', 'build', 'out', 'vendor', 'third_party', 'bower_components'];

export interface WalkedFile {
  file: string;
  /** False under an UNPARSED_DIRS directory. */
  parse: boolean;
}

export async function* walkWorkspace(
  fs: WorkspaceFs,
  roots: readonly string[],
  options: { ignoredDirs: ReadonlySet<string>; unparsedDirs: ReadonlySet<string>; isCancelled: () => boolean },
): AsyncGenerator<WalkedFile> {
  const stack: Array<{ dir: string; parse: boolean }> = roots.map((dir) => ({ dir, parse: true })).reverse();
  while (stack.length) {
    if (options.isCancelled()) return;
    const { dir, parse } = stack.pop()!;
    let entries: Array<[string, string]>;
    try {
      entries = await fs.readDirectory(dir);
    } catch {
      // An unreadable directory (permissions, removed while walking) is skipped, not fatal.
      continue;
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const subdirs: Array<{ dir: string; parse: boolean }> = [];
    for (const [name, type] of entries) {
      if (type === 'directory') {
        if (options.ignoredDirs.has(name) || (name.startsWith('.') && name !== '.')) continue;
        subdirs.push({ dir: path.join(dir, name), parse: parse && !options.unparsedDirs.has(name) });
      } else if (type === 'file') {
        yield { file: path.join(dir, name), parse };
      }
    }
    stack.push(...subdirs.reverse());
  }
}
