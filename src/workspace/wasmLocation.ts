// Finds the directory holding the tree-sitter wasm files: beside the bundle (`dist/wasm`) or in node_modules when run from source.

import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * `FLAMELENS_WASM_DIR` when set, else `<bundle dir>/wasm` (esbuild keeps `__dirname` as the
 * bundle's folder, and the build copies WASM_FILES there), else the
 * `@vscode/tree-sitter-wasm` package (tests and `tsx` runs). Undefined when none has the runtime.
 */
export function defaultWasmDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.FLAMELENS_WASM_DIR, path.join(__dirname, 'wasm')];
  try {
    candidates.push(path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm'));
  } catch {
    // Not installed (a packaged extension): the bundle's own copy is the only one.
  }
  return candidates.find((dir): dir is string => !!dir && existsSync(path.join(dir, 'tree-sitter.wasm')));
}
