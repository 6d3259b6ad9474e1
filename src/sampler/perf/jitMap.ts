// Symbolizes JIT code from V8's /tmp/perf-PID.map, where the newest entry covering an address wins.
//
// V8 appends an entry whenever it compiles code and never retracts one, so when code is
// collected its addresses get reused and the file holds several entries for them. perf's
// own lookup keeps the oldest one and names frames after long-dead code (seen: module
// wrappers of es-errors in place of renderPreview). The newest entry is the live code.

import { open } from 'node:fs/promises';

interface ParsedMap {
  /** Bytes of the file already parsed; the file only grows. */
  offset: number;
  starts: number[];
  ends: number[];
  names: string[];
}

const MAX_READ = 64 * 1024 * 1024;

export class JitMaps {
  private readonly maps = new Map<number, ParsedMap>();

  constructor(private readonly pathOf: (pid: number) => string = (pid) => `/tmp/perf-${pid}.map`) {}

  /** Names for the given code addresses of a process (addresses that no entry covers are left out). */
  async resolve(pid: number, addresses: Iterable<number>): Promise<Map<number, string>> {
    const map = await this.refresh(pid);
    const sorted = [...new Set(addresses)].sort((a, b) => a - b);
    const names = new Map<number, string>();
    if (!map || sorted.length === 0) return names;
    for (let i = map.starts.length - 1; i >= 0 && names.size < sorted.length; i--) {
      for (let j = lowerBound(sorted, map.starts[i]); j < sorted.length && sorted[j] < map.ends[i]; j++) {
        if (!names.has(sorted[j])) names.set(sorted[j], map.names[i]);
      }
    }
    return names;
  }

  /** Drops what is kept for processes that are no longer sampled. */
  forget(keep: ReadonlySet<number>): void {
    for (const pid of this.maps.keys()) if (!keep.has(pid)) this.maps.delete(pid);
  }

  private async refresh(pid: number): Promise<ParsedMap | undefined> {
    let map = this.maps.get(pid);
    let file;
    try {
      file = await open(this.pathOf(pid), 'r');
    } catch {
      return map;
    }
    try {
      const { size } = await file.stat();
      if (!map || size < map.offset) {
        map = { offset: 0, starts: [], ends: [], names: [] };
        this.maps.set(pid, map);
      }
      const length = Math.min(size - map.offset, MAX_READ);
      if (length <= 0) return map;
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, map.offset);
      const text = buffer.subarray(0, bytesRead).toString('utf8');
      // Only whole lines: V8 may be halfway through writing the last one.
      const complete = text.lastIndexOf('\n') + 1;
      const lines = text.slice(0, complete).split('\n');
      for (let i = 0; i < lines.length; i++) {
        // A first read can be 100k lines: let the event loop (and the proxies on it) breathe.
        if (i > 0 && i % 5000 === 0) await new Promise((r) => setImmediate(r));
        const line = lines[i];
        const first = line.indexOf(' ');
        const second = line.indexOf(' ', first + 1);
        if (first <= 0 || second <= first) continue;
        const start = parseInt(line.slice(0, first), 16);
        const size = parseInt(line.slice(first + 1, second), 16);
        if (!Number.isFinite(start) || !Number.isFinite(size)) continue;
        map.starts.push(start);
        map.ends.push(start + size);
        map.names.push(line.slice(second + 1));
      }
      map.offset += Buffer.byteLength(text.slice(0, complete), 'utf8');
      return map;
    } finally {
      await file.close();
    }
  }
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
