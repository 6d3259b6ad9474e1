// Maps a position in generated JavaScript back to its original source through the file's source map.
//
// The map is found as the bundlers write it: a `//# sourceMappingURL=` comment naming a
// file or holding an inline `data:` URL, else a `<file>.map` beside the file. Consumers are
// cached per generated file and destroyed on invalidate/dispose.
//
// source-map's WASM (`mappings.wasm`): under Node the library reads it from beside its own
// code (`node_modules/source-map/lib/` from the repo; beside the bundle, `dist/mappings.wasm`,
// once esbuild has inlined it), and `SourceMapConsumer.initialize` is a no-op there. So
// there is nothing to configure in Node; a browser host would have to call initialize.

import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SourceMapConsumer } from 'source-map';
import type { RawIndexMap, RawSourceMap } from 'source-map';
import { readText, WorkspaceFs } from './workspaceFs';

export interface OriginalPosition {
  /** Absolute path of the original source as the map names it (it may not exist in this workspace). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The original identifier at that position, when the map records one. */
  name?: string;
}

interface LoadedMap {
  consumer: SourceMapConsumer;
}

const MAX_MAP_BYTES = 64 * 1024 * 1024;
const MAPPING_URL = /\/[/*][#@]\s*sourceMappingURL=([^\s*]+)/g;

export class SourceMapResolver {
  private readonly maps = new Map<string, Promise<LoadedMap | undefined>>();

  constructor(private readonly fs: WorkspaceFs) {}

  /**
   * The original position of a generated position (`line` 1-based, `column` 1-based as V8
   * prints it). Without a column (or column 1 not mapped) the first mapping on the line is
   * used. Undefined when the file has no usable map or the line maps to nothing.
   */
  async originalPositionFor(generatedFile: string, line: number, column?: number): Promise<OriginalPosition | undefined> {
    const loaded = await this.load(generatedFile);
    if (!loaded) return undefined;
    const { consumer } = loaded;
    const asked = column !== undefined && column > 0 ? column - 1 : 0;
    let pos = consumer.originalPositionFor({ line, column: asked, bias: column ? SourceMapConsumer.GREATEST_LOWER_BOUND : SourceMapConsumer.LEAST_UPPER_BOUND });
    if (pos.source === null || pos.line === null) {
      pos = consumer.originalPositionFor({ line, column: asked, bias: SourceMapConsumer.LEAST_UPPER_BOUND });
    }
    if (pos.source === null || pos.line === null) return undefined;
    const result: OriginalPosition = { file: sourcePath(pos.source), line: pos.line, column: (pos.column ?? 0) + 1 };
    if (pos.name) result.name = pos.name;
    return result;
  }

  /** Drops the cached map of a generated file (call when it or its map changes). */
  invalidate(generatedFile: string): void {
    const entry = this.maps.get(generatedFile);
    this.maps.delete(generatedFile);
    void entry?.then((m) => m?.consumer.destroy(), () => undefined);
  }

  dispose(): void {
    for (const file of [...this.maps.keys()]) this.invalidate(file);
  }

  private load(file: string): Promise<LoadedMap | undefined> {
    let entry = this.maps.get(file);
    if (!entry) {
      entry = this.read(file).catch(() => undefined);
      this.maps.set(file, entry);
    }
    return entry;
  }

  private async read(file: string): Promise<LoadedMap | undefined> {
    const found = await this.findMap(file);
    if (!found) return undefined;
    const raw = JSON.parse(found.json) as RawSourceMap | RawIndexMap;
    // With the map's own URL, relative `sources` come back as absolute file URLs.
    const consumer = await new SourceMapConsumer(raw, pathToFileURL(found.mapFile).href);
    return { consumer };
  }

  private async findMap(file: string): Promise<{ json: string; mapFile: string } | undefined> {
    const text = await readText(this.fs, file);
    let url: string | undefined;
    for (const m of text.matchAll(MAPPING_URL)) url = m[1];
    if (url?.startsWith('data:')) {
      const comma = url.indexOf(',');
      const meta = url.slice(5, comma);
      const body = url.slice(comma + 1);
      const json = meta.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
      return { json, mapFile: file };
    }
    const candidates = url ? [path.resolve(path.dirname(file), decodeURIComponent(url.replace(/[?#].*$/, '')))] : [];
    candidates.push(`${file}.map`);
    for (const mapFile of candidates) {
      const st = await this.fs.stat(mapFile);
      if (st?.type !== 'file' || st.size > MAX_MAP_BYTES) continue;
      return { json: await readText(this.fs, mapFile), mapFile };
    }
    return undefined;
  }
}

/** `file:///w/src/server.ts` -> `/w/src/server.ts`; `webpack://app/./src/x.ts` -> `src/x.ts` (resolved by suffix later). */
function sourcePath(source: string): string {
  if (source.startsWith('file://')) {
    try {
      return fileURLToPath(source);
    } catch {
      return source.slice('file://'.length);
    }
  }
  const scheme = /^[a-z][\w+.-]*:\/\/[^/]*\/?/i.exec(source);
  return scheme ? source.slice(scheme[0].length).replace(/^\.\//, '') : source;
}
