/**
 * One instance per key of values that many rows hold alike (a storage class, an icon, a context value): made once and
 * handed out again, so a tree of 100,000 rows keeps one copy, not 100,000. Bounded, in case the keys are not few.
 */
export class Interned<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string, make: () => V): V {
    const known = this.values.get(key);
    if (known !== undefined) {
      return known;
    }
    const made = make();
    if (this.values.size < this.limit) {
      this.values.set(key, made);
    }
    return made;
  }
}
