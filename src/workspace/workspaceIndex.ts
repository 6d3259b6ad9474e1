// The workspace definition and route index: built lazily on first query, kept current file by file, never blocking the event loop for long.

import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Definition } from './definition';
import { analyzeTimed, FileAnalysis } from './fileAnalysis';
import { resolveHandler } from './handlerLookup';
import { ModuleScopes } from './moduleScope';
import type { Route } from './routes/route';
import { SourceLanguage, sourceLanguageOf } from './sourceLanguage';
import { SourceParser } from './treeSitter';
import { WorkspaceFiles } from './workspaceFiles';
import { nodeWorkspaceFs, WorkspaceFs } from './workspaceFs';
import { IGNORED_DIRS, UNPARSED_DIRS, walkWorkspace } from './workspaceWalk';

export interface WorkspaceIndexOptions {
  /** Absolute paths of the workspace folders. */
  roots: readonly string[];
  /** Directory holding `tree-sitter.wasm` and the grammars (see WASM_FILES). */
  wasmDir: string;
  fs?: WorkspaceFs;
  /** Directory names never entered. Default IGNORED_DIRS. */
  ignoredDirs?: readonly string[];
  /** Directory names listed for path lookups but not parsed. Default UNPARSED_DIRS. */
  unparsedDirs?: readonly string[];
  /** Larger files are listed but not parsed. Default 1 MiB. */
  maxFileBytes?: number;
  /** Listing stops after this many files (stats.truncated says so). Default 200,000. */
  maxFiles?: number;
  /** A long parse pauses for the event loop after this many milliseconds. Default 8. */
  sliceMs?: number;
}

export interface IndexStats {
  listedFiles: number;
  parsedFiles: number;
  definitions: number;
  routes: number;
  skipped: { tooLarge: number; minified: number; failed: number };
  /** First few per-file failures, as `file: message`. */
  failures: string[];
  /** Wall time of the initial build. */
  indexMs: number;
  /** Longest stretch of synchronous work between yields to the event loop: a parse slice or one file's extraction. */
  longestSliceMs: number;
  /** CPU time of the costliest such stretch: the work itself, without time the OS gave other processes. */
  longestSliceCpuMs: number;
  /** One-off synchronous query compilation per language, on first use of the language. */
  grammarSetupMs: Partial<Record<SourceLanguage, number>>;
  longestSliceFile?: string;
  truncated: boolean;
}

const READ_AHEAD = 8;
const MANIFESTS = new Set(['go.mod', 'Cargo.toml']);

export class WorkspaceIndex {
  readonly roots: readonly string[];
  private readonly fs: WorkspaceFs;
  private readonly ignored: ReadonlySet<string>;
  private readonly unparsed: ReadonlySet<string>;
  private readonly maxFileBytes: number;
  private readonly maxFiles: number;
  private readonly sliceMs: number;
  private readonly scopes: ModuleScopes;
  private readonly records = new Map<string, FileAnalysis>();
  private readonly byName = new Map<string, Definition[]>();
  private readonly fileSet = new WorkspaceFiles();
  private parser: Promise<SourceParser> | undefined;
  private building: Promise<void> | undefined;
  private updates: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly stat: IndexStats = {
    listedFiles: 0,
    parsedFiles: 0,
    definitions: 0,
    routes: 0,
    skipped: { tooLarge: 0, minified: 0, failed: 0 },
    failures: [],
    indexMs: 0,
    longestSliceMs: 0,
    longestSliceCpuMs: 0,
    grammarSetupMs: {},
    truncated: false,
  };

  constructor(private readonly options: WorkspaceIndexOptions) {
    this.roots = options.roots.map((r) => path.resolve(r));
    this.fs = options.fs ?? nodeWorkspaceFs;
    this.ignored = new Set(options.ignoredDirs ?? IGNORED_DIRS);
    this.unparsed = new Set(options.unparsedDirs ?? UNPARSED_DIRS);
    this.maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
    this.maxFiles = options.maxFiles ?? 200_000;
    this.sliceMs = options.sliceMs ?? 8;
    this.scopes = new ModuleScopes(this.fs, this.roots);
  }

  /** Builds the index on the first call (every query calls it); later calls wait for pending updates. */
  async ready(): Promise<void> {
    if (this.disposed) throw new Error('The workspace index was disposed.');
    if (!this.building) {
      this.building = this.build().catch((err: unknown) => {
        // Let a later query try again (e.g. after the wasm files are put in place).
        this.building = undefined;
        throw err;
      });
    }
    await this.building;
    await this.updates;
  }

  /** Definitions whose simple name is `name` (`Handle`, `createSampleImage`), in index order. */
  async findDefinitions(name: string): Promise<readonly Definition[]> {
    await this.ready();
    return this.byName.get(name) ?? [];
  }

  /** Definitions in one file, in source order (empty for files the index does not parse). */
  async definitionsIn(file: string): Promise<readonly Definition[]> {
    await this.ready();
    return this.records.get(path.resolve(file))?.definitions ?? [];
  }

  /** Every route in the workspace, with handler locations resolved across files; by file then line. */
  async routes(): Promise<Route[]> {
    await this.ready();
    const routes: Route[] = [];
    for (const record of this.records.values()) {
      for (const r of record.routes) routes.push(resolveHandler(r, record.language, (n) => this.byName.get(n) ?? []));
    }
    return routes.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  }

  /** Routes registered in one file. */
  async routesIn(file: string): Promise<Route[]> {
    await this.ready();
    const record = this.records.get(path.resolve(file));
    return record ? record.routes.map((r) => resolveHandler(r, record.language, (n) => this.byName.get(n) ?? [])) : [];
  }

  /** The listed files, for path lookups (includes build output such as `dist/`). */
  async files(): Promise<WorkspaceFiles> {
    await this.ready();
    return this.fileSet;
  }

  /**
   * Re-reads a created or changed file (or every file under a created directory). Does
   * nothing before the first query: the initial build reads the current state anyway.
   */
  updateFile(file: string): Promise<void> {
    return this.enqueue(async () => {
      const abs = path.resolve(file);
      const st = await this.fs.stat(abs);
      if (!st) return this.forget(abs);
      if (st.type === 'directory') {
        for await (const walked of walkWorkspace(this.fs, [abs], { ignoredDirs: this.ignored, unparsedDirs: this.unparsed, isCancelled: () => this.disposed })) {
          await this.addFile(walked.file, walked.parse && this.parsesPath(walked.file));
        }
        return;
      }
      if (MANIFESTS.has(path.basename(abs))) {
        this.scopes.forget();
        await this.reanalyzeUnder(path.dirname(abs));
      }
      await this.addFile(abs, this.parsesPath(abs));
    });
  }

  /** Forgets a deleted file, or everything under a deleted directory. */
  removeFile(file: string): Promise<void> {
    return this.enqueue(async () => this.forget(path.resolve(file)));
  }

  stats(): IndexStats {
    return { ...this.stat, skipped: { ...this.stat.skipped }, failures: [...this.stat.failures], grammarSetupMs: { ...this.stat.grammarSetupMs } };
  }

  dispose(): void {
    this.disposed = true;
    void this.parser?.then((p) => p.dispose(), () => undefined);
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    if (!this.building || this.disposed) return Promise.resolve();
    const next = this.updates.then(() => this.building).then(work);
    this.updates = next.catch(() => undefined);
    return next;
  }

  private sourceParser(): Promise<SourceParser> {
    this.parser ??= SourceParser.create(this.options.wasmDir).catch((err: unknown) => {
      this.parser = undefined;
      throw err;
    });
    return this.parser;
  }

  private async build(): Promise<void> {
    const started = performance.now();
    const parser = await this.sourceParser();
    const toParse: string[] = [];
    for await (const walked of walkWorkspace(this.fs, this.roots, { ignoredDirs: this.ignored, unparsedDirs: this.unparsed, isCancelled: () => this.disposed })) {
      if (this.fileSet.size >= this.maxFiles) {
        this.stat.truncated = true;
        break;
      }
      this.fileSet.add(walked.file);
      if (walked.parse && sourceLanguageOf(walked.file)) toParse.push(walked.file);
    }
    // Reads run ahead of parsing; parsing is one file per event-loop turn.
    const reads: Array<Promise<string | undefined>> = [];
    for (let i = 0; i < toParse.length && !this.disposed; i++) {
      while (reads.length < READ_AHEAD && i + reads.length < toParse.length) reads.push(this.readSource(toParse[i + reads.length]));
      const text = await reads.shift();
      if (text !== undefined) await this.analyze(parser, toParse[i], text);
      await yieldToEventLoop();
    }
    this.stat.listedFiles = this.fileSet.size;
    this.stat.indexMs = performance.now() - started;
  }

  private parsesPath(file: string): boolean {
    if (!sourceLanguageOf(file)) return false;
    const root = this.roots.find((r) => file.startsWith(r + path.sep));
    const rel = root ? path.relative(root, path.dirname(file)) : '';
    return !rel.split(path.sep).some((d) => this.unparsed.has(d) || this.ignored.has(d) || d.startsWith('.'));
  }

  private async addFile(file: string, parse: boolean): Promise<void> {
    this.fileSet.add(file);
    this.stat.listedFiles = this.fileSet.size;
    if (!parse) return;
    const text = await this.readSource(file);
    if (text === undefined) return this.setRecord(file, undefined);
    await this.analyze(await this.sourceParser(), file, text);
  }

  private async reanalyzeUnder(dir: string): Promise<void> {
    const prefix = dir + path.sep;
    for (const file of [...this.records.keys()]) {
      if (file.startsWith(prefix)) await this.addFile(file, true);
    }
  }

  private forget(target: string): void {
    const prefix = target + path.sep;
    for (const file of [...this.records.keys()]) if (file === target || file.startsWith(prefix)) this.setRecord(file, undefined);
    this.fileSet.remove(target);
    this.fileSet.removeUnder(target);
    this.stat.listedFiles = this.fileSet.size;
  }

  /** Undefined for files skipped as too large, minified or unreadable (counted in stats). */
  private async readSource(file: string): Promise<string | undefined> {
    try {
      const st = await this.fs.stat(file);
      if (!st || st.type !== 'file') return undefined;
      if (st.size > this.maxFileBytes) {
        this.stat.skipped.tooLarge++;
        return undefined;
      }
      const text = new TextDecoder().decode(await this.fs.readFile(file));
      if (looksMinified(text)) {
        this.stat.skipped.minified++;
        return undefined;
      }
      return text;
    } catch (err) {
      this.fail(file, err);
      return undefined;
    }
  }

  private async analyze(parser: SourceParser, file: string, text: string): Promise<void> {
    const language = sourceLanguageOf(file);
    if (!language) return;
    try {
      const [grammar, moduleScope] = await Promise.all([parser.grammar(language), this.scopes.scopeOf(file, language)]);
      this.stat.grammarSetupMs[language] ??= grammar.setupMs;
      const { analysis, longestSliceMs, longestSliceCpuMs } = await analyzeTimed(parser, language, file, text, moduleScope, this.sliceMs);
      this.setRecord(file, analysis);
      this.stat.longestSliceCpuMs = Math.max(this.stat.longestSliceCpuMs, longestSliceCpuMs);
      if (longestSliceMs > this.stat.longestSliceMs) {
        this.stat.longestSliceMs = longestSliceMs;
        this.stat.longestSliceFile = file;
      }
    } catch (err) {
      this.fail(file, err);
    }
  }

  private fail(file: string, err: unknown): void {
    this.stat.skipped.failed++;
    if (this.stat.failures.length < 10) this.stat.failures.push(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }

  private setRecord(file: string, analysis: FileAnalysis | undefined): void {
    const old = this.records.get(file);
    if (old) {
      for (const name of new Set(old.definitions.map((d) => d.name))) {
        const kept = (this.byName.get(name) ?? []).filter((d) => d.file !== file);
        if (kept.length) this.byName.set(name, kept);
        else this.byName.delete(name);
      }
      this.stat.definitions -= old.definitions.length;
      this.stat.routes -= old.routes.length;
      this.stat.parsedFiles--;
      this.records.delete(file);
    }
    if (!analysis) return;
    this.records.set(file, analysis);
    for (const d of analysis.definitions) {
      const list = this.byName.get(d.name);
      if (list) list.push(d);
      else this.byName.set(d.name, [d]);
    }
    this.stat.definitions += analysis.definitions.length;
    this.stat.routes += analysis.routes.length;
    this.stat.parsedFiles++;
  }
}

/** Bundled or generated code: long lines and few of them. Parsing it is slow and finds nothing a person wrote. */
function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > 300;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
