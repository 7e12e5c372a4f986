import type { Reader } from "../analysis/load.ts";
import type { Event } from "../model/event.ts";
import type { AggregateRow, Bucket, DyadRow, EventQuery, IndicatorPoint, Store } from "../store/store.ts";

export interface CacheOptions {
  /** Entries kept (least recently used are dropped first); 0 turns caching off. */
  entries: number;
  /** Bytes of cached response bodies kept, and the largest body cached at all. */
  maxBytes: number;
  maxBody: number;
  /**
   * How long (ms) the first request for an answer made stale by a write waits for the fresh one
   * before it is served the stale one; later requests never wait while that refresh runs.
   */
  revalidateWait: number;
  /** Background refreshes of stale answers run at once (the rest queue, oldest first). */
  refreshes: number;
}

const defaults: CacheOptions = {
  entries: 1024,
  maxBytes: 64 * 2 ** 20,
  maxBody: 4 * 2 ** 20,
  revalidateWait: 50,
  refreshes: 1,
};

/** A cached answer with the data version it was computed at and when. */
export interface Answer<T> {
  value: T;
  /** The data version the computation started at: the answer reflects it or a later one. */
  version: number;
  /** When the computation started (ms since the epoch). */
  at: number;
  /** Whether a write has committed since (a fresh answer is being computed). */
  stale: boolean;
}

interface Entry {
  version: number;
  at: number;
  /** The answer, settled or in flight. */
  promise: Promise<unknown>;
  settled: { value: unknown } | null;
  /** The single refresh computing this key's answer at a later version, if any. */
  refresh: Promise<unknown> | null;
  bytes: number;
  /** Whether the answer still holds after an import (see {@link CachedReader.invalidate}). */
  keepOnImport: boolean;
}

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
 * A read-through cache in front of the store's query methods, keyed by the normalised query, and
 * of derived answers ({@link memo}). The server is the database's only writer (DuckDB locks the
 * file), so it knows when the data change: each committed write bumps the data {@link version}.
 *
 * Query results are served only at the current version. Memoised answers (whole responses) are
 * served stale-while-revalidate: after a write, readers keep getting the last answer (computed
 * from one committed state) while ONE refresh per key computes the new one in the background, so
 * reads never queue behind a write or a burst of recomputation. Concurrent identical requests
 * share one computation.
 */
export class CachedReader implements Reader {
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;
  private readonly opts: CacheOptions;
  private dataVersion = 0;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    options: Partial<CacheOptions> = {},
  ) {
    this.opts = { ...defaults, ...options } satisfies CacheOptions;
  }

  /** The data version: how many writes this server has committed since it started. */
  get version(): number {
    return this.dataVersion;
  }

  /**
   * Mark every cached answer stale (after a committed write); returns the new version. After an
   * `"import"` (events added, none changed: the store skips ids it holds) the settled answers
   * memoised as `keepOnImport` still hold, so they move to the new version as they are.
   */
  invalidate(write: "import" | "any" = "any"): number {
    const previous = this.dataVersion++;
    if (write === "import")
      for (const entry of this.entries.values())
        if (entry.keepOnImport && entry.settled && entry.version === previous)
          entry.version = this.dataVersion;
    return this.dataVersion;
  }

  /** Drop every entry. */
  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Start `load` as a new entry for `key` at the current version. */
  private start<T>(key: string, load: () => Promise<T>, keepOnImport = false): Entry {
    const old = this.entries.get(key);
    if (old) this.drop(key);
    const entry: Entry = {
      version: this.dataVersion,
      at: Date.now(),
      promise: load(),
      settled: null,
      refresh: null,
      bytes: 0,
      keepOnImport,
    };
    this.entries.set(key, entry);
    entry.promise.then(
      (value) => {
        if (this.entries.get(key) !== entry) return;
        entry.settled = { value };
        this.account(key, entry, value);
      },
      () => {
        if (this.entries.get(key) === entry) this.drop(key);
      },
    );
    while (this.entries.size > this.opts.entries) this.drop(this.entries.keys().next().value!);
    return entry;
  }

  /** Count a settled body's bytes; drop it if too big, and the oldest entries past the budget. */
  private account(key: string, entry: Entry, value: unknown): void {
    this.totalBytes -= entry.bytes;
    entry.bytes = 0;
    if (value instanceof Uint8Array) {
      if (value.byteLength > this.opts.maxBody) {
        this.drop(key);
        return;
      }
      entry.bytes = value.byteLength;
      this.totalBytes += entry.bytes;
    }
    while (this.totalBytes > this.opts.maxBytes && this.entries.size)
      this.drop(this.entries.keys().next().value!);
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  /** A query result at the current version (never stale). */
  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.opts.entries <= 0) return load();
    const hit = this.entries.get(key);
    if (hit && hit.version === this.dataVersion) {
      this.touch(key, hit);
      return hit.promise as Promise<T>;
    }
    return this.start(key, load).promise as Promise<T>;
  }

  /** Run a background refresh when a slot is free (at most `refreshes` at once). */
  private async slot<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.opts.refreshes) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Refresh a stale entry once: the new answer replaces it when it lands (errors keep the old). */
  private revalidate(key: string, entry: Entry, load: () => Promise<unknown>): Promise<unknown> {
    let version = this.dataVersion;
    let at = Date.now();
    const refresh = this.slot(() => {
      // The answer reflects the data as of when it starts (it may have queued behind others).
      version = this.dataVersion;
      at = Date.now();
      return load();
    });
    entry.refresh = refresh;
    refresh.then(
      (value) => {
        entry.refresh = null;
        if (this.entries.get(key) !== entry || entry.version > version) return;
        entry.version = version;
        entry.at = at;
        entry.promise = refresh;
        entry.settled = { value };
        this.account(key, entry, value);
      },
      () => {
        entry.refresh = null;
      },
    );
    return refresh;
  }

  /**
   * Cache any derived value (e.g. a serialised response) under a key built with {@link queryKey},
   * stale-while-revalidate across writes; see {@link answer} for the version it reflects.
   */
  async memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    return (await this.answer(key, load)).value;
  }

  /**
   * Like {@link memo}, with the data version and time the answer was computed at. After a write,
   * the first request for a key starts its refresh and waits up to `revalidateWait` ms for it;
   * every other request meanwhile gets the previous answer at once. A request with `fresh` set
   * waits for an answer at the current version. `keepOnImport`: the answer depends only on events
   * already stored (e.g. one event by id), so an import leaves it current.
   */
  async answer<T>(
    key: string,
    load: () => Promise<T>,
    fresh = false,
    keepOnImport = false,
  ): Promise<Answer<T>> {
    const k = `memo:${key}`;
    if (this.opts.entries <= 0)
      return { value: await load(), version: this.dataVersion, at: Date.now(), stale: false };
    let entry = this.entries.get(k);
    if (!entry || (fresh && entry.version < this.dataVersion)) entry = this.start(k, load, keepOnImport);
    else {
      this.touch(k, entry);
      // Stale and settled: refresh once; only the request that starts the refresh waits (briefly).
      // Stale and still in flight (started before the write): its answer is the old or the new state.
      if (entry.version < this.dataVersion && entry.settled && !entry.refresh)
        await within(this.revalidate(k, entry, load), this.opts.revalidateWait);
    }
    const value = (await entry.promise) as T;
    return { value, version: entry.version, at: entry.at, stale: entry.version < this.dataVersion };
  }

  /**
   * The settled answer under `key` ({@link answer}'s key) when a request may take it without
   * waiting or starting work: a fresh one, or a stale one whose refresh is already running.
   * Otherwise null (ask {@link answer}).
   */
  peek<T>(key: string): Answer<T> | null {
    const k = `memo:${key}`;
    const entry = this.entries.get(k);
    if (!entry?.settled || (entry.version < this.dataVersion && !entry.refresh)) return null;
    this.touch(k, entry);
    const value = entry.settled.value as T;
    return { value, version: entry.version, at: entry.at, stale: entry.version < this.dataVersion };
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

/** Wait for `p` (ignoring its failure) or `ms`, whichever comes first. */
async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    p.catch(() => undefined),
    new Promise((r) => {
      timer = setTimeout(r, ms);
    }),
  ]);
  clearTimeout(timer);
}
