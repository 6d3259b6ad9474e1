// Loads the workspace bundle (dist/workspace.js: tree-sitter, source maps) on first use.

import * as path from 'node:path';
import type * as Workspace from '../../workspace';

let loaded: typeof Workspace | undefined;

export function workspaceModule(extensionPath: string): typeof Workspace {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a sibling bundle loaded at run time, not a module to bundle
  if (!loaded) loaded = require(path.join(extensionPath, 'dist', 'workspace.js')) as typeof Workspace;
  return loaded;
}
