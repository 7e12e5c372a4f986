import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";

export interface CacheOptions {
  /** Answers kept (least recently used dropped first); 0 turns caching off. */
  entries: number;
  /** Bytes of answer bodies kept, and the largest body cached at all. */
  maxBytes: number;
  maxBody: number;
  /**
   * How long (ms) the request that finds an answer stale waits for its refresh before it is served
   * the stale one (a quick refresh is then seen at once); other requests meanwhile never wait.
   */
  revalidateWait: number;
  /** The clock (ms since the epoch), for `Age`. */
  now: () => number;
}

const defaults: CacheOptions = {
  entries: 1024,
  maxBytes: 64 * 2 ** 20,
  maxBody: 4 * 2 ** 20,
  revalidateWait: 50,
  now: Date.now,
};

/** An encoded JSON answer with the data version it was computed at, and when. */
export interface Answer {
  body: Uint8Array;
  /** Strong validator of the body. */
  etag: string;
  /** The data version the computation started at: the answer reflects it or a later one. */
  version: number;
  /** When the computation started (ms since the epoch). */
  at: number;
  /** The answer depends only on stored events (e.g. one event by id), so an import keeps it current. */
  keepOnImport: boolean;
}

/** What computes an answer's value (serialised as JSON). */
interface Job {
  compute: () => Promise<unknown>;
  keepOnImport: boolean;
}

/**
 * The server's cache of encoded JSON answers (an LRU bounded by entries and bytes), keyed by the
 * request, each answer stamped with the data version it was computed at. The server is the
 * database's only writer, so it counts its committed writes: {@link written} bumps the version.
 *
 * An answer from an older version is stale: the request that finds it starts ONE refresh (lru-cache's
 * stale-while-refetch) and waits for it up to `revalidateWait` ms; every other request meanwhile
 * gets the stale answer at once, so reads never queue behind a write. A request that asks for
 * `fresh` waits for an answer at the current version. Concurrent
 * identical requests share one computation; failures are not cached (a failed refresh keeps the
 * old answer).
 */
export class AnswerCache {
  private dataVersion = 0;
  /** The version after the last write that was not an import (see {@link written}). */
  private changed = 0;
  private readonly lru: LRUCache<string, Answer, Job> | null;
  private readonly encoder = new TextEncoder();
  private readonly revalidateWait: number;
  readonly now: () => number;

  constructor(options: Partial<CacheOptions> = {}) {
    const o = { ...defaults, ...options } satisfies CacheOptions;
    this.now = o.now;
    this.revalidateWait = o.revalidateWait;
    this.lru =
      o.entries > 0
        ? new LRUCache<string, Answer, Job>({
            max: o.entries,
            maxSize: o.maxBytes,
            maxEntrySize: o.maxBody,
            sizeCalculation: (a) => Math.max(1, a.body.byteLength),
            fetchMethod: (_key, _stale, { context }) => this.compute(context),
          })
        : null;
  }

  /** The data version: how many writes this server has committed since it started. */
  get version(): number {
    return this.dataVersion;
  }

  /** Answers held. */
  get size(): number {
    return this.lru?.size ?? 0;
  }

  /**
   * Note a committed write; returns the new version. An `"import"` adds events and changes none (the
   * store skips ids it holds), so answers marked `keepOnImport` stay current across it.
   */
  written(write: "import" | "any" = "any"): number {
    this.dataVersion++;
    if (write === "any") this.changed = this.dataVersion;
    return this.dataVersion;
  }

  /** Whether an answer reflects the current data. */
  current(a: Answer): boolean {
    return a.version === this.dataVersion || (a.keepOnImport && a.version >= this.changed);
  }

  /** The version an answer stands for: the current one when it is current. */
  versionOf(a: Answer): number {
    return this.current(a) ? this.dataVersion : a.version;
  }

  /**
   * The answer under `key`, computing it with `compute` (its value serialised as JSON) when there
   * is none; a stale one while its refresh runs, unless `fresh`.
   */
  async answer(
    key: string,
    compute: () => Promise<unknown>,
    options: { fresh?: boolean; keepOnImport?: boolean } = {},
  ): Promise<Answer> {
    const context: Job = { compute, keepOnImport: options.keepOnImport ?? false };
    if (!this.lru) return this.compute(context);
    const fresh = options.fresh ?? false;
    const held = this.lru.peek(key);
    const status: LRUCache.Status<string, Answer, Job> = {};
    let a = await this.lru.fetch(key, {
      context,
      forceRefresh: held !== undefined && !this.current(held),
      allowStale: !fresh,
      // A failed refresh keeps the old answer; a failed first computation is not kept.
      allowStaleOnFetchRejection: held !== undefined,
      status,
    });
    // This request started the refresh of a stale answer: give the refresh a moment.
    if (status.fetch === "refresh" && a === held && this.revalidateWait > 0)
      a = (await within(this.lru.fetch(key, { context, allowStale: false }), this.revalidateWait)) ?? a;
    // A refresh already running when the request came may have started before the last write.
    if (fresh && a && !this.current(a))
      a = await this.lru.fetch(key, { context, forceRefresh: true, allowStale: false });
    if (!a) throw new Error(`no answer for ${key}`);
    return a;
  }

  private async compute(job: Job): Promise<Answer> {
    const version = this.dataVersion;
    const at = this.now();
    const body = this.encoder.encode(JSON.stringify(await job.compute()));
    const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
    return { body, etag, version, at, keepOnImport: job.keepOnImport };
  }
}

/** `p`'s value, or undefined if it fails or takes longer than `ms`. */
async function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((r) => {
    timer = setTimeout(() => r(undefined), ms);
  });
  try {
    return await Promise.race([p.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
