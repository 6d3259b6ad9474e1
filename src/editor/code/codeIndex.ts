// The window's index of the workspace code (definitions, routes, source maps): made on first need, kept current by a file watcher.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceServices } from '../../workspace';
import { IGNORED_DIRS } from '../../workspace/workspaceWalk';
import { log } from '../log';
import { settings } from '../sources/sourceSettings';
import { workspaceModule } from './workspaceModule';

/** Files whose change can change definitions, routes or source maps; go.mod and Cargo.toml change Go and Rust qualifiers. */
const INDEXED_FILE = /\.(?:go|ts|tsx|js|mjs|cjs|jsx|py|java|cc|cpp|cxx|hpp|h|rs|map)$|(?:^|[\\/])(?:go\.mod|Cargo\.toml)$/;

export class CodeIndex implements vscode.Disposable {
  private services: WorkspaceServices | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after a file's definitions or routes may have changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly extensionPath: string) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reset()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('flamelens.pathMappings')) this.services?.setPathMappings(pathMappings());
      }),
    );
  }

  /** The services, built on first call (the index itself builds lazily on its first query). */
  get(): WorkspaceServices {
    if (this.services) return this.services;
    const ws = workspaceModule(this.extensionPath);
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    this.services = ws.createWorkspaceServices({
      roots,
      wasmDir: path.join(this.extensionPath, 'dist', 'wasm'),
      pathMappings: pathMappings(),
    });
    // Every path, not only source files: a folder created or deleted with its content (copied in, checked out,
    // unzipped, removed) is often reported as the folder alone, and its files must come and go with it.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const update = (uri: vscode.Uri) => void this.services?.fileChanged(uri.fsPath).then(() => this.changed.fire(), logFailure);
    const forget = (uri: vscode.Uri) => void this.services?.fileDeleted(uri.fsPath).then(() => this.changed.fire(), logFailure);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => {
        if (INDEXED_FILE.test(uri.fsPath)) return update(uri);
        if (!insideIgnoredDir(uri.fsPath)) void fileType(uri).then((type) => type === 'directory' && update(uri));
      }),
      watcher.onDidChange((uri) => INDEXED_FILE.test(uri.fsPath) && update(uri)),
      // A folder deleted and made again at once (a restore, a branch switch, a re-copy) can have its delete reported
      // after the new files, and their creation not at all: what exists again is re-read, not forgotten.
      watcher.onDidDelete(
        (uri) =>
          void fileType(uri).then((type) => {
            if (!type) return forget(uri);
            if (type === 'directory' ? !insideIgnoredDir(uri.fsPath) : INDEXED_FILE.test(uri.fsPath)) update(uri);
          }),
      ),
    );
    log().info(`workspace index: ${roots.length} folder(s)`);
    return this.services;
  }

  private reset(): void {
    this.services?.dispose();
    this.services = undefined;
    this.changed.fire();
  }

  dispose(): void {
    this.services?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** Under a folder the index never enters (e.g. a package `npm install` just made): not worth a walk. */
function insideIgnoredDir(file: string): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  const rel = folder ? path.relative(folder.uri.fsPath, file) : file;
  return rel.split(path.sep).some((d) => IGNORED_DIRS.includes(d) || d.startsWith('.'));
}

/** What is at `uri` now; undefined when nothing is. */
async function fileType(uri: vscode.Uri): Promise<'file' | 'directory' | undefined> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0 ? 'directory' : 'file';
  } catch {
    return undefined;
  }
}

function logFailure(err: unknown): void {
  log().warn(`workspace index update failed: ${err instanceof Error ? err.message : String(err)}`);
}

/** `flamelens.pathMappings` with `${workspaceFolder}` substituted (first folder). */
function pathMappings(): Record<string, string> {
  const raw = settings().get<Record<string, string>>('pathMappings', {});
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  return Object.fromEntries(Object.entries(raw).map(([from, to]) => [from, to.replace(/\$\{workspaceFolder\}/g, folder)]));
}
