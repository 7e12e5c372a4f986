import type { Context } from "hono";
import type { AnswerCache } from "./cache.ts";

/** A query string with its parameters sorted (by name, then value), so equal queries share a key. */
export function canonicalQuery(raw: string): string {
  const params = [...new URLSearchParams(raw)].sort(([a, x], [b, y]) =>
    a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0,
  );
  return String(new URLSearchParams(params));
}

/**
 * A GET handler whose JSON answer is computed once per path and query string (parameters sorted)
 * and data version, and kept in `cache` with its ETag; a matching If-None-Match gets a bodiless
 * 304. Errors are not cached. After a write the last answer is served while one refresh computes
 * the new one (see {@link AnswerCache}): `X-Yalu-Data-Version` names the version the answer
 * reflects, `X-Yalu-Cache` says `fresh` or `stale`, `Age` its age in seconds. A request with
 * `Cache-Control: no-cache` waits for an answer at the current version. `keepOnImport`: the
 * answer is about stored events only (like one event by id), so an import leaves it current.
 */
export function cachedJson(
  cache: AnswerCache,
  name: string,
  compute: (c: Context) => Promise<unknown>,
  options: { keepOnImport: boolean } = { keepOnImport: false },
) {
  return async (c: Context): Promise<Response> => {
    const url = c.req.url;
    const q = url.indexOf("?");
    const key = `${name}:${c.req.path}?${canonicalQuery(q < 0 ? "" : url.slice(q + 1))}`;
    const fresh = c.req.header("cache-control")?.includes("no-cache") ?? false;
    const answer = await cache.answer(key, () => compute(c), { fresh, keepOnImport: options.keepOnImport });
    const headers = {
      ETag: answer.etag,
      "X-Yalu-Data-Version": String(cache.versionOf(answer)),
      "X-Yalu-Cache": cache.current(answer) ? "fresh" : "stale",
      Age: String(Math.max(0, Math.floor((cache.now() - answer.at) / 1000))),
    };
    if (c.req.header("if-none-match") === answer.etag) return c.body(null, 304, headers);
    return c.body(answer.body as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      "Content-Type": "application/json; charset=UTF-8",
    });
  };
}
