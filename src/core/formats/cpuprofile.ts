// Reads Chrome / Node.js `.cpuprofile` files (DevTools, `node --cpu-prof`, the inspector's Profiler.stop).
//
// Counts come from `samples` (one node id per sample) when present, else from each
// node's `hitCount`. Frames are `functionName url:line:column` (see sourceFrame.ts)
// with the 0-based callFrame position made 1-based, `(anonymous)` for unnamed
// functions and the bare name for frames without a script (`(program)`, `(garbage
// collector)`, builtins). `(root)` is dropped (the flamegraph has its own root);
// `(program)` and `(garbage collector)` are kept because they are CPU the process
// spent; `(idle)` samples are dropped because they are not CPU use and would only
// dilute every percentage.

import { Profile, ProfileBuilder } from '../profile';
import { ProfileFormatError } from './formatError';
import { parseJsonDocument } from './pixieJson';
import { requireSamples } from './profileReader';
import { formatSourceFrame } from './sourceFrame';

interface CallFrame {
  functionName?: string;
  url?: string;
  lineNumber?: number;
  columnNumber?: number;
}

interface CpuProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
  parent?: number;
}

interface CpuProfileJson {
  nodes: CpuProfileNode[];
  startTime?: number;
  endTime?: number;
  samples?: number[];
  timeDeltas?: number[];
}

const WHAT = 'not a Chrome .cpuprofile';

export function readCpuProfile(bytes: Uint8Array, source?: string): Profile {
  return cpuProfileToProfile(parseJsonDocument(bytes, 'Chrome .cpuprofile'), source);
}

export function cpuProfileToProfile(json: unknown, source?: string): Profile {
  const profile = validate(json);
  const byId = new Map<number, CpuProfileNode>();
  for (const node of profile.nodes) byId.set(node.id, node);
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    if (typeof node.parent === 'number') parent.set(node.id, node.parent);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }

  const counts = new Map<number, number>();
  if (profile.samples && profile.samples.length > 0) {
    for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  } else {
    for (const node of profile.nodes) if (node.hitCount) counts.set(node.id, node.hitCount);
  }

  const builder = new ProfileBuilder();
  const framesOf = new Map<number, readonly string[]>();
  const stackOf = (id: number): readonly string[] => {
    // Iterative walk to the root: deep recursion in the profiled code must not overflow ours.
    const path: number[] = [];
    let at: number | undefined = id;
    while (at !== undefined && !framesOf.has(at) && byId.has(at)) {
      path.push(at);
      at = parent.get(at);
      if (path.length > byId.size) throw new ProfileFormatError(`${WHAT}: its call tree has a cycle at node ${id}`);
    }
    let frames: readonly string[] = at !== undefined && framesOf.has(at) ? framesOf.get(at)! : [];
    for (let i = path.length - 1; i >= 0; i--) {
      const node = byId.get(path[i])!;
      const name = frameName(node.callFrame);
      if (name !== '(root)') frames = [...frames, name];
      framesOf.set(node.id, frames);
    }
    return frames;
  };

  for (const [id, count] of counts) {
    const node = byId.get(id);
    if (!node) throw new ProfileFormatError(`${WHAT}: a sample refers to node ${id}, which is not in \`nodes\``);
    if (node.callFrame.functionName === '(idle)') continue;
    const frames = stackOf(id);
    if (frames.length > 0) builder.add(frames, count);
  }

  const extra: { sampleIntervalMs?: number; source?: string } = {};
  const sampled = profile.samples?.length ?? 0;
  if (sampled > 0 && typeof profile.startTime === 'number' && typeof profile.endTime === 'number' && profile.endTime > profile.startTime) {
    // Times are microseconds; round to microseconds.
    extra.sampleIntervalMs = Math.round((profile.endTime - profile.startTime) / sampled) / 1000;
  }
  if (source) extra.source = source;
  return requireSamples(builder.build('cpuprofile', extra));
}

function frameName(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  const url = frame.url ?? '';
  const line = typeof frame.lineNumber === 'number' && frame.lineNumber >= 0 ? frame.lineNumber + 1 : 0;
  const column = typeof frame.columnNumber === 'number' && frame.columnNumber >= 0 ? frame.columnNumber + 1 : undefined;
  return formatSourceFrame(name, url, line, column);
}

function validate(json: unknown): CpuProfileJson {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ProfileFormatError(`${WHAT}: expected a JSON object with \`nodes\``);
  const nodes = (json as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) throw new ProfileFormatError(`${WHAT}: it has no \`nodes\` array`);
  nodes.forEach((node: unknown, i) => {
    const n = node as Partial<CpuProfileNode> | null;
    if (typeof n !== 'object' || n === null || typeof n.id !== 'number' || typeof n.callFrame !== 'object' || n.callFrame === null) {
      throw new ProfileFormatError(`${WHAT}: node ${i + 1} needs a numeric \`id\` and a \`callFrame\``);
    }
  });
  const samples = (json as { samples?: unknown }).samples;
  if (samples !== undefined && (!Array.isArray(samples) || samples.some((s) => typeof s !== 'number'))) {
    throw new ProfileFormatError(`${WHAT}: \`samples\` must be an array of node ids`);
  }
  return json as CpuProfileJson;
}
