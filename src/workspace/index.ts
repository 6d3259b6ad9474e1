// The workspace layer's public API: find the source of a profile frame, and the routes a workspace registers. No `vscode` here.
//
// Typical use from the editor (one instance per window, created on first need):
//
//   const ws = createWorkspaceServices({
//     roots: workspaceFolders.map((f) => f.uri.fsPath),
//     wasmDir: path.join(context.extensionPath, 'dist', 'wasm'),   // repo: node_modules/@vscode/tree-sitter-wasm/wasm
//     pathMappings: settings.pathMappings,                          // `${workspaceFolder}` already substituted
//     fs: withOpenDocuments(nodeWorkspaceFs, (p) => openDocText(p)), // optional
//   });
//
//   // Jump to source (Ctrl/Cmd+click on a frame):
//   const r = await ws.resolveFrame('github.com/o/r/pkg.(*Server).Handle');
//   if (r.jump) open(r.jump.file, r.jump.line, r.jump.column);        // 1-based line and column
//   else if (r.candidates.length) quickPick(r.candidates);           // label: relative path:line, description: c.detail
//   else showInfo(r.message!);                                      // says why, plainly
//
//   // CodeLens over route handlers: `await ws.index.routesIn(file)` -> Route[] with
//   // method, path, line, handlerName, handlerLocation (place the lens at handlerLocation ?? line).
//   // CPU lenses: resolveFrame() the profile's top functions, put lenses at each `jump`.
//
//   // File watcher: ws.fileChanged(path) on create/change, ws.fileDeleted(path) on delete;
//   // settings: ws.setPathMappings(newMappings); deactivate: ws.dispose().
//
// The index builds lazily on the first query, yields to the event loop after every file,
// and updates file by file. Everything takes and returns absolute paths.

import * as path from 'node:path';
import type { ParseFrameOptions } from '../core/frames/parseFrame';
import type { ParsedFrame } from '../core/frames/parsedFrame';
import { FrameResolver, Resolution } from './frameResolver';
import { PathMapper, PathMappings } from './pathMapping';
import { SourceMapResolver } from './sourceMaps';
import { WorkspaceIndex, WorkspaceIndexOptions } from './workspaceIndex';
import { nodeWorkspaceFs } from './workspaceFs';

export { parseFrameName } from '../core/frames/parseFrame';
export type { ParseFrameOptions } from '../core/frames/parseFrame';
export type { FrameLanguage, ParsedFrame } from '../core/frames/parsedFrame';
export type { Definition, DefinitionKind, SourceLocation } from './definition';
export type { Candidate, CandidateReason, Resolution } from './frameResolver';
export type { PathCandidate, PathMappings } from './pathMapping';
export type { Route, RouteFramework } from './routes/route';
export type { OriginalPosition } from './sourceMaps';
export { WASM_FILES } from './treeSitter';
export type { IndexStats, WorkspaceIndexOptions } from './workspaceIndex';
export { WorkspaceIndex } from './workspaceIndex';
export { nodeWorkspaceFs, withOpenDocuments } from './workspaceFs';
export type { WorkspaceFs } from './workspaceFs';

export interface WorkspaceServicesOptions extends WorkspaceIndexOptions {
  pathMappings?: PathMappings;
}

export interface WorkspaceServices {
  readonly index: WorkspaceIndex;
  readonly sourceMaps: SourceMapResolver;
  /** Candidates for a frame name (or an already parsed frame), best first; see Resolution. */
  resolveFrame(frame: string | ParsedFrame, options?: ParseFrameOptions): Promise<Resolution>;
  /** Candidate workspace files for a container path (`/app/dist/server.js`). */
  mapPath(foreignPath: string): ReturnType<PathMapper['map']>;
  setPathMappings(mappings: PathMappings): void;
  /** A file was created or changed (source, go.mod, generated JS or its .map). */
  fileChanged(file: string): Promise<void>;
  fileDeleted(file: string): Promise<void>;
  dispose(): void;
}

export function createWorkspaceServices(options: WorkspaceServicesOptions): WorkspaceServices {
  const fs = options.fs ?? nodeWorkspaceFs;
  const index = new WorkspaceIndex({ ...options, fs });
  const sourceMaps = new SourceMapResolver(fs);
  const makePaths = (m: PathMappings) => new PathMapper(m, () => index.files(), fs, index.roots);
  let paths = makePaths(options.pathMappings ?? {});
  let resolver = new FrameResolver(index, paths, sourceMaps, fs);
  const invalidateMap = (file: string) => {
    // A changed `.map` affects the JS file beside it; a changed JS file may point to a new map.
    sourceMaps.invalidate(file.endsWith('.map') ? file.slice(0, -4) : file);
  };
  return {
    index,
    sourceMaps,
    resolveFrame: (frame, opts) => resolver.resolveFrame(frame, opts),
    mapPath: (p) => paths.map(p),
    setPathMappings(mappings) {
      paths = makePaths(mappings);
      resolver = new FrameResolver(index, paths, sourceMaps, fs);
    },
    async fileChanged(file) {
      invalidateMap(path.resolve(file));
      await index.updateFile(file);
    },
    async fileDeleted(file) {
      invalidateMap(path.resolve(file));
      await index.removeFile(file);
    },
    dispose() {
      index.dispose();
      sourceMaps.dispose();
    },
  };
}
