// Merges the records of tables that counted consecutive parts of one input into the records one table would have made.
//
// Parts are added in input order. A part's records are already unique and in first-seen
// order, so appending the records no earlier part had, in each part's order, gives the
// same records in the same order as reading the whole input in one table: a record is a
// function of its (place, stack bytes), and one first seen in a later part was seen in no
// earlier one.

import { K8sContext } from '../k8sContext';
import { ContextPool, StackRecord } from '../profile';
import { TableExport } from './stackTable';

export class RecordMerge {
  private readonly pool = new ContextPool();
  private readonly contextNumbers = new Map<K8sContext, number>();
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();

  /** Per record: its context, frames (global name ids, flat) and samples. */
  private readonly recordCtx: (K8sContext | undefined)[] = [];
  private readonly recordFrames: (readonly string[])[] = [];
  private counts = new Float64Array(1024);
  private starts = new Int32Array(1025);
  private ids = new Int32Array(16 * 1024);
  /** Open addressing over records: [hash, record + 1 (0: empty)]. */
  private slots = new Int32Array(2 * 4096);
  private total = 0;

  get totalSamples(): number {
    return this.total;
  }

  add(part: TableExport): void {
    this.total += part.totalSamples;
    const nameOf = new Int32Array(part.names.length);
    for (let i = 0; i < part.names.length; i++) nameOf[i] = this.nameId(part.names[i]);
    const ctxOf = part.contexts.map((c) => this.pool.intern(c));
    const ctxNumber = ctxOf.map((c) => (c ? this.contextNumber(c) : 0));
    const scratch: number[] = [];
    const records = part.counts.length;
    for (let r = 0; r < records; r++) {
      scratch.length = 0;
      for (let k = part.frameStarts[r]; k < part.frameStarts[r + 1]; k++) scratch.push(nameOf[part.frameIds[k]]);
      const c = part.recordContext[r];
      this.count(ctxOf[c], ctxNumber[c], scratch, part.counts[r]);
    }
  }

  records(): StackRecord[] {
    const out: StackRecord[] = new Array(this.recordFrames.length);
    for (let r = 0; r < out.length; r++) out[r] = { ctx: this.recordCtx[r], frames: this.recordFrames[r], count: this.counts[r] };
    return out;
  }

  private count(ctx: K8sContext | undefined, ctxNumber: number, frameIds: readonly number[], count: number): void {
    let h = Math.imul(ctxNumber + 1, 0x9e3779b1);
    for (const f of frameIds) h = Math.imul(h ^ f, 0x01000193);
    h = (h ^ (h >>> 15)) & 0x3fffffff;
    const mask = this.slots.length / 2 - 1;
    let slot = h & mask;
    for (;;) {
      const entry = this.slots[slot * 2 + 1];
      if (entry === 0) break;
      if (this.slots[slot * 2] === h && this.recordCtx[entry - 1] === ctx && this.sameFrames(entry - 1, frameIds)) {
        this.counts[entry - 1] += count;
        return;
      }
      slot = (slot + 1) & mask;
    }
    const r = this.recordFrames.length;
    this.recordCtx.push(ctx);
    const frames: string[] = new Array(frameIds.length);
    for (let i = 0; i < frameIds.length; i++) frames[i] = this.names[frameIds[i]];
    this.recordFrames.push(frames);
    if (r + 1 >= this.counts.length) {
      this.counts = grown(this.counts, this.counts.length * 2);
      this.starts = grown(this.starts, this.starts.length * 2);
    }
    this.counts[r] = count;
    const from = this.starts[r];
    if (from + frameIds.length > this.ids.length) this.ids = grown(this.ids, Math.max(this.ids.length * 2, from + frameIds.length));
    this.ids.set(frameIds, from);
    this.starts[r + 1] = from + frameIds.length;
    this.slots[slot * 2] = h;
    this.slots[slot * 2 + 1] = r + 1;
    if ((r + 1) * 2 > this.slots.length / 2) this.growSlots();
  }

  private sameFrames(r: number, frameIds: readonly number[]): boolean {
    const from = this.starts[r];
    if (this.starts[r + 1] - from !== frameIds.length) return false;
    for (let i = 0; i < frameIds.length; i++) if (this.ids[from + i] !== frameIds[i]) return false;
    return true;
  }

  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, id);
    }
    return id;
  }

  private contextNumber(ctx: K8sContext): number {
    let n = this.contextNumbers.get(ctx);
    if (n === undefined) {
      n = this.contextNumbers.size + 1;
      this.contextNumbers.set(ctx, n);
    }
    return n;
  }

  private growSlots(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    const mask = this.slots.length / 2 - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = old[s] & mask;
      while (this.slots[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
      this.slots[slot * 2] = old[s];
      this.slots[slot * 2 + 1] = old[s + 1];
    }
  }
}

function grown<T extends Int32Array | Float64Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
