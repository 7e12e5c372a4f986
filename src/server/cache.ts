import type { Reader } from "../analysis/load.ts";
import type { Event } from "../model/event.ts";
import type { AggregateRow, Bucket, DyadRow, EventQuery, IndicatorPoint, Store } from "../store/store.ts";

export interface CacheOptions {
  /** Entries kept (least recently used are dropped first); 0 turns caching off. */
  entries: number;
  /** Bytes of cached response bodies kept, and the largest body cached at all. */
  maxBytes: number;
  maxBody: number;
}

const defaults: CacheOptions = { entries: 256, maxBytes: 64 * 2 ** 20, maxBody: 4 * 2 ** 20 };

/** Stable key of a query: keys sorted, undefined dropped, so equal queries share an entry. */
export function queryKey(method: string, ...args: unknown[]): string {
  return `${method}:${JSON.stringify(args, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  )}`;
}

/**
 * A read-through cache in front of the store's query methods, keyed by the normalised query. The
 * server is the database's only writer (DuckDB locks the file), so clearing on its own writes keeps
 * the cache exact. Concurrent identical queries share one store call.
 */
export class CachedReader implements Reader {
  private readonly entries = new Map<string, Promise<unknown>>();
  private readonly bytes = new Map<string, number>();
  private totalBytes = 0;
  private readonly opts: CacheOptions;

  constructor(
    private readonly store: Store,
    options: Partial<CacheOptions> = {},
  ) {
    this.opts = { ...defaults, ...options } satisfies CacheOptions;
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.opts.entries <= 0) return load();
    const hit = this.entries.get(key) as Promise<T> | undefined;
    if (hit) {
      // Re-insert to mark as recently used (the byte count stays with the key).
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const p = load();
    this.entries.set(key, p);
    p.then(
      (v) => {
        if (!(v instanceof Uint8Array) || this.entries.get(key) !== p) return;
        if (v.byteLength > this.opts.maxBody) this.drop(key);
        else {
          this.bytes.set(key, v.byteLength);
          this.totalBytes += v.byteLength;
        }
        while (this.totalBytes > this.opts.maxBytes && this.entries.size)
          this.drop(this.entries.keys().next().value!);
      },
      () => this.drop(key),
    );
    while (this.entries.size > this.opts.entries) this.drop(this.entries.keys().next().value!);
    return p;
  }

  private drop(key: string): void {
    this.entries.delete(key);
    this.totalBytes -= this.bytes.get(key) ?? 0;
    this.bytes.delete(key);
  }

  /**
   * Cache any derived value (e.g. a serialised response) under a key built with {@link queryKey};
   * cleared with the query results on writes.
   */
  memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.cached(`memo:${key}`, load);
  }

  /** Drop every entry (after a write). */
  clear(): void {
    this.entries.clear();
    this.bytes.clear();
    this.totalBytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  aggregate(query: EventQuery, bucket: Bucket): Promise<AggregateRow[]> {
    return this.cached(queryKey("aggregate", query, bucket), () => this.store.aggregate(query, bucket));
  }

  queryEvents(query: EventQuery): Promise<Event[]> {
    return this.cached(queryKey("events", query), () => this.store.queryEvents(query));
  }

  countEvents(query: EventQuery): Promise<number> {
    return this.cached(queryKey("count", query), () => this.store.countEvents(query));
  }

  dyads(query: EventQuery, limit: number): Promise<DyadRow[]> {
    return this.cached(queryKey("dyads", query, limit), () => this.store.dyads(query, limit));
  }

  indicators(filter: { indicator?: string; subject?: string }): Promise<IndicatorPoint[]> {
    return this.cached(queryKey("indicators", filter), () => this.store.indicators(filter));
  }

  getEvent(id: string): Promise<Event | null> {
    return this.cached(queryKey("event", id), () => this.store.getEvent(id));
  }
}
