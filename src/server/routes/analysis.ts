import { Hono } from "hono";
import { z } from "zod";
import { loadLeverage, loadNetwork, loadPhases, loadSeries } from "../../analysis/load.ts";
import { cachedJson } from "../cached.ts";
import type { Deps } from "../deps.ts";
import { badRequest } from "../error.ts";
import { bucket, dyadCode, filterShape, num, parseQuery, toEventQuery, whole } from "../params.ts";
import { checkActors } from "./actors.ts";

/** GET /api/series, /api/phases, /api/network, /api/indicators, /api/stats. */
export function analysisRoutes(deps: Deps): Hono {
  const app = new Hono();

  app.get(
    "/series",
    cachedJson(deps.cache, "series", async (c) => {
      const f = parseQuery({ ...filterShape, bucket: bucket.optional() }, c.req.query());
      await checkActors(deps, f);
      const b = f.bucket ?? "month";
      return {
        bucket: b,
        dyad: f.dyad ? `${f.dyad.a}-${f.dyad.b}` : null,
        points: await loadSeries(deps.store, toEventQuery(f), b),
      };
    }),
  );

  app.get(
    "/phases",
    cachedJson(deps.cache, "phases", async (c) => {
      const f = parseQuery(
        {
          ...filterShape,
          dyad: dyadCode,
          bucket: bucket.optional(),
          penalty: num(0, 1000).optional(),
          threshold: num(0, 20).optional(),
          minSize: whole(1, 100).optional(),
        },
        c.req.query(),
      );
      await checkActors(deps, f);
      const b = f.bucket ?? "year";
      const options = { penalty: f.penalty, threshold: f.threshold, minSize: f.minSize };
      const r = await loadPhases(deps.store, toEventQuery(f), b, options);
      return { dyad: `${f.dyad.a}-${f.dyad.b}`, ...r };
    }),
  );

  app.get(
    "/network",
    cachedJson(deps.cache, "network", async (c) => {
      const f = parseQuery(
        {
          ...filterShape,
          level: z.enum(["country", "code"], { message: "must be country or code" }).optional(),
          limit: whole(1, 5000).optional(),
        },
        c.req.query(),
      );
      await checkActors(deps, f);
      return loadNetwork(deps.store, toEventQuery(f), f.level ?? "country", f.limit ?? 500);
    }),
  );

  app.get(
    "/indicators",
    cachedJson(deps.cache, "indicators", async (c) => {
      const f = parseQuery({ dyad: dyadCode }, c.req.query());
      await checkActors(deps, f);
      return loadLeverage(deps.store, f.dyad.a, f.dyad.b, await deps.names(f.dyad.b));
    }),
  );

  app.get("/stats", async (c) => {
    if (Object.keys(c.req.query()).length) throw badRequest("stats takes no parameters");
    return c.json(await deps.store.stats());
  });

  return app;
}
