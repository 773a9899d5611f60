/**
 * A bounded cache whose entries all belong to one version of the index: a new version empties
 * it, and past `size` entries the oldest goes.
 */
export class VersionedCache<T> {
  private version = '';
  private readonly entries = new Map<string, T>();

  constructor(private readonly size: number) {}

  get(version: string, key: string, compute: () => T): T {
    if (version !== this.version) {
      this.version = version;
      this.entries.clear();
    }
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.entries.size >= this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, value);
    return value;
  }
}
