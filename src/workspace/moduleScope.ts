// Works out the module qualifiers a file's place gives it: Go import path (go.mod), Rust crate and mod path (Cargo.toml), Python module.

import * as path from 'node:path';
import type { SourceLanguage } from './sourceLanguage';
import { readText, WorkspaceFs } from './workspaceFs';

/** Caches one lookup per directory; `forget` drops it when a go.mod or Cargo.toml changes. */
export class ModuleScopes {
  private readonly manifests = new Map<string, Promise<{ dir: string; name: string } | undefined>>();

  constructor(
    private readonly fs: WorkspaceFs,
    private readonly roots: readonly string[],
  ) {}

  async scopeOf(file: string, language: SourceLanguage): Promise<string[]> {
    switch (language) {
      case 'go': {
        const mod = await this.manifest(path.dirname(file), 'go.mod');
        if (!mod) return [];
        const rel = path.relative(mod.dir, path.dirname(file)).split(path.sep).filter(Boolean);
        return [...mod.name.split('/'), ...rel];
      }
      case 'rust': {
        const crate = await this.manifest(path.dirname(file), 'Cargo.toml');
        return rustScope(file, crate);
      }
      case 'python': {
        const root = this.rootOf(file);
        const rel = path.relative(root, file).replace(/\.pyw?$/, '').split(path.sep).filter(Boolean);
        if (rel[0] === 'src' && rel.length > 1) rel.shift();
        if (rel[rel.length - 1] === '__init__') rel.pop();
        return rel;
      }
      default:
        return [];
    }
  }

  /** Call when a go.mod or Cargo.toml is created, changed or deleted. */
  forget(): void {
    this.manifests.clear();
  }

  private rootOf(file: string): string {
    let best = path.dirname(file);
    let bestLength = -1;
    for (const r of this.roots) {
      if ((file === r || file.startsWith(r.endsWith(path.sep) ? r : r + path.sep)) && r.length > bestLength) {
        best = r;
        bestLength = r.length;
      }
    }
    return best;
  }

  /** Nearest manifest at or above `dir`, not above the workspace root. */
  private manifest(dir: string, fileName: 'go.mod' | 'Cargo.toml'): Promise<{ dir: string; name: string } | undefined> {
    const key = `${fileName}\u0000${dir}`;
    let found = this.manifests.get(key);
    if (!found) {
      found = this.findManifest(dir, fileName);
      this.manifests.set(key, found);
    }
    return found;
  }

  private async findManifest(dir: string, fileName: 'go.mod' | 'Cargo.toml'): Promise<{ dir: string; name: string } | undefined> {
    const candidate = path.join(dir, fileName);
    const st = await this.fs.stat(candidate);
    if (st?.type === 'file') {
      try {
        const text = await readText(this.fs, candidate);
        const name = fileName === 'go.mod' ? /^\s*module\s+"?([^\s"]+)"?/m.exec(text)?.[1] : cargoPackageName(text);
        if (name) return { dir, name };
      } catch {
        // An unreadable manifest gives no module name; definitions still index by package name.
      }
    }
    const root = this.rootOf(dir);
    const parent = path.dirname(dir);
    if (dir === root || parent === dir || !(parent + path.sep).startsWith(root)) return undefined;
    return this.manifest(parent, fileName);
  }
}

function cargoPackageName(text: string): string | undefined {
  const pkg = /^\[package\][^[]*?^\s*name\s*=\s*"([^"]+)"/ms.exec(text);
  return pkg?.[1]?.replace(/-/g, '_');
}

/**
 * Rust paths: `src/lib.rs`/`src/main.rs` are the crate root, `src/a/mod.rs` and `src/a.rs`
 * are `a`, `src/bin/tool.rs` is its own crate `tool`.
 */
function rustScope(file: string, crate: { dir: string; name: string } | undefined): string[] {
  const base = crate?.dir ?? path.dirname(file);
  const rel = path.relative(base, file).replace(/\.rs$/, '').split(path.sep).filter(Boolean);
  if (rel[0] === 'src') rel.shift();
  if (rel[0] === 'bin' && rel.length >= 2) return [rel[1] === 'main' ? rel[0] : rel[1]];
  const last = rel[rel.length - 1];
  if (last === 'mod' || ((last === 'lib' || last === 'main') && rel.length === 1)) rel.pop();
  return crate ? [crate.name, ...rel] : rel;
}
