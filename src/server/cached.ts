import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { Answer } from "./cache.ts";
import type { Deps } from "./deps.ts";

export const JSON_TYPE = "application/json; charset=UTF-8";
/** Strong validators of cached bodies, computed once when a body is cached. */
const etags = new WeakMap<Uint8Array, string>();
/** Raw query strings seen → canonical cache keys; cleared past this many. */
const MAX_KEYS = 4096;

/** The strong validator of a cached body (set when the body was cached). */
export const etagOf = (body: Uint8Array): string | undefined => etags.get(body);

/** The request target (path and query string, as sent) of a request URL. */
export const targetOf = (url: string): string => url.slice(url.indexOf("/", url.indexOf("//") + 2));

/** The headers of a cached answer: ETag, data version, fresh or stale, and age in seconds. */
export function answerHeaders(answer: Answer<Uint8Array>, etag: string): Record<string, string> {
  return {
    ETag: etag,
    "X-Yalu-Data-Version": String(answer.version),
    "X-Yalu-Cache": answer.stale ? "stale" : "fresh",
    Age: String(Math.max(0, Math.floor((Date.now() - answer.at) / 1000))),
  };
}

/** A query string with its parameters sorted (by name, then value), so equal queries share a key. */
export function canonicalQuery(raw: string): string {
  const params = [...new URLSearchParams(raw)].sort(([a, x], [b, y]) =>
    a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0,
  );
  return String(new URLSearchParams(params));
}

/**
 * A GET handler whose JSON answer is computed once per path and query string (parameters sorted):
 * the encoded body and its ETag are cached, so a repeated request skips validation, the store and
 * serialisation, and one with a matching If-None-Match gets a bodiless 304. Errors are not cached.
 *
 * After a write the cached answer is served stale while one refresh computes the new one (see
 * {@link CachedReader.answer}); `X-Yalu-Data-Version` names the data version the answer reflects,
 * `X-Yalu-Cache` says `fresh` or `stale`, and `Age` its age in seconds. A request with
 * `Cache-Control: no-cache` waits for an answer at the current version. With `keepOnImport` (an
 * answer about stored events only, like one event by id) an import leaves the answer current.
 */
export function cachedJson(
  deps: Deps,
  name: string,
  compute: (c: Context) => Promise<unknown>,
  options: { keepOnImport: boolean } = { keepOnImport: false },
) {
  const encoder = new TextEncoder();
  const keys = new Map<string, string>();
  return async (c: Context): Promise<Response> => {
    const url = c.req.url;
    const q = url.indexOf("?");
    const raw = `${c.req.path}?${q < 0 ? "" : url.slice(q + 1)}`;
    let key = keys.get(raw);
    if (key === undefined) {
      key = `${name}:${c.req.path}?${canonicalQuery(q < 0 ? "" : url.slice(q + 1))}`;
      if (keys.size >= MAX_KEYS) keys.clear();
      keys.set(raw, key);
    }
    const fresh = c.req.header("cache-control")?.includes("no-cache") ?? false;
    const answer = await deps.reader.answer(
      key,
      async () => {
        const bytes = encoder.encode(JSON.stringify(await compute(c)));
        etags.set(bytes, `"${createHash("sha1").update(bytes).digest("base64url")}"`);
        return bytes;
      },
      fresh,
      options.keepOnImport,
    );
    deps.lane?.remember(targetOf(url), key);
    const etag = etags.get(answer.value)!;
    const headers = answerHeaders(answer, etag);
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
    return c.body(answer.value, 200, { ...headers, "Content-Type": JSON_TYPE });
  };
}
