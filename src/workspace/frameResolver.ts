// Resolves a profile frame to workspace source locations, ranked best first, with a reason for each.
//
// Three ways in, strongest first:
//   source-map  the frame carries file:line[:col] in generated JS; the file is found in the
//               workspace and its source map leads to the original (TypeScript) line;
//   location    the frame carries file:line (Python, pprof, JS without a map);
//   qualified / partial / name
//               the frame's function name is looked up in the definition index and its
//               qualifiers (package, class, namespace...) compared with each definition's.
// `jump` is set only when one candidate is clearly right; otherwise the editor asks.

import * as path from 'node:path';
import { parseFrameName, ParseFrameOptions } from '../core/frames/parseFrame';
import type { FrameLanguage, ParsedFrame } from '../core/frames/parsedFrame';
import type { Definition, SourceLocation } from './definition';
import type { PathCandidate, PathMapper } from './pathMapping';
import { languageFamily } from './sourceLanguage';
import type { SourceMapResolver } from './sourceMaps';
import type { WorkspaceIndex } from './workspaceIndex';
import type { WorkspaceFs } from './workspaceFs';

export type CandidateReason = 'source-map' | 'location' | 'qualified' | 'partial' | 'name';

export interface Candidate extends SourceLocation {
  reason: CandidateReason;
  /** Higher is better; only the order matters. */
  score: number;
  /** One line for a quick pick: why this place (`main.createSampleImage`, `src/server.ts via source map`). */
  detail: string;
  /** The definition matched, for name-based candidates (and location ones that fall inside one). */
  definition?: Definition;
}

export interface Resolution {
  frame: ParsedFrame;
  /** Best first. Empty when nothing was found (see `message`). */
  candidates: Candidate[];
  /**
   * The candidate to open without asking: present only when exactly one candidate has the
   * best score and it is a source-map, certain location or fully qualified match. When
   * absent but candidates exist, show them in a quick pick.
   */
  jump?: Candidate;
  /** Why there is nothing to open, fit to show a user. */
  message?: string;
}

const SCORE: Record<CandidateReason, number> = { 'source-map': 1000, location: 900, qualified: 500, partial: 300, name: 100 };
const JS_GENERATED = /\.(?:[cm]?js|jsx)$/;

export class FrameResolver {
  constructor(
    private readonly index: WorkspaceIndex,
    private readonly paths: PathMapper,
    private readonly sourceMaps: SourceMapResolver,
    private readonly fs: WorkspaceFs,
  ) {}

  async resolveFrame(frameName: string | ParsedFrame, options: ParseFrameOptions = {}): Promise<Resolution> {
    const frame = typeof frameName === 'string' ? parseFrameName(frameName, options) : frameName;
    if (!frame.resolvable && !frame.file) return { frame, candidates: [], message: unresolvableMessage(frame) };

    const certain = new Set<Candidate>();
    const located = frame.file ? await this.byLocation(frame, certain) : [];
    const named = frame.function ? (await this.byName(frame)).filter((c) => !located.some((l) => l.file === c.file && c.definition && l.line >= c.definition.line && l.line <= c.definition.endLine)) : [];
    for (const l of located) {
      // A location inside a definition of the frame's function name confirms it.
      const defs = frame.function ? await this.index.definitionsIn(l.file) : [];
      const enclosing = defs.find((d) => d.name === frame.function && l.line >= d.line && l.line <= d.endLine);
      if (enclosing) {
        l.definition = enclosing;
        l.score += 5;
        // File name, line and function name all agree: sure enough even on a file-name-only match.
        if (located.length === 1) certain.add(l);
      }
    }

    const candidates = [...located, ...named].sort((a, b) => b.score - a.score || a.file.localeCompare(b.file) || a.line - b.line);
    const resolution: Resolution = { frame, candidates };
    const [best, second] = candidates;
    if (best && (!second || second.score < best.score) && (best.reason === 'qualified' || certain.has(best))) resolution.jump = best;
    if (!candidates.length) resolution.message = await this.notFoundMessage(frame);
    return resolution;
  }

  private async byLocation(frame: ParsedFrame, certain: Set<Candidate>): Promise<Candidate[]> {
    const found = await this.paths.map(frame.file!);
    const unique = found.length === 1;
    const out: Candidate[] = [];
    for (const p of found) {
      const sure = unique && (p.via !== 'suffix' || (p.matchedSegments ?? 0) >= 2);
      const bonus = p.via === 'suffix' ? (p.matchedSegments ?? 0) : 20;
      if (frame.line && JS_GENERATED.test(p.file)) {
        const original = await this.sourceMaps.originalPositionFor(p.file, frame.line, frame.column);
        if (original) {
          for (const target of await this.originalFiles(original.file)) {
            const c: Candidate = { file: target, line: original.line, column: original.column, reason: 'source-map', score: SCORE['source-map'] + bonus, detail: `${describePath(p)} -> source map` };
            out.push(c);
            if (sure) certain.add(c);
          }
          continue;
        }
      }
      const c: Candidate = { file: p.file, line: frame.line ?? 1, column: frame.column ?? 1, reason: 'location', score: SCORE.location + bonus, detail: describePath(p) };
      out.push(c);
      if (sure) certain.add(c);
    }
    return out;
  }

  /** The map's source path if it exists, else workspace files ending the same way (maps written in a container). */
  private async originalFiles(file: string): Promise<string[]> {
    if (path.isAbsolute(file) && (await this.fs.stat(file))?.type === 'file') return [file];
    const files = await this.index.files();
    const matches = files.bySuffix(file);
    return matches.length && matches[0].matchedSegments >= Math.min(2, file.split(/[\\/]/).filter(Boolean).length) ? matches.map((m) => m.file) : [];
  }

  private async byName(frame: ParsedFrame): Promise<Candidate[]> {
    const defs = await this.index.findDefinitions(frame.function);
    const out: Candidate[] = [];
    for (const def of defs) {
      const fit = languageFit(frame, def);
      if (fit < 0) continue;
      const matched = commonSuffix(frame.scope, def.scope);
      let reason: CandidateReason = 'name';
      if (frame.scope.length && def.scope.length && matched > 0) {
        reason = matched === Math.min(frame.scope.length, def.scope.length) ? 'qualified' : 'partial';
      }
      let score = SCORE[reason] + matched * 10 + fit;
      if (def.kind === 'class' || def.kind === 'type') score -= 50;
      if (isTestFile(def.file)) score -= 5;
      out.push({ file: def.file, line: def.line, column: def.column, reason, score, detail: def.qualifiedName, definition: def });
    }
    return out;
  }

  private async notFoundMessage(frame: ParsedFrame): Promise<string> {
    if (!frame.resolvable) return unresolvableMessage(frame);
    const stats = this.index.stats();
    const where = `${stats.parsedFiles} source files indexed`;
    if (frame.file && !frame.function) {
      return `${frame.file} is not in the workspace (${where}). If the process runs in a container, map its folder with the flamelens.pathMappings setting.`;
    }
    const name = frame.type ? `${frame.type}.${frame.function}` : frame.function;
    const located = frame.file ? ` and ${frame.file} matches no workspace file (map its folder with flamelens.pathMappings)` : '';
    return `No definition of ${name} in the workspace (${where})${located}.`;
  }
}

/** -1: never; otherwise a bonus for the frame's own language. */
function languageFit(frame: ParsedFrame, def: Definition): number {
  const family = languageFamily(def.language);
  if (frame.language === 'unknown') return 0;
  if (family === frame.language) return frame.languageGuessed ? 10 : 20;
  if (!frame.languageGuessed) return -1;
  const siblings: Partial<Record<FrameLanguage, string[]>> = { rust: ['cpp'], cpp: ['rust'], go: ['python', 'java', 'js'] };
  return siblings[frame.language]?.includes(family) ? 0 : -1;
}

function commonSuffix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function isTestFile(file: string): boolean {
  return /(?:_test\.go|\.test\.[jt]sx?|\.spec\.[jt]sx?|(?:^|[\\/])test_[^\\/]*\.py|Test\.java)$/.test(file);
}

function describePath(p: PathCandidate): string {
  if (p.via === 'mapping') return 'path mapping';
  if (p.via === 'exact') return 'same path';
  return p.matchedSegments === 1 ? 'same file name only' : `path suffix (${p.matchedSegments} segments)`;
}

function unresolvableMessage(frame: ParsedFrame): string {
  switch (frame.unresolvableReason) {
    case 'kernel':
      return `${frame.function || frame.raw} is a kernel function: its source is not in the workspace.`;
    case 'unsymbolized':
      return `${frame.raw || 'This frame'} has no symbol name (the profiler could not symbolize it), so there is nothing to look up.`;
    case 'runtime':
      return `${frame.raw} is runtime or VM internal code, not in the workspace.`;
    case 'generated':
      return `${frame.raw} is compiler-generated code with no source of its own.`;
    default:
      return `${frame.raw} is an anonymous function without a source position, so it cannot be located.`;
  }
}
