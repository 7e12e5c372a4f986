import type { Hono } from "hono";
import type { CachedReader } from "./cache.ts";
import { answerHeaders, etagOf, JSON_TYPE, targetOf } from "./cached.ts";

/** Request targets remembered; cleared past this many. */
const MAX_TARGETS = 4096;

/** Headers of a cached answer set by its route (the rest come from the middleware). */
const OWN = new Set(["etag", "age", "x-yalu-data-version", "x-yalu-cache", "content-type", "content-length"]);

type Fetch = Hono["fetch"];

interface Sent {
  version: number;
  stale: boolean;
  until: number;
  etag: string;
  notModified: Record<string, string>;
  ok: Record<string, string>;
}

/** The Node request behind a request served by @hono/node-server, when there is one. */
interface NodeEnv {
  incoming: { headers: Record<string, string | string[] | undefined> };
}

const isNodeEnv = (env: unknown): env is NodeEnv =>
  typeof (env as NodeEnv | undefined)?.incoming?.headers === "object";

/**
 * The fast lane: a GET whose answer is cached (fresh, or stale with its refresh already running)
 * is answered before the middleware and the router, synchronously, with the headers the
 * middleware gave the first such answer that went the ordinary way. Under load this is most
 * requests, and the ordinary way costs several times more (Hono's context, the middleware, a fetch
 * `Response` with a stream body).
 *
 * Everything else goes the ordinary way: other methods, a target not yet answered from the cache,
 * a request with an `Origin` (CORS) or `Cache-Control: no-cache`, an answer that must wait or be
 * refreshed first, or when `admits()` says no (e.g. the in-flight limit is reached, so the
 * ordinary way answers 429). Only for middleware that add the same headers to every such answer
 * and have no other effect on it, like {@link hardening}'s.
 */
export class FastLane {
  /** Request target (path and query as sent) → the cache key its route answered it under. */
  private readonly targets = new Map<string, string>();
  /** The middleware's headers on a cached answer, once seen. */
  private headers: Record<string, string> | null = null;
  /** The headers last sent with each cached body, and until when (ms) its Age holds. */
  private readonly sent = new WeakMap<Uint8Array, Sent>();

  constructor(
    private readonly reader: CachedReader,
    private readonly admits: () => boolean,
  ) {}

  /** Note that the route answered `target` from the cache under `key`. */
  remember(target: string, key: string): void {
    if (this.targets.get(target) === key) return;
    if (this.targets.size >= MAX_TARGETS) this.targets.clear();
    this.targets.set(target, key);
  }

  /** `fetch` with the fast lane in front of it. */
  wrap(fetch: Fetch): Fetch {
    return (request, env, ctx) => {
      if (request.method !== "GET") return fetch(request, env, ctx);
      const header = isNodeEnv(env)
        ? (name: string) => {
            const v = env.incoming.headers[name];
            return Array.isArray(v) ? v.join(", ") : v;
          }
        : (name: string) => request.headers.get(name) ?? undefined;
      if (header("origin") !== undefined) return fetch(request, env, ctx);
      const fast = this.answer(request.url, header);
      if (fast) return fast;
      const res = fetch(request, env, ctx);
      if (this.headers) return res;
      return Promise.resolve(res).then((r) => {
        this.learn(r);
        return r;
      });
    };
  }

  /** The cached answer to a GET, or null to go the ordinary way. */
  private answer(url: string, header: (name: string) => string | undefined): Response | null {
    if (!this.headers || header("cache-control")?.includes("no-cache")) return null;
    const key = this.targets.get(targetOf(url));
    if (key === undefined || !this.admits()) return null;
    const answer = this.reader.peek<Uint8Array>(key);
    if (!answer) return null;
    // The headers change only with the version, freshness and age (whole seconds): build them
    // once per change, not per request (the Response copies or only reads them).
    const now = Date.now();
    let sent = this.sent.get(answer.value);
    if (!sent || sent.version !== answer.version || sent.stale !== answer.stale || now >= sent.until) {
      const etag = etagOf(answer.value);
      if (!etag) return null;
      const notModified = { ...this.headers, ...answerHeaders(answer, etag) };
      const age = Number(notModified.Age);
      sent = {
        version: answer.version,
        stale: answer.stale,
        until: answer.at + (age + 1) * 1000,
        etag,
        notModified,
        ok: { ...notModified, "Content-Type": JSON_TYPE },
      };
      this.sent.set(answer.value, sent);
    }
    if (header("if-none-match") === sent.etag)
      return new Response(null, { status: 304, headers: sent.notModified });
    return new Response(answer.value, { status: 200, headers: sent.ok });
  }

  /** Take the middleware's headers from a cached answer that went the ordinary way. */
  private learn(res: Response): void {
    if (res.status !== 200 || !res.headers.has("x-yalu-cache")) return;
    const headers: Record<string, string> = {};
    for (const [name, value] of res.headers) if (!OWN.has(name)) headers[name] = value;
    this.headers = headers;
  }
}
