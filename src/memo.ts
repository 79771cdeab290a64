/**
 * A bounded cache of a function's values: hot paths ask for the same words again and again.
 * When full it starts afresh, which costs less than tracking recency and keeps memory flat.
 */
export class Memo<K, V> {
  private readonly values = new Map<K, V>()

  constructor(
    private readonly limit: number,
    private readonly compute?: (key: K) => V
  ) {}

  /** The value of `key`, made on a miss by `compute` (by default the memo's own): the key must determine it. */
  get(key: K, compute = this.compute!): V {
    const known = this.values.get(key)
    if (known !== undefined || this.values.has(key)) return known as V
    const value = compute(key)
    if (this.values.size >= this.limit) this.values.clear()
    this.values.set(key, value)
    return value
  }
}
