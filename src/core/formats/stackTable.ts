// Counts samples per (place, stack) with the stack kept as raw UTF-8 bytes, and makes StackRecords from it with shared frame names.
//
// The aggregation of Pixie rows, for JSON files and gRPC batches alike. A row costs a
// sampled hash of its stack bytes, one probe of a typed hash table and one compare with
// the stored bytes of the first row that had that stack; no string, no object. Records
// are made when a profile is asked for: each unique stack is split once into interned
// frame names (FrameNames), stacks that turn out equal (the same stack written with and
// without JSON escapes, or two column sets naming one place) are merged then, and k8s
// frames at the start of a stack (Pixie UI exports) are lifted into its context.

import { K8sContext } from '../k8sContext';
import { ContextPool, StackRecord } from '../profile';
import { FrameNames } from './frameNames';
import { liftK8sFrames } from './k8sFramePrefix';

/** Where samples ran, as the row's columns give it. */
export interface Place {
  node?: string;
  namespace?: string;
  pod?: string;
  container?: string;
  process?: string;
}

/** A table's records as numbers: record r has context `contexts[recordContext[r]]` and frames `names[frameIds[frameStarts[r] .. frameStarts[r + 1])]`. */
export interface TableExport {
  names: string[];
  /** Index 0 is "no context". */
  contexts: (K8sContext | undefined)[];
  recordContext: Int32Array;
  /** One more entry than there are records. */
  frameStarts: Int32Array;
  frameIds: Int32Array;
  counts: Float64Array;
  totalSamples: number;
}

/**
 * One slot, 32 bytes: int32 [hash, id + 1 (0: empty), length, place, slab, offset], then
 * the count as a float64. A repeated row needs only its slot and the stored bytes.
 */
const SLOT_INTS = 8;
const COUNT_FLOAT = 3;
const FIRST_SLAB_BYTES = 64 * 2 ** 10;
const SLAB_BYTES = 16 * 2 ** 20;
const N = 0x6e;
const P = 0x70;
const C = 0x63;

export class StackTable {
  /** Stored stack bytes; slabs start small and double up to SLAB_BYTES, and are never copied. */
  private readonly slabs: Buffer[] = [Buffer.allocUnsafe(FIRST_SLAB_BYTES)];
  private slabUsed = 0;
  private size = 0;
  private capacity = 4096;
  private ints = new Int32Array(this.capacity * SLOT_INTS);
  private floats = new Float64Array(this.ints.buffer);
  /** id -> slot, kept through growth. */
  private slotOf = new Int32Array(1024);
  /** Stacks whose bytes are JSON string content with escapes (decoded with JSON.parse). */
  private readonly escaped = new Set<number>();
  private total = 0;
  private scratch = Buffer.allocUnsafe(4096);

  private readonly places: Place[] = [];
  private readonly placeContexts: (K8sContext | undefined)[] = [];
  private readonly placesByPod = new Map<string, number[]>();
  private readonly pool = new ContextPool();

  // Filled in by records(), for the stacks added since the last call.
  private readonly frames = new FrameNames();
  private prepared = 0;
  /** Per unique stack: the record index it counts towards. */
  private recordOf = new Int32Array(1024);
  private readonly recordCtx: (K8sContext | undefined)[] = [];
  private readonly recordFrames: (readonly string[])[] = [];
  private readonly recordKeys = new Map<number, number | number[]>();
  /** While exportRecords() runs: each new record's frame ids, flat, so a worker can send them without strings. */
  private exportIds: Int32Array | undefined;
  private exportUsed = 0;
  private exportStarts: number[] = [];

  get uniqueStacks(): number {
    return this.size;
  }

  get totalSamples(): number {
    return this.total;
  }

  /** The id of a place given by its column values (empty strings count as missing). */
  place(node?: string, namespace?: string, pod?: string, container?: string, process?: string): number {
    const candidates = this.placesByPod.get(pod ?? '');
    if (candidates) {
      for (const id of candidates) {
        const p = this.places[id];
        if (p.node === (node || undefined) && p.namespace === (namespace || undefined) && p.container === (container || undefined) && p.process === (process || undefined)) {
          return id;
        }
      }
    }
    const id = this.places.length;
    const p: Place = { node: node || undefined, namespace: namespace || undefined, pod: pod || undefined, container: container || undefined, process: process || undefined };
    this.places.push(p);
    this.placeContexts.push(this.pool.intern(p));
    if (candidates) candidates.push(id);
    else this.placesByPod.set(pod ?? '', [id]);
    return id;
  }

  /**
   * Adds `count` samples of the stack in `buf[from, to)`: UTF-8 bytes of the `;`-joined
   * frames, or, when `escaped`, the content of a JSON string that has escapes.
   */
  count(buf: Uint8Array, from: number, to: number, place: number, count: number, escaped = false): void {
    if (!(count > 0) || !Number.isFinite(count) || to <= from) return;
    this.total += count;
    const length = to - from;
    const hash = (sampledHash(buf, from, to) ^ Math.imul(place + 1, 0x9e3779b1)) & 0x3fffffff;
    const ints = this.ints;
    const mask = this.capacity - 1;
    let slot = hash & mask;
    for (;;) {
      const s = slot * SLOT_INTS;
      if (ints[s + 1] === 0) break;
      if (ints[s] === hash && ints[s + 2] === length && ints[s + 3] === place) {
        const off = ints[s + 5];
        if (this.slabs[ints[s + 4]].compare(buf, from, to, off, off + length) === 0) {
          this.floats[slot * (SLOT_INTS / 2) + COUNT_FLOAT] += count;
          return;
        }
      }
      slot = (slot + 1) & mask;
    }
    this.insert(buf, from, to, hash, place, count, escaped, slot);
  }

  /** Adds samples of a stack given as a decoded string (`a;b;c`, root first). */
  countString(stack: string, place: number, count: number): void {
    if (stack.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(stack.length * 3);
    const length = this.scratch.write(stack, 0, 'utf8');
    this.count(this.scratch, 0, length, place, count);
  }

  /**
   * The records so far, one per (context, frames), in first-seen order. A snapshot: counting
   * more afterwards does not change it. Frame name arrays are shared between snapshots.
   */
  records(): StackRecord[] {
    this.prepare();
    const counts = new Float64Array(this.recordFrames.length);
    for (let id = 0; id < this.size; id++) {
      counts[this.recordOf[id]] += this.floats[this.slotOf[id] * (SLOT_INTS / 2) + COUNT_FLOAT];
    }
    const out: StackRecord[] = new Array(this.recordFrames.length);
    for (let r = 0; r < out.length; r++) out[r] = { ctx: this.recordCtx[r], frames: this.recordFrames[r], count: counts[r] };
    return out;
  }

  /**
   * The records as numbers plus a table of frame names, for a worker thread to send (typed
   * arrays move between threads without a copy; millions of frame strings would be cloned
   * one by one). Only as the table's first read: a worker exports once and stops.
   */
  exportRecords(): TableExport {
    if (this.prepared > 0) throw new Error('StackTable.exportRecords() must be the first read of the table');
    this.exportIds = new Int32Array(Math.max(1024, this.size * 16));
    this.exportUsed = 0;
    this.exportStarts = [0];
    this.prepare();
    const records = this.recordFrames.length;
    const counts = new Float64Array(records);
    for (let id = 0; id < this.size; id++) {
      counts[this.recordOf[id]] += this.floats[this.slotOf[id] * (SLOT_INTS / 2) + COUNT_FLOAT];
    }
    const contextIndex = new Map<K8sContext, number>();
    const contexts: (K8sContext | undefined)[] = [undefined];
    const recordContext = new Int32Array(records);
    for (let r = 0; r < records; r++) {
      const ctx = this.recordCtx[r];
      if (!ctx) continue;
      let index = contextIndex.get(ctx);
      if (index === undefined) {
        index = contexts.length;
        contexts.push(ctx);
        contextIndex.set(ctx, index);
      }
      recordContext[r] = index;
    }
    const out: TableExport = {
      names: this.frames.names,
      contexts,
      recordContext,
      frameStarts: Int32Array.from(this.exportStarts),
      frameIds: this.exportIds.slice(0, this.exportUsed),
      counts,
      totalSamples: this.total,
    };
    this.exportIds = undefined;
    this.exportStarts = [];
    return out;
  }

  /** Splits the stacks added since the last call into frames and finds the record each belongs to. */
  private prepare(): void {
    if (this.recordOf.length < this.size) {
      const grown = new Int32Array(Math.max(this.size, this.recordOf.length * 2));
      grown.set(this.recordOf);
      this.recordOf = grown;
    }
    const ids: number[] = [];
    for (let id = this.prepared; id < this.size; id++) {
      const s = this.slotOf[id] * SLOT_INTS;
      const slab = this.slabs[this.ints[s + 4]];
      const off = this.ints[s + 5];
      const end = off + this.ints[s + 2];
      let ctx = this.placeContexts[this.ints[s + 3]];
      ids.length = 0;
      if (!this.escaped.has(id) && !startsWithK8sFrame(slab, off, end)) {
        this.frames.split(slab, off, end, ids);
      } else {
        // Rare: JSON escapes to decode, or k8s frames to lift; then split the clean bytes.
        const raw = slab.toString('utf8', off, end);
        const text = this.escaped.has(id) ? (JSON.parse(`"${raw}"`) as string) : raw;
        const lifted = liftK8sFrames(text);
        if (lifted.ctx) {
          const p = this.places[this.ints[s + 3]];
          ctx = this.pool.intern({
            node: p.node ?? lifted.ctx.node,
            namespace: p.namespace ?? lifted.ctx.namespace,
            pod: p.pod ?? lifted.ctx.pod,
            container: p.container ?? lifted.ctx.container,
            process: p.process ?? lifted.ctx.process,
          });
        }
        const clean = Buffer.from(lifted.stack, 'utf8');
        this.frames.split(clean, 0, clean.length, ids);
      }
      this.recordOf[id] = this.recordFor(ctx, ids);
    }
    this.prepared = this.size;
  }

  private recordFor(ctx: K8sContext | undefined, ids: number[]): number {
    let h = ctx ? this.contextNumber(ctx) : 0;
    for (const f of ids) h = Math.imul(h ^ f, 0x01000193);
    h &= 0x3fffffff;
    const bucket = this.recordKeys.get(h);
    const names = this.frames.names;
    // Frame names are interned, so equal frames are the same string object.
    const same = (r: number): boolean => this.recordCtx[r] === ctx && sameFrames(this.recordFrames[r], ids, names);
    if (typeof bucket === 'number') {
      if (same(bucket)) return bucket;
    } else if (bucket !== undefined) {
      for (const r of bucket) if (same(r)) return r;
    }
    const r = this.recordFrames.length;
    const frames: string[] = new Array(ids.length);
    for (let i = 0; i < ids.length; i++) frames[i] = names[ids[i]];
    if (this.exportIds) this.logExportIds(ids);
    this.recordFrames.push(frames);
    this.recordCtx.push(ctx);
    if (bucket === undefined) this.recordKeys.set(h, r);
    else if (typeof bucket === 'number') this.recordKeys.set(h, [bucket, r]);
    else bucket.push(r);
    return r;
  }

  private logExportIds(ids: readonly number[]): void {
    if (this.exportUsed + ids.length > this.exportIds!.length) {
      const grown = new Int32Array(Math.max(this.exportIds!.length * 2, this.exportUsed + ids.length));
      grown.set(this.exportIds!.subarray(0, this.exportUsed));
      this.exportIds = grown;
    }
    this.exportIds!.set(ids, this.exportUsed);
    this.exportUsed += ids.length;
    this.exportStarts.push(this.exportUsed);
  }

  private readonly contextNumbers = new Map<K8sContext, number>();
  private contextNumber(ctx: K8sContext): number {
    let n = this.contextNumbers.get(ctx);
    if (n === undefined) {
      n = this.contextNumbers.size + 1;
      this.contextNumbers.set(ctx, n);
    }
    return n;
  }

  private insert(buf: Uint8Array, from: number, to: number, hash: number, place: number, count: number, escaped: boolean, slot: number): void {
    const length = to - from;
    const last = this.slabs[this.slabs.length - 1];
    if (this.slabUsed + length > last.length) {
      this.slabs.push(Buffer.allocUnsafe(Math.max(Math.min(SLAB_BYTES, last.length * 2), length)));
      this.slabUsed = 0;
    }
    const slabIndex = this.slabs.length - 1;
    this.slabs[slabIndex].set(buf.subarray(from, to), this.slabUsed);
    const id = this.size++;
    if (escaped) this.escaped.add(id);
    if (id >= this.slotOf.length) {
      const grown = new Int32Array(this.slotOf.length * 2);
      grown.set(this.slotOf);
      this.slotOf = grown;
    }
    this.slotOf[id] = slot;
    const s = slot * SLOT_INTS;
    this.ints[s] = hash;
    this.ints[s + 1] = id + 1;
    this.ints[s + 2] = length;
    this.ints[s + 3] = place;
    this.ints[s + 4] = slabIndex;
    this.ints[s + 5] = this.slabUsed;
    this.floats[slot * (SLOT_INTS / 2) + COUNT_FLOAT] = count;
    this.slabUsed += length;
    // At most half full, so probes stay short.
    if (this.size * 2 > this.capacity) this.grow();
  }

  private grow(): void {
    const old = this.ints;
    const oldCapacity = this.capacity;
    this.capacity *= 2;
    this.ints = new Int32Array(this.capacity * SLOT_INTS);
    this.floats = new Float64Array(this.ints.buffer);
    const mask = this.capacity - 1;
    for (let from = 0; from < oldCapacity; from++) {
      const f = from * SLOT_INTS;
      if (old[f + 1] === 0) continue;
      let slot = old[f] & mask;
      while (this.ints[slot * SLOT_INTS + 1] !== 0) slot = (slot + 1) & mask;
      this.ints.set(old.subarray(f, f + SLOT_INTS), slot * SLOT_INTS);
      this.slotOf[old[f + 1] - 1] = slot;
    }
  }
}

function sameFrames(frames: readonly string[], ids: readonly number[], names: readonly string[]): boolean {
  if (frames.length !== ids.length) return false;
  for (let i = 0; i < ids.length; i++) if (frames[i] !== names[ids[i]]) return false;
  return true;
}

const K8S_PREFIXES = ['node: ', 'namespace: ', 'pod: ', 'container: ', 'pid: '].map((p) => Buffer.from(p));

/** Whether a stack starts with a k8s frame as Pixie's UI writes them (checked on bytes, before any decoding). */
function startsWithK8sFrame(buf: Uint8Array, from: number, to: number): boolean {
  const first = buf[from];
  if (first !== N && first !== P && first !== C) return false;
  for (const prefix of K8S_PREFIXES) {
    if (to - from < prefix.length) continue;
    let k = 0;
    while (k < prefix.length && buf[from + k] === prefix[k]) k++;
    if (k === prefix.length) return true;
  }
  return false;
}

/**
 * FNV-1a over the length, the last 24 bytes (sibling stacks differ at the leaf end) and 24
 * bytes spread over the rest: a fixed few dozen steps however long the stack. Colliding
 * stacks are told apart by the byte compare.
 */
export function sampledHash(buf: Uint8Array, from: number, to: number): number {
  const n = to - from;
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  const tail = n > 24 ? to - 24 : from;
  for (let i = tail; i < to; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  if (tail > from) {
    const step = tail - from > 24 ? Math.floor((tail - from) / 24) : 1;
    for (let i = from; i < tail; i += step) h = Math.imul(h ^ buf[i], 0x01000193);
  }
  return (h ^ (h >>> 30)) & 0x3fffffff;
}
