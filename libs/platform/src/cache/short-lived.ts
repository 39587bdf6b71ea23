/**
 * Values read for a short while by key, so a hot path does not read the same document at each
 * request: the read itself is kept (callers at the same moment share one round trip), and a
 * read that found nothing or failed is dropped at once, so only what exists is reused.
 * The owner clears it when it changes what was read.
 */
export class ShortLivedCache<V> {
  private readonly entries = new Map<string, { until: number; value: Promise<V | null> }>();

  constructor(private readonly ttlMs: number) {}

  /** `read` may give a thenable (a mongoose query): it is run once, and its promise shared. */
  get(key: string, read: () => PromiseLike<V | null>): Promise<V | null> {
    const cached = this.entries.get(key);
    if (cached && cached.until > Date.now()) return cached.value;
    const value = Promise.resolve(read());
    if (this.ttlMs <= 0) return value;
    const entry = { until: Date.now() + this.ttlMs, value };
    this.entries.set(key, entry);
    const drop = () => this.entries.get(key) === entry && this.entries.delete(key);
    value.then((found) => found ?? drop(), drop);
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
