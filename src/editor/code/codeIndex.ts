// The window's index of the workspace code (definitions, routes, source maps): made on first need, kept current by a file watcher.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceServices } from '../../workspace';
import { log } from '../log';
import { settings } from '../sources/sourceSettings';
import { workspaceModule } from './workspaceModule';

const WATCHED = '**/*.{go,ts,tsx,js,mjs,cjs,jsx,py,java,cc,cpp,cxx,hpp,h,rs,map}';

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
    const watcher = vscode.workspace.createFileSystemWatcher(WATCHED);
    const onChange = (uri: vscode.Uri) => void this.services?.fileChanged(uri.fsPath).then(() => this.changed.fire(), logFailure);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(onChange),
      watcher.onDidChange(onChange),
      watcher.onDidDelete((uri) => void this.services?.fileDeleted(uri.fsPath).then(() => this.changed.fire(), logFailure)),
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

function logFailure(err: unknown): void {
  log().warn(`workspace index update failed: ${err instanceof Error ? err.message : String(err)}`);
}

/** `flamelens.pathMappings` with `${workspaceFolder}` substituted (first folder). */
function pathMappings(): Record<string, string> {
  const raw = settings().get<Record<string, string>>('pathMappings', {});
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  return Object.fromEntries(Object.entries(raw).map(([from, to]) => [from, to.replace(/\$\{workspaceFolder\}/g, folder)]));
}
