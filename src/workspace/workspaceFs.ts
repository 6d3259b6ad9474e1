// The only way the workspace layer reads files: a small interface, with a Node fs implementation for the CLI and tests.
//
// The editor can plug in `vscode.workspace.fs` (remote workspaces) or serve open, unsaved
// documents from memory by wrapping this interface; nothing here imports `vscode`.

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

export type WorkspaceEntryType = 'file' | 'directory' | 'other';

export interface WorkspaceFs {
  /** Whole file contents. Rejects when the file cannot be read. */
  readFile(file: string): Promise<Uint8Array>;
  /** Undefined when nothing is there (never rejects for a missing path). */
  stat(file: string): Promise<{ type: WorkspaceEntryType; size: number } | undefined>;
  /** Entries of a directory as [name, type]; symbolic links report `other` so walks cannot loop. */
  readDirectory(dir: string): Promise<Array<[string, WorkspaceEntryType]>>;
}

export const nodeWorkspaceFs: WorkspaceFs = {
  async readFile(file) {
    return fsp.readFile(file);
  },
  async stat(file) {
    try {
      const st = await fsp.stat(file);
      return { type: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other', size: st.size };
    } catch {
      return undefined;
    }
  },
  async readDirectory(dir) {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    return entries.map((e) => [e.name, e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other']);
  },
};

const decoder = new TextDecoder('utf-8');

export async function readText(fs: WorkspaceFs, file: string): Promise<string> {
  return decoder.decode(await fs.readFile(file));
}

/** Paths are compared with forward slashes so container paths and Windows workspaces line up. */
export function slashPath(file: string): string {
  return file.split(path.sep).join('/');
}

/**
 * A WorkspaceFs that serves open (possibly unsaved) documents from memory and everything
 * else from `base`: the editor passes `(p) => openDocumentText(p)` so the index sees what
 * the user sees, then calls `index.updateFile(p)` on change.
 */
export function withOpenDocuments(base: WorkspaceFs, openText: (file: string) => string | undefined): WorkspaceFs {
  const encoder = new TextEncoder();
  return {
    async readFile(file) {
      const text = openText(file);
      return text !== undefined ? encoder.encode(text) : base.readFile(file);
    },
    async stat(file) {
      const text = openText(file);
      return text !== undefined ? { type: 'file', size: text.length } : base.stat(file);
    },
    readDirectory: (dir) => base.readDirectory(dir),
  };
}
