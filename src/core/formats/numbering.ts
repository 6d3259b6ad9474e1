// Small stable numbers for objects, in first-seen order (1, 2, 3, …): hash input for interned contexts.

export class Numbering<K> {
  private readonly numbers = new Map<K, number>();

  of(key: K): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(key, n);
    }
    return n;
  }
}
