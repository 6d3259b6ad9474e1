// Newest modification time under some paths (files or directories, node_modules skipped): "is the build up to date?".
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function newest(paths) {
  let latest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) {
      latest = Math.max(latest, newest(readdirSync(p).filter((n) => n !== 'node_modules').map((n) => join(p, n))));
    } else {
      latest = Math.max(latest, s.mtimeMs);
    }
  }
  return latest;
}
