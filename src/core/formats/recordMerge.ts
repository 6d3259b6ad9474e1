// Makes the records one stack table would have made from the union of several tables' stacks, prepared by several workers.
//
// The workers' shares are walked together in union order (table, then id), which is the
// order one pass over the file would have seen the stacks in; a stack whose context and
// frames equal an earlier one's (the same stack written with and without escapes, one
// place spelled two ways, k8s frames lifted) counts towards that record, as in
// StackTable.records(). Frames arrive as numbers and become the shared name strings here.

import { K8sContext } from '../k8sContext';
import { ContextPool, StackRecord } from '../profile';
import { grown, UnionShare } from './stackUnion';
import { Numbering } from './numbering';

export class RecordMerge {
  private readonly pool = new ContextPool();
  private readonly contextNumbers = new Numbering<K8sContext>();
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

  /** Adds the stacks of all workers' shares, in union order. */
  addShares(shares: UnionShare[]): void {
    const nameOf = shares.map((share) => Int32Array.from(share.names, (name) => this.nameId(name)));
    const ctxOf = shares.map((share) => share.contexts.map((c) => this.pool.intern(c)));
    const ctxNumber = ctxOf.map((list) => list.map((c) => (c ? this.contextNumbers.of(c) : 0)));
    const next = shares.map(() => 0);
    let scratch = new Int32Array(256);
    for (;;) {
      // The share whose next stack comes first in the union (at most a few shares).
      let w = -1;
      for (let k = 0; k < shares.length; k++) {
        const i = next[k];
        if (i >= shares[k].counts.length) continue;
        if (w < 0) {
          w = k;
          continue;
        }
        const best = shares[w];
        const j = next[w];
        if (shares[k].table[i] < best.table[j] || (shares[k].table[i] === best.table[j] && shares[k].id[i] < best.id[j])) w = k;
      }
      if (w < 0) return;
      const share = shares[w];
      const i = next[w]++;
      const from = share.frameStarts[i];
      const length = share.frameStarts[i + 1] - from;
      if (length > scratch.length) scratch = new Int32Array(length * 2);
      const names = nameOf[w];
      for (let f = 0; f < length; f++) scratch[f] = names[share.frameIds[from + f]];
      const c = share.contextIndex[i];
      this.count(ctxOf[w][c], ctxNumber[w][c], scratch, length, share.counts[i]);
    }
  }

  records(): StackRecord[] {
    const out: StackRecord[] = new Array(this.recordFrames.length);
    for (let r = 0; r < out.length; r++) out[r] = { ctx: this.recordCtx[r], frames: this.recordFrames[r], count: this.counts[r] };
    return out;
  }

  /** Counts the stack with frames `frameIds[0, length)` (global name ids) in `ctx`. */
  private count(ctx: K8sContext | undefined, ctxNumber: number, frameIds: Int32Array, length: number, count: number): void {
    let h = Math.imul(ctxNumber + 1, 0x9e3779b1);
    for (let f = 0; f < length; f++) h = Math.imul(h ^ frameIds[f], 0x01000193);
    h = (h ^ (h >>> 15)) & 0x3fffffff;
    const mask = this.slots.length / 2 - 1;
    let slot = h & mask;
    for (;;) {
      const entry = this.slots[slot * 2 + 1];
      if (entry === 0) break;
      if (this.slots[slot * 2] === h && this.recordCtx[entry - 1] === ctx && this.sameFrames(entry - 1, frameIds, length)) {
        this.counts[entry - 1] += count;
        return;
      }
      slot = (slot + 1) & mask;
    }
    const r = this.recordFrames.length;
    this.recordCtx.push(ctx);
    const frames: string[] = new Array(length);
    for (let f = 0; f < length; f++) frames[f] = this.names[frameIds[f]];
    this.recordFrames.push(frames);
    if (r + 1 >= this.counts.length) {
      this.counts = grown(this.counts, this.counts.length * 2);
      this.starts = grown(this.starts, this.starts.length * 2);
    }
    this.counts[r] = count;
    const from = this.starts[r];
    if (from + length > this.ids.length) this.ids = grown(this.ids, Math.max(this.ids.length * 2, from + length));
    for (let f = 0; f < length; f++) this.ids[from + f] = frameIds[f];
    this.starts[r + 1] = from + length;
    this.slots[slot * 2] = h;
    this.slots[slot * 2 + 1] = r + 1;
    if ((r + 1) * 2 > this.slots.length / 2) this.growSlots();
  }

  private sameFrames(r: number, frameIds: Int32Array, length: number): boolean {
    const from = this.starts[r];
    if (this.starts[r + 1] - from !== length) return false;
    for (let i = 0; i < length; i++) if (this.ids[from + i] !== frameIds[i]) return false;
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
