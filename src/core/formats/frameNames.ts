// Interns frame names from raw UTF-8 bytes: each distinct frame becomes one string and a small integer id.
//
// A cluster profile has a few thousand functions across hundreds of thousands of stacks.
// Splitting every stack string made millions of short-lived substrings and kept them all
// alive in the frames arrays, and the garbage collector's copying of them cost more than
// the rest of a million-row ingest. Here a stack is walked once as bytes and every frame
// is looked up in a typed hash table; only a new frame name makes a string.

const SEMICOLON = 0x3b;
/** FNV-1a offset basis as an int32, so the hash loop never leaves small-integer arithmetic. */
const FNV_OFFSET = 0x811c9dc5 | 0;
/** Per slot: [hash, id + 1 (0: empty)]. */
const SLOT_INTS = 2;

export class FrameNames {
  /** Frame name by id. */
  readonly names: string[] = [];
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  /** Per id: [offset, length] of its bytes in `bytes`. */
  private spans = new Int32Array(2 * 1024);
  private slots = new Int32Array(SLOT_INTS * 4096);

  /** The ids of the `;`-separated frames in `buf[from, to)`, root first, appended to `out`. */
  split(buf: Uint8Array, from: number, to: number, out: number[]): void {
    // One pass: hash each frame's bytes while looking for the `;` that ends it.
    let start = from;
    let h = FNV_OFFSET;
    for (let i = from; i < to; i++) {
      const b = buf[i];
      if (b === SEMICOLON) {
        out.push(this.idOf(buf, start, i, h));
        start = i + 1;
        h = FNV_OFFSET;
      } else {
        h = Math.imul(h ^ b, 0x01000193);
      }
    }
    out.push(this.idOf(buf, start, to, h));
  }

  private idOf(buf: Uint8Array, from: number, to: number, fnv: number): number {
    const length = to - from;
    const hash = (fnv ^ Math.imul(length, 0x9e3779b1) ^ (fnv >>> 15)) & 0x3fffffff;
    const mask = this.slots.length / SLOT_INTS - 1;
    let slot = hash & mask;
    for (;;) {
      const s = slot * SLOT_INTS;
      const entry = this.slots[s + 1];
      if (entry === 0) break;
      if (this.slots[s] === hash && this.sameBytes(entry - 1, buf, from, length)) return entry - 1;
      slot = (slot + 1) & mask;
    }
    return this.add(buf, from, to, hash, slot);
  }

  private sameBytes(id: number, buf: Uint8Array, from: number, length: number): boolean {
    if (this.spans[id * 2 + 1] !== length) return false;
    const at = this.spans[id * 2];
    const bytes = this.bytes;
    for (let k = 0; k < length; k++) if (bytes[at + k] !== buf[from + k]) return false;
    return true;
  }

  private add(buf: Uint8Array, from: number, to: number, hash: number, slot: number): number {
    const length = to - from;
    const id = this.names.length;
    if (this.used + length > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.bytes.set(buf.subarray(from, to), this.used);
    if (id * 2 + 2 > this.spans.length) {
      const spans = new Int32Array(this.spans.length * 2);
      spans.set(this.spans);
      this.spans = spans;
    }
    this.spans[id * 2] = this.used;
    this.spans[id * 2 + 1] = length;
    this.used += length;
    this.names.push(this.bytes.toString('utf8', this.spans[id * 2], this.used));
    this.slots[slot * SLOT_INTS] = hash;
    this.slots[slot * SLOT_INTS + 1] = id + 1;
    if (this.names.length * 2 > this.slots.length / SLOT_INTS) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    const mask = this.slots.length / SLOT_INTS - 1;
    for (let s = 0; s < old.length; s += SLOT_INTS) {
      if (old[s + 1] === 0) continue;
      let slot = old[s] & mask;
      while (this.slots[slot * SLOT_INTS + 1] !== 0) slot = (slot + 1) & mask;
      this.slots[slot * SLOT_INTS] = old[s];
      this.slots[slot * SLOT_INTS + 1] = old[s + 1];
    }
  }
}
