import { Hono } from "hono";
import { z } from "zod";
import {
  loadCoverage,
  loadLeverage,
  loadNetwork,
  loadPhases,
  loadSeries,
  network,
  networkWork,
  PhaseLimitError,
} from "../../analysis/index.ts";
import { cachedJson } from "../cached.ts";
import type { Deps } from "../deps.ts";
import { HttpError } from "../error.ts";
import { documented } from "../openapi.ts";
import {
  bucket,
  coverageShape,
  dyadCode,
  filterShape,
  parseQuery,
  phaseShape,
  toEventQuery,
  whole,
} from "../params.ts";
import { checkActors } from "./actors.ts";

/** A dyad the route needs. */
const theDyad = dyadCode.meta({ description: 'Two actor codes joined by "-".', example: "CHN-PRK" });

const seriesQuery = {
  ...filterShape,
  bucket: bucket.optional().meta({ description: "Period bucket (default month)." }),
};

/** The phases' parameters: one schema with `yalu phases` (store/filter.ts). */
const phasesQuery = phaseShape;

/**
 * Most phases /api/phases shows in its window: each costs a query for its evidence (1,000 phases of
 * a daily series with penalty 0 took 8.7 s), so more is a 422 asking for a coarser model.
 */
export const MAX_PHASES = 200;

/**
 * Steps of the network's centrality (see `networkWork`) computed on the event loop: about 10 ms,
 * a few hundred nodes. A larger network (up to 5,000 dyads among thousands of actor codes: most of
 * a second, 19 s before its centrality ran on arrays) goes to the worker pool.
 */
export const NETWORK_INLINE_WORK = 1e6;

const networkQuery = {
  ...filterShape,
  level: z
    .enum(["country", "code"], { message: "must be country or code" })
    .optional()
    .meta({ description: "Nodes: countries (default) or actor codes." }),
  limit: whole(1, 5000).optional().meta({ description: "Largest dyads read (default 500)." }),
};

const indicatorsQuery = { dyad: theDyad };

/** GET /api/series, /api/phases, /api/network, /api/indicators, /api/coverage, /api/stats. */
export function analysisRoutes(deps: Deps): Hono {
  const app = new Hono();

  app.get(
    "/series",
    documented({
      summary: "Counts per quad class, Goldstein sum and mean, net cooperation per period: a→b, b→a and both",
      query: seriesQuery,
      answer: "{ bucket, dyad, points: [{ period, start, end, both, ab, ba }] }",
    }),
    cachedJson(deps.cache, "series", async (c) => {
      const f = parseQuery(seriesQuery, c.req.queries());
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
    documented({
      summary: "Phases and turning points of a dyad (PELT, Gaussian change in mean Goldstein, BIC penalty)",
      query: phasesQuery,
      errors: [422, 503],
      answer: "{ dyad, model, phases, turningPoints, thin, series }",
    }),
    cachedJson(deps.cache, "phases", async (c) => {
      const f = parseQuery(phasesQuery, c.req.queries());
      await checkActors(deps, f);
      const b = f.bucket ?? "year";
      const options = {
        penalty: f.penalty,
        threshold: f.threshold,
        minSize: f.minSize,
        minPeriodEvents: f.minPeriodEvents,
      };
      const r = await loadPhases(deps.store, toEventQuery(f), b, options, {
        // PELT is quadratic in the periods at worst: it runs in a worker, within the pool's budget.
        segment: (series, bucket, options) =>
          deps.pool.run(
            "phases",
            { series, bucket, options },
            "the phase model",
            "a larger bucket or penalty",
          ),
        maxShown: MAX_PHASES,
      }).catch((err) => {
        if (!(err instanceof PhaseLimitError)) throw err;
        const message = `${err.message}: raise penalty or minSize, use a larger bucket, or narrow from and to`;
        throw new HttpError(422, message, "penalty");
      });
      return { dyad: `${f.dyad.a}-${f.dyad.b}`, ...r };
    }),
  );

  app.get(
    "/network",
    documented({
      summary:
        "Actor network for the filters: nodes with degree, weighted degree, betweenness, eigenvector centrality",
      query: networkQuery,
      errors: [422, 503],
      answer: "{ level, nodes, edges }",
    }),
    cachedJson(deps.cache, "network", async (c) => {
      const f = parseQuery(networkQuery, c.req.queries());
      await checkActors(deps, f);
      return loadNetwork(deps.store, toEventQuery(f), f.level ?? "country", f.limit ?? 500, (rows, level) =>
        networkWork(rows, level) <= NETWORK_INLINE_WORK
          ? network(rows, level)
          : deps.pool.run("network", { rows, level }, "the network", "a smaller limit, or level=country"),
      );
    }),
  );

  app.get(
    "/indicators",
    documented({
      summary: "Leverage indicators of a dyad: trade, UN Security Council votes, contacts, conflictual share",
      query: indicatorsQuery,
      answer: "{ dyad, trade, resolutions, members, contacts, conflict }",
    }),
    cachedJson(deps.cache, "indicators", async (c) => {
      const f = parseQuery(indicatorsQuery, c.req.queries());
      await checkActors(deps, f);
      return loadLeverage(deps.store, f.dyad.a, f.dyad.b, await deps.names(f.dyad.b));
    }),
  );

  app.get(
    "/coverage",
    documented({
      summary: "Events per dyad per year, both directions, with each dyad's thin and silent years",
      query: coverageShape,
      answer: "{ years, thin, dyads: [{ dyad, total, counts, thin, silent }] }",
    }),
    cachedJson(deps.cache, "coverage", async (c) => {
      const f = parseQuery(coverageShape, c.req.queries());
      for (const d of f.dyads ?? []) for (const code of [d.a, d.b]) await deps.requireActor(code, "dyads");
      return loadCoverage(deps.store, f);
    }),
  );

  app.get(
    "/stats",
    documented({
      summary: "Record statistics, read live (never cached), with the current data version",
      answer: "{ events, firstDate, lastDate, actors, byRoot, byOrigin, indicators }",
    }),
    async (c) => {
      parseQuery({}, c.req.queries());
      // Read live, never cached: the dashboard's header count must move with every import. The
      // data version lets a client tell whether anything was committed since its last look.
      const version = deps.cache.version;
      return c.json(await deps.store.stats(), 200, {
        "Cache-Control": "no-cache",
        "X-Yalu-Data-Version": String(version),
      });
    },
  );

  return app;
}
