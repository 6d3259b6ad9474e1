// Finds the files the Pixie source loads at run time (the .proto and the PxL scripts), from src or from the bundle.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type ResourceKind = 'proto' | 'pxl';

let explicitRoot: string | undefined;

/**
 * Lets a host that knows where it is installed (the extension: `context.extensionPath`)
 * point at its folder; otherwise the files are looked for next to the running code.
 */
export function setPixieResourceRoot(root: string | undefined): void {
  explicitRoot = root;
}

/**
 * Path of `<kind>/<file>`. Layouts: the sources (`src/sources/pixie/<kind>/`, run by tsx)
 * and the bundle (`dist/<kind>/`, copied there by the build). Bundles that live elsewhere
 * (e.g. `out/test/host/`) find `dist/` or `src/` by walking up to the package root.
 */
export function pixieResourcePath(kind: ResourceKind, file: string): string {
  const tried: string[] = [];
  const candidates = explicitRoot ? rootCandidates(explicitRoot, kind, file) : [];
  candidates.push(join(__dirname, kind, file));
  for (let dir = __dirname, depth = 0; depth < 6; depth++) {
    candidates.push(...rootCandidates(dir, kind, file));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const candidate of candidates) {
    if (existsSync(candidate)) return candidate;
    tried.push(candidate);
  }
  throw new Error(
    `Flamelens cannot find its ${kind} file '${file}' (looked in ${tried.slice(0, 3).join(', ')} and their parents); the installation is incomplete: rebuild or reinstall.`,
  );
}

function rootCandidates(root: string, kind: ResourceKind, file: string): string[] {
  return [join(root, 'dist', kind, file), join(root, 'src', 'sources', 'pixie', kind, file)];
}
