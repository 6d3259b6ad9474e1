// The fixture projects put into the window's workspace for jump-to-source and CodeLens tests, and taken out again.
//
// The window opens one folder (a scratch copy of test/fixtures/workspace); the projects are copied into it as a user's
// monorepo would hold them, so the extension finds them through its file watcher and lazy index like any new files.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { flamelens } from './extensionApi';
import { fixturePath, workspaceUri } from './paths';
import { waitFor } from './wait';

/** Workspace folder name -> fixture folder under test/fixtures/. */
const PROJECTS = {
  // A Go service: Fiber admin handler (GET /admin) and net/http upload handler.
  'go-hats': ['projects', 'go-hats'],
  // An Express app in TypeScript, compiled to dist/ with source maps.
  'express-ts': ['projects', 'express-ts'],
  'flask-hats': ['projects', 'flask-hats'],
  // A second Go service of the same monorepo; its `main.healthz` makes that frame ambiguous.
  thumbnailer: ['host', 'thumbnailer'],
} as const satisfies Record<string, readonly string[]>;

export type ProjectName = keyof typeof PROJECTS;

/** A file of a copied project, as the window sees it. */
export function projectUri(project: ProjectName, ...segments: string[]): vscode.Uri {
  return workspaceUri(project, ...segments);
}

/** The committed fixture text of a project file (read from the repo, not through the extension). */
export function projectText(project: ProjectName, ...segments: string[]): string {
  return readFileSync(fixturePath(...PROJECTS[project], ...segments), 'utf8');
}

/** 1-based line (and 1-based column of `columnOf`, default the line's start) of the first line containing `text`. */
export function lineOf(source: string, text: string, columnOf?: string): { line: number; column: number } {
  const lines = source.split('\n');
  const index = lines.findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`The fixture has no line containing "${text}".`);
  const column = columnOf === undefined ? 1 : lines[index].indexOf(columnOf) + 1;
  if (column < 1) throw new Error(`Line ${index + 1} of the fixture has no "${columnOf}".`);
  return { line: index + 1, column };
}

/** Source files of the copied projects the index must have seen before a test relies on them. */
const INDEXED = /\.(?:go|ts|js|py|map)$/;

/**
 * Copies every project into the workspace and waits until the extension's index lists each of their source files
 * (its watcher saw them, or its first build read them).
 */
export async function addFixtureProjects(): Promise<void> {
  const expected: string[] = [];
  for (const [name, from] of Object.entries(PROJECTS)) {
    const target = workspaceUri(name);
    await vscode.workspace.fs.copy(vscode.Uri.file(fixturePath(...from)), target, { overwrite: true });
    expected.push(...(await filesUnder(target)).filter((f) => INDEXED.test(f)));
  }
  const api = await flamelens();
  let missing: string[] = [];
  try {
    await waitFor(
      `the workspace index to list the ${expected.length} source files of the fixture projects`,
      async () => {
        const files = await api.code.get().index.files();
        missing = expected.filter((f) => !files.has(f));
        return missing.length === 0;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message} Not listed: ${missing.map((f) => vscode.workspace.asRelativePath(f)).join(', ')}`);
  }
}

/** Removes the copied projects (the workspace is as the runner made it again). */
export async function removeFixtureProjects(): Promise<void> {
  for (const name of Object.keys(PROJECTS)) {
    await vscode.workspace.fs.delete(workspaceUri(name), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  }
}

async function filesUnder(dir: vscode.Uri): Promise<string[]> {
  const out: string[] = [];
  for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
    const child = vscode.Uri.joinPath(dir, name);
    if (type === vscode.FileType.Directory) out.push(...(await filesUnder(child)));
    else out.push(child.fsPath);
  }
  return out;
}
