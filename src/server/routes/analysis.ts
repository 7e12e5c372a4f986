import { Hono } from "hono";
import { z } from "zod";
import { loadLeverage, loadNetwork, loadPhases, loadSeries } from "../../analysis/load.ts";
import type { Deps } from "../deps.ts";
import { badRequest } from "../error.ts";
import { bucket, dyad, filterShape, int, num, parseQuery, toEventQuery } from "../params.ts";
import { checkActors } from "./actors.ts";

/** GET /api/series, /api/phases, /api/network, /api/indicators, /api/stats. */
export function analysisRoutes(deps: Deps): Hono {
  const app = new Hono();

  app.get("/series", async (c) => {
    const f = parseQuery({ ...filterShape, bucket: bucket.optional() }, c.req.query());
    await checkActors(deps, f);
    const b = f.bucket ?? "month";
    const points = await loadSeries(deps.reader, toEventQuery(f), b);
    return c.json({ bucket: b, dyad: f.dyad ? `${f.dyad.a}-${f.dyad.b}` : null, points });
  });

  app.get("/phases", async (c) => {
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
    const r = await loadPhases(deps.reader, toEventQuery(f), b, {
      penalty: f.penalty,
      threshold: f.threshold,
      minSize: f.minSize,
    });
    return c.json({ dyad: `${f.dyad.a}-${f.dyad.b}`, ...r });
  });

  app.get("/network", async (c) => {
    const f = parseQuery(
      {
        ...filterShape,
        level: z.enum(["country", "code"], { message: "must be country or code" }).optional(),
        limit: int(1, 5000).optional(),
      },
      c.req.query(),
    );
    await checkActors(deps, f);
    return c.json(await loadNetwork(deps.reader, toEventQuery(f), f.level ?? "country", f.limit ?? 500));
  });

  app.get("/indicators", async (c) => {
    const f = parseQuery({ dyad }, c.req.query());
    await checkActors(deps, f);
    return c.json(await loadLeverage(deps.reader, f.dyad.a, f.dyad.b, await deps.names(f.dyad.b)));
  });

  app.get("/stats", async (c) => {
    if (Object.keys(c.req.query()).length) throw badRequest("stats takes no parameters");
    return c.json(await deps.store.stats());
  });

  return app;
}
