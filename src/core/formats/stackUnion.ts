// Prepares one worker's share of the union of the stack tables counted from the parts of a file, reading the tables in shared memory.
//
// Each part's table holds the stacks seen in that part, so a stack seen in several parts is
// in several tables. The union, in the order one pass over the file would have given, is
// part 0's stacks in id order, then part 1's stacks that part 0 lacks, and so on. A stack
// belongs to the worker its byte hash points at, so all copies of it go to one worker,
// which adds their samples to the earliest copy; each worker splits only its own stacks
// into frames, and no stack is split twice.

import { K8sContext } from '../k8sContext';
import { ContextPool } from '../profile';
import { StackDecoder } from './stackDecoder';
import { COUNT_FLOAT, Place, PLACE_MIX, SharedStackTable, SLOT_INTS } from './stackTable';

/** One worker's stacks of the union, in union order (by table, then id), with frames as ids into `names`. */
export interface UnionShare {
  table: Int32Array;
  id: Int32Array;
  /** Index into `contexts`; 0 is "no context". */
  contextIndex: Int32Array;
  /** One more entry than there are stacks: stack k's frames are `frameIds[frameStarts[k] .. frameStarts[k + 1])`. */
  frameStarts: Int32Array;
  frameIds: Int32Array;
  counts: Float64Array;
  contexts: (K8sContext | undefined)[];
  names: string[];
}

/** The worker (0 … workers-1) a stack belongs to, from its byte hash. */
function ownerOf(byteHash: number, workers: number): number {
  return (Math.imul(byteHash, 0x85ebca6b) >>> 0) % workers;
}

export function prepareUnionShare(tables: SharedStackTable[], worker: number, workers: number): UnionShare {
  const readers = tables.map((t) => new TableReader(t));
  const pool = new ContextPool();
  const decoder = new StackDecoder(pool);
  const contextIndex = new Map<K8sContext, number>();
  const out = new ShareBuilder();
  const outIndex = readers.map((r) => new Int32Array(r.size));
  const ids: number[] = [];
  for (let t = 0; t < readers.length; t++) {
    const r = readers[t];
    const placeCtx = r.places.map((p) => pool.intern(p));
    // The id of each of this table's places in every earlier table (-1: not there, so neither is any stack of it).
    const placeIn = readers.slice(0, t).map((u) => Int32Array.from(r.places, (p) => u.placeId(p)));
    for (let id = 0; id < r.size; id++) {
      const byteHash = r.byteHashOf[id];
      if (ownerOf(byteHash, workers) !== worker) continue;
      const s = r.slotOf[id] * SLOT_INTS;
      const place = r.ints[s + 3];
      const slab = r.slabs[r.ints[s + 4]];
      const from = r.ints[s + 5];
      const to = from + r.ints[s + 2];
      const count = r.floats[r.slotOf[id] * (SLOT_INTS / 2) + COUNT_FLOAT];
      let earlier = -1;
      for (let u = 0; u < t && earlier < 0; u++) {
        const uid = placeIn[u][place] < 0 ? -1 : readers[u].find(placeIn[u][place], slab, from, to, byteHash);
        if (uid >= 0) earlier = outIndex[u][uid];
      }
      if (earlier >= 0) {
        out.addCount(earlier, count);
        continue;
      }
      ids.length = 0;
      const ctx = decoder.decode(slab, from, to, r.escaped.has(id), r.places[place], placeCtx[place], ids);
      let c = 0;
      if (ctx) {
        c = contextIndex.get(ctx) ?? contextIndex.size + 1;
        contextIndex.set(ctx, c);
      }
      outIndex[t][id] = out.add(t, id, c, ids, count);
    }
  }
  return out.build([undefined, ...contextIndex.keys()], decoder.frames.names);
}

/** Read access to a table another thread counted. */
class TableReader {
  readonly size: number;
  readonly ints: Int32Array;
  readonly floats: Float64Array;
  readonly slabs: Buffer[];
  readonly slotOf: Int32Array;
  readonly byteHashOf: Int32Array;
  readonly places: Place[];
  readonly escaped: Set<number>;
  private readonly capacity: number;
  private readonly placeIds = new Map<string, number>();

  constructor(table: SharedStackTable) {
    this.size = table.size;
    this.capacity = table.capacity;
    this.ints = new Int32Array(table.ints);
    this.floats = new Float64Array(table.ints);
    this.slabs = table.slabs.map((b) => Buffer.from(b));
    this.slotOf = table.slotOf;
    this.byteHashOf = table.byteHashOf;
    this.places = table.places;
    this.escaped = new Set(table.escaped);
    table.places.forEach((p, id) => this.placeIds.set(placeKey(p), id));
  }

  placeId(place: Place): number {
    return this.placeIds.get(placeKey(place)) ?? -1;
  }

  /** The id of the stack with these bytes in `place`, or -1 (the probe StackTable.count makes). */
  find(place: number, bytes: Buffer, from: number, to: number, byteHash: number): number {
    const length = to - from;
    const hash = (byteHash ^ Math.imul(place + 1, PLACE_MIX)) & 0x3fffffff;
    const ints = this.ints;
    const mask = this.capacity - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const s = slot * SLOT_INTS;
      if (ints[s + 1] === 0) return -1;
      if (ints[s] === hash && ints[s + 2] === length && ints[s + 3] === place) {
        const off = ints[s + 5];
        if (this.slabs[ints[s + 4]].compare(bytes, from, to, off, off + length) === 0) return ints[s + 1] - 1;
      }
    }
  }
}

function placeKey(p: Place): string {
  return JSON.stringify([p.node, p.namespace, p.pod, p.container, p.process]);
}

/** Growable columns of a UnionShare. */
class ShareBuilder {
  private size = 0;
  private table = new Int32Array(1024);
  private id = new Int32Array(1024);
  private context = new Int32Array(1024);
  private starts = new Int32Array(1025);
  private counts = new Float64Array(1024);
  private frameIds = new Int32Array(16 * 1024);

  add(table: number, id: number, context: number, frameIds: readonly number[], count: number): number {
    const k = this.size++;
    if (this.size >= this.table.length) {
      const n = this.table.length * 2;
      this.table = grown(this.table, n);
      this.id = grown(this.id, n);
      this.context = grown(this.context, n);
      this.starts = grown(this.starts, n + 1);
      this.counts = grown(this.counts, n);
    }
    this.table[k] = table;
    this.id[k] = id;
    this.context[k] = context;
    this.counts[k] = count;
    const from = this.starts[k];
    if (from + frameIds.length > this.frameIds.length) this.frameIds = grown(this.frameIds, Math.max(this.frameIds.length * 2, from + frameIds.length));
    this.frameIds.set(frameIds, from);
    this.starts[k + 1] = from + frameIds.length;
    return k;
  }

  addCount(k: number, count: number): void {
    this.counts[k] += count;
  }

  /** Exact-size copies, each with a buffer of its own (so they can be moved to another thread). */
  build(contexts: (K8sContext | undefined)[], names: string[]): UnionShare {
    const n = this.size;
    return {
      table: this.table.slice(0, n),
      id: this.id.slice(0, n),
      contextIndex: this.context.slice(0, n),
      frameStarts: this.starts.slice(0, n + 1),
      frameIds: this.frameIds.slice(0, this.starts[n]),
      counts: this.counts.slice(0, n),
      contexts,
      names,
    };
  }
}

export function grown<T extends Int32Array | Float64Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
