import { createHash } from "node:crypto";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { loadLeverage, loadNetwork, loadPhases, loadSeries } from "../../analysis/load.ts";
import type { Deps } from "../deps.ts";
import { badRequest } from "../error.ts";
import { bucket, dyad, filterShape, int, num, parseQuery, toEventQuery } from "../params.ts";
import { checkActors } from "./actors.ts";

const JSON_TYPE = "application/json; charset=UTF-8";
/** Strong validators of cached bodies, computed once when a body is cached. */
const etags = new WeakMap<Uint8Array, string>();
/** Raw query strings seen → canonical cache keys; cleared past this many. */
const MAX_KEYS = 4096;

/** A query string with its parameters sorted (by name, then value), so equal queries share a key. */
export function canonicalQuery(raw: string): string {
  const params = [...new URLSearchParams(raw)].sort(([a, x], [b, y]) =>
    a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0,
  );
  return String(new URLSearchParams(params));
}

/**
 * A GET handler whose JSON answer is computed once per query string (parameters sorted): the
 * encoded body and its ETag are cached, so a repeated request skips validation, the store and
 * serialisation, and one with a matching If-None-Match gets a bodiless 304. Errors are not cached.
 * The cache is cleared on writes.
 */
function cached(deps: Deps, name: string, compute: (c: Context) => Promise<unknown>) {
  const encoder = new TextEncoder();
  const keys = new Map<string, string>();
  return async (c: Context): Promise<Response> => {
    const url = c.req.url;
    const q = url.indexOf("?");
    const raw = q < 0 ? "" : url.slice(q + 1);
    let key = keys.get(raw);
    if (key === undefined) {
      key = `${name}?${canonicalQuery(raw)}`;
      if (keys.size >= MAX_KEYS) keys.clear();
      keys.set(raw, key);
    }
    const body = await deps.reader.memo(key, async () => {
      const bytes = encoder.encode(JSON.stringify(await compute(c)));
      etags.set(bytes, `"${createHash("sha1").update(bytes).digest("base64url")}"`);
      return bytes;
    });
    const etag = etags.get(body)!;
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, { ETag: etag });
    return c.body(body, 200, { "Content-Type": JSON_TYPE, ETag: etag });
  };
}

/** GET /api/series, /api/phases, /api/network, /api/indicators, /api/stats. */
export function analysisRoutes(deps: Deps): Hono {
  const app = new Hono();

  app.get(
    "/series",
    cached(deps, "series", async (c) => {
      const f = parseQuery({ ...filterShape, bucket: bucket.optional() }, c.req.query());
      await checkActors(deps, f);
      const b = f.bucket ?? "month";
      return {
        bucket: b,
        dyad: f.dyad ? `${f.dyad.a}-${f.dyad.b}` : null,
        points: await loadSeries(deps.reader, toEventQuery(f), b),
      };
    }),
  );

  app.get(
    "/phases",
    cached(deps, "phases", async (c) => {
      const f = parseQuery(
        {
          ...filterShape,
          dyad,
          bucket: bucket.optional(),
          penalty: num(0, 1000).optional(),
          threshold: num(0, 20).optional(),
          minSize: int(1, 100).optional(),
        },
        c.req.query(),
      );
      await checkActors(deps, f);
      const b = f.bucket ?? "year";
      const options = { penalty: f.penalty, threshold: f.threshold, minSize: f.minSize };
      const r = await loadPhases(deps.reader, toEventQuery(f), b, options);
      return { dyad: `${f.dyad.a}-${f.dyad.b}`, ...r };
    }),
  );

  app.get(
    "/network",
    cached(deps, "network", async (c) => {
      const f = parseQuery(
        {
          ...filterShape,
          level: z.enum(["country", "code"], { message: "must be country or code" }).optional(),
          limit: int(1, 5000).optional(),
        },
        c.req.query(),
      );
      await checkActors(deps, f);
      return loadNetwork(deps.reader, toEventQuery(f), f.level ?? "country", f.limit ?? 500);
    }),
  );

  app.get(
    "/indicators",
    cached(deps, "indicators", async (c) => {
      const f = parseQuery({ dyad }, c.req.query());
      await checkActors(deps, f);
      return loadLeverage(deps.reader, f.dyad.a, f.dyad.b, await deps.names(f.dyad.b));
    }),
  );

  app.get("/stats", async (c) => {
    if (Object.keys(c.req.query()).length) throw badRequest("stats takes no parameters");
    return c.json(await deps.store.stats());
  });

  return app;
}
