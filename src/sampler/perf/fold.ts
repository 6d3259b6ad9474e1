// Folds `perf script -F pid,tid,ip,sym,dso` output into stacks per PID (root first, kernel frames last as `[k] name`).

import { addCount, FoldedCounts, jsFrame } from '../stacks';

export interface PerfFrame {
  ip: number;
  sym: string;
  dso: string;
}

export interface PerfSample {
  pid: number;
  /** Leaf first, as perf prints them. */
  frames: PerfFrame[];
}

/** Names JIT frames better than perf can (see jitMap.ts); undefined keeps perf's name. */
export type JitNamer = (pid: number, ip: number) => string | undefined;

const HEADER = /^\s*(\d+)\/\d+\s*$/;
const FRAME = /^\s+([0-9a-f]+)\s+(.+?)\s+\(([^()]*)\)\s*$/;
const PERF_MAP_JS = /^JS:[*~^+]?(.*?)\s*(\S+):(\d+):(\d+)$/;
const PERF_MAP_DSO = /^\/tmp\/perf-\d+\.map$/;
/** Perf's default callchain limit; deeper chains are already cut by perf itself. */
const MAX_FRAMES = 127;

/**
 * Reads perf script text piece by piece as the pipe delivers it, so a large chunk never holds
 * the event loop (the latency proxies share it) for longer than one piece takes.
 */
export class PerfScriptReader {
  readonly samples: PerfSample[] = [];
  private current: PerfSample | undefined;
  private rest = '';

  push(text: string): void {
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  end(): PerfSample[] {
    if (this.rest) this.line(this.rest);
    this.rest = '';
    return this.samples.filter((s) => s.frames.length > 0);
  }

  private line(line: string): void {
    const header = HEADER.exec(line);
    if (header) {
      this.current = { pid: Number(header[1]), frames: [] };
      this.samples.push(this.current);
      return;
    }
    if (line.trim() === '') {
      this.current = undefined;
      return;
    }
    const frame = FRAME.exec(line);
    if (frame && this.current && this.current.frames.length < MAX_FRAMES) {
      this.current.frames.push({ ip: parseInt(frame[1], 16), sym: frame[2], dso: frame[3] });
    }
  }
}

export function parsePerfScript(text: string): PerfSample[] {
  const reader = new PerfScriptReader();
  reader.push(text);
  return reader.end();
}

/** Addresses of JIT code per PID: the frames a JitNamer should name. */
export function jitAddresses(samples: readonly PerfSample[]): Map<number, Set<number>> {
  const byPid = new Map<number, Set<number>>();
  for (const s of samples) {
    for (const f of s.frames) {
      if (!isJitDso(f.dso)) continue;
      let set = byPid.get(s.pid);
      if (!set) byPid.set(s.pid, (set = new Set()));
      set.add(f.ip);
    }
  }
  return byPid;
}

/** Every sample counts once; samples are grouped by PID (all threads of a process together). */
export function foldPerfSamples(samples: readonly PerfSample[], jitName: JitNamer = () => undefined): Map<number, FoldedCounts> {
  const byPid = new Map<number, FoldedCounts>();
  for (const s of samples) {
    const names: string[] = [];
    for (let i = s.frames.length - 1; i >= 0; i--) {
      const f = s.frames[i];
      const name = frameName((isJitDso(f.dso) && jitName(s.pid, f.ip)) || f.sym, f.dso);
      // Runs of unknown frames say nothing more than one does, and would split identical stacks.
      if (!(name === '[unknown]' && names[names.length - 1] === '[unknown]')) names.push(name);
    }
    addCount(byPid, s.pid, names.join(';'));
  }
  return byPid;
}

export function foldPerfScript(text: string, jitName?: JitNamer): Map<number, FoldedCounts> {
  return foldPerfSamples(parsePerfScript(text), jitName);
}

function isJitDso(dso: string): boolean {
  return PERF_MAP_DSO.test(dso);
}

function frameName(sym: string, dso: string): string {
  if (dso === '[kernel.kallsyms]' || dso.startsWith('[kernel')) return `[k] ${sym}`;
  if (sym === '[unknown]') return '[unknown]';
  const js = PERF_MAP_JS.exec(sym);
  if (js) return jsFrame(js[1].trim(), js[2], Number(js[3]), Number(js[4]));
  // Other perf-map entries (Builtin:, Stub:, RegExp:) and native symbols stay as perf names them.
  return sym.replace(/\+0x[0-9a-f]+$/, '');
}
