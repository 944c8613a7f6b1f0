/**
 * A small least-recently-used cache over Map's insertion order: a hit moves the entry to the
 * end, and past the limit the entry at the front (used longest ago) goes.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly limit: number) {}

  getOrCreate(key: K, create: () => V): V {
    let value = this.entries.get(key);
    if (value !== undefined || this.entries.has(key)) {
      this.entries.delete(key);
    } else {
      value = create();
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as K);
    }
    this.entries.set(key, value as V);
    return value as V;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
