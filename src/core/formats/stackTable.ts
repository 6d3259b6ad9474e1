// Counts samples per (place, stack) with the stack kept as raw UTF-8 bytes, and makes StackRecords from it with shared frame names.
//
// The aggregation of Pixie rows, for JSON files and gRPC batches alike. A row costs a
// sampled hash of its stack bytes, one probe of a typed hash table and one compare with
// the stored bytes of the first row that had that stack; no string, no object. Records
// are made when a profile is asked for: each unique stack is split once into interned
// frame names (StackDecoder), stacks that turn out equal (the same stack written with and
// without JSON escapes, or two column sets naming one place) are merged then, and k8s
// frames at the start of a stack (Pixie UI exports) are lifted into its context. A table
// can also count into shared memory, for worker threads to read once it is done
// (readInWorkers: each worker counts one part of a big file).

import { K8sContext } from '../k8sContext';
import { ContextPool, StackRecord } from '../profile';
import { StackDecoder } from './stackDecoder';
import { Numbering } from './numbering';

/** Where samples ran, as the row's columns give it. */
export interface Place {
  node?: string;
  namespace?: string;
  pod?: string;
  container?: string;
  process?: string;
}

/**
 * A table made with `{ shared: true }`, handed to other threads: its memory is shared, not
 * copied, and must not change any more (the table is done counting).
 */
export interface SharedStackTable {
  /** The slots (see SLOT_INTS). */
  ints: SharedArrayBuffer;
  capacity: number;
  size: number;
  slabs: SharedArrayBuffer[];
  /** Slot of each stack id. */
  slotOf: Int32Array;
  /** Byte hash (sampledHash) of each stack id, so readers can pick their stacks without touching the slots. */
  byteHashOf: Int32Array;
  places: Place[];
  /** Ids of the stacks whose bytes are JSON string content with escapes. */
  escaped: number[];
  totalSamples: number;
}

/**
 * One slot, 32 bytes: int32 [hash, id + 1 (0: empty), length, place, slab, offset], then
 * the count as a float64. A repeated row needs only its slot and the stored bytes.
 */
export const SLOT_INTS = 8;
export const COUNT_FLOAT = 3;
/** Mixed into a stack's byte hash to make its slot hash: `(byteHash ^ imul(place + 1, PLACE_MIX)) & 0x3fffffff`. */
export const PLACE_MIX = 0x9e3779b1;
const FIRST_SLAB_BYTES = 64 * 2 ** 10;
const SLAB_BYTES = 16 * 2 ** 20;

export class StackTable {
  /** Stored stack bytes; slabs start small and double up to SLAB_BYTES, and are never copied. */
  private readonly slabs: Buffer[];
  private slabUsed = 0;
  private size = 0;
  private capacity = 4096;
  private ints: Int32Array;
  private floats: Float64Array;
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
  private readonly decoder = new StackDecoder(this.pool);
  private prepared = 0;
  /** Per unique stack: the record index it counts towards. */
  private recordOf = new Int32Array(1024);
  private readonly recordCtx: (K8sContext | undefined)[] = [];
  private readonly recordFrames: (readonly string[])[] = [];
  private readonly recordKeys = new Map<number, number | number[]>();
  private readonly shared: boolean;

  /** `shared`: the slots and stack bytes live in SharedArrayBuffers, so that other threads can read the table once it is done (see share()). */
  constructor(options: { shared?: boolean } = {}) {
    this.shared = options.shared ?? false;
    this.slabs = [this.bytes(FIRST_SLAB_BYTES)];
    this.ints = this.slotInts(this.capacity);
    this.floats = new Float64Array(this.ints.buffer);
  }

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
    const hash = (sampledHash(buf, from, to) ^ Math.imul(place + 1, PLACE_MIX)) & 0x3fffffff;
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

  /** The table for other threads to read (it must have been made with `{ shared: true }` and be done counting). */
  share(): SharedStackTable {
    if (!this.shared) throw new Error('StackTable.share() needs a table made with { shared: true }');
    return {
      ints: this.ints.buffer as SharedArrayBuffer,
      capacity: this.capacity,
      size: this.size,
      slabs: this.slabs.map((slab) => slab.buffer as SharedArrayBuffer),
      slotOf: this.slotOf.slice(0, this.size),
      byteHashOf: this.byteHashes(),
      places: this.places.map((p) => ({ ...p })),
      escaped: [...this.escaped],
      totalSamples: this.total,
    };
  }

  private byteHashes(): Int32Array {
    const out = new Int32Array(this.size);
    for (let id = 0; id < this.size; id++) {
      const s = this.slotOf[id] * SLOT_INTS;
      out[id] = (this.ints[s] ^ Math.imul(this.ints[s + 3] + 1, PLACE_MIX)) & 0x3fffffff;
    }
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
      const off = this.ints[s + 5];
      const place = this.ints[s + 3];
      ids.length = 0;
      const ctx = this.decoder.decode(this.slabs[this.ints[s + 4]], off, off + this.ints[s + 2], this.escaped.has(id), this.places[place], this.placeContexts[place], ids);
      this.recordOf[id] = this.recordFor(ctx, ids);
    }
    this.prepared = this.size;
  }

  private recordFor(ctx: K8sContext | undefined, ids: number[]): number {
    let h = ctx ? this.contextNumbers.of(ctx) : 0;
    for (const f of ids) h = Math.imul(h ^ f, 0x01000193);
    h &= 0x3fffffff;
    const bucket = this.recordKeys.get(h);
    const names = this.decoder.frames.names;
    // Frame names are interned, so equal frames are the same string object.
    if (typeof bucket === 'number') {
      if (this.recordCtx[bucket] === ctx && sameFrames(this.recordFrames[bucket], ids, names)) return bucket;
    } else if (bucket !== undefined) {
      for (const r of bucket) if (this.recordCtx[r] === ctx && sameFrames(this.recordFrames[r], ids, names)) return r;
    }
    const r = this.recordFrames.length;
    const frames: string[] = new Array(ids.length);
    for (let i = 0; i < ids.length; i++) frames[i] = names[ids[i]];
    this.recordFrames.push(frames);
    this.recordCtx.push(ctx);
    if (bucket === undefined) this.recordKeys.set(h, r);
    else if (typeof bucket === 'number') this.recordKeys.set(h, [bucket, r]);
    else bucket.push(r);
    return r;
  }

  private readonly contextNumbers = new Numbering<K8sContext>();

  private insert(buf: Uint8Array, from: number, to: number, hash: number, place: number, count: number, escaped: boolean, slot: number): void {
    const length = to - from;
    const last = this.slabs[this.slabs.length - 1];
    if (this.slabUsed + length > last.length) {
      this.slabs.push(this.bytes(Math.max(Math.min(SLAB_BYTES, last.length * 2), length)));
      this.slabUsed = 0;
    }
    const slabIndex = this.slabs.length - 1;
    // A plain view: Buffer#subarray goes through the Buffer species constructor, a cost per new stack.
    this.slabs[slabIndex].set(new Uint8Array(buf.buffer, buf.byteOffset + from, length), this.slabUsed);
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
    this.ints = this.slotInts(this.capacity);
    this.floats = new Float64Array(this.ints.buffer);
    const ints = this.ints;
    const mask = this.capacity - 1;
    for (let from = 0; from < oldCapacity; from++) {
      const f = from * SLOT_INTS;
      if (old[f + 1] === 0) continue;
      let slot = old[f] & mask;
      while (ints[slot * SLOT_INTS + 1] !== 0) slot = (slot + 1) & mask;
      // Int by int: a subarray per slot made a view object each, most of the cost of growing.
      const t = slot * SLOT_INTS;
      for (let k = 0; k < SLOT_INTS; k++) ints[t + k] = old[f + k];
      this.slotOf[old[f + 1] - 1] = slot;
    }
  }

  private bytes(size: number): Buffer {
    return this.shared ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafe(size);
  }

  private slotInts(capacity: number): Int32Array {
    return this.shared ? new Int32Array(new SharedArrayBuffer(capacity * SLOT_INTS * 4)) : new Int32Array(capacity * SLOT_INTS);
  }
}

function sameFrames(frames: readonly string[], ids: readonly number[], names: readonly string[]): boolean {
  if (frames.length !== ids.length) return false;
  for (let i = 0; i < ids.length; i++) if (frames[i] !== names[ids[i]]) return false;
  return true;
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
