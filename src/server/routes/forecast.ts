import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { z } from "zod";
import {
  type EuRunOptions,
  euOptionsSchema,
  ForecastInputError,
  type ForecastOptions,
  loadBacktestFile,
  loadForecastFile,
  PARAMETER_VALUES,
  parseEuPairs,
  readOutcomes,
  runBacktest,
  type Scenario,
  type SmpParameters,
} from "../../forecast/index.ts";
import type { EventReader } from "../../model/index.ts";
import { bodyJson } from "../body.ts";
import { badRequest, HttpError, onError } from "../error.ts";
import { tooManyRuns } from "../jobs.ts";
import { documented } from "../openapi.ts";
import { parseQuery, singleQuery } from "../params.ts";
import { JobPool } from "../pool.ts";

/**
 * Forecast API, mounted at /api/forecast:
 * - GET  /scenarios                       shipped scenarios
 * - GET  /scenarios/:name                 one scenario's inputs with their rationale
 * - GET  /scenarios/:name/run?model=smp|eu&vs=NAME&mc=N&seed=S&sd=p,s,c&param=name:value&eu=name:value
 * - POST /run  { scenario: {…Yalu scenario…}, model?, parameters?, eu?, mc?, seed?, sd? }
 * - GET  /backtests                       shipped backtests
 * - GET  /backtests/:name/run?eu=name:value  the models' error against what the record says happened
 * The runs go to worker threads (pool.ts), within a time and memory budget (422 past it); a run
 * whose client leaves is stopped.
 * Errors are JSON `{ error: { status, message, parameter } }`.
 */
export interface ForecastRoutesOptions {
  /** Directory of shipped scenarios (default data/scenarios). */
  dir: string;
  /** The worker threads the forecasts run in, off the event loop (default: a pool of its own). */
  pool: JobPool;
  /** Directory of shipped backtests (default data/backtests). */
  backtests: string;
  /** The event record a backtest reads its outcome from; without one, backtests answer 404. */
  reader?: Pick<EventReader, "aggregate" | "indicators">;
}

const defaults = (): ForecastRoutesOptions => ({
  dir: fileURLToPath(new URL("../../../data/scenarios/", import.meta.url)),
  pool: new JobPool(),
  backtests: fileURLToPath(new URL("../../../data/backtests/", import.meta.url)),
});

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const nameParam = {
  name: z.string().regex(NAME).meta({
    description: "A shipped scenario's name (file name in data/scenarios without extension).",
    example: "china-dprk",
  }),
};
const parameterShape = Object.fromEntries(
  Object.entries(PARAMETER_VALUES).map(([k, v]) => [
    k,
    z.enum(v as unknown as [string, ...string[]]).optional(),
  ]),
);
const sdString = z
  .string()
  .regex(/^\d+(\.\d+)?,\d+(\.\d+)?,\d+(\.\d+)?$/, "sd must be position,salience,capability, e.g. 5,5,0.1")
  .meta({ description: "With mc: standard deviations of the perturbation (position,salience,capability)." });
const seedString = z
  .string()
  .regex(/^\d{1,20}$/, "seed must be a non-negative integer")
  .meta({ description: "Seed of the stochastic parts and the Monte Carlo." });
const runQuery = z.object({
  model: z.enum(["smp", "eu"]).default("smp"),
  vs: z
    .string()
    .regex(NAME, "vs must be a scenario name")
    .optional()
    .meta({ description: "Compare with this scenario (default: the scenario's own base)." }),
  mc: z.coerce
    .number()
    .int("mc must be a whole number")
    .min(1)
    .max(1000)
    .optional()
    .meta({ description: "Monte Carlo runs (bounded by runs × actors³)." }),
  seed: seedString.optional(),
  sd: sdString.optional(),
  trace: z.enum(["true", "false"]).default("true").meta({ description: "Include the turn-by-turn trace." }),
  drivers: z
    .enum(["true", "false"])
    .default("false")
    .meta({ description: "Rank the inputs whose change moves the forecast most (one at a time)." }),
});
const strictRunQuery = runQuery.strict();
/** The run's query as documented: the repeatable `param` is read apart from the rest. */
const runQueryDoc = {
  ...runQuery.shape,
  param: z
    .array(z.string().regex(/^\w+:\w+$/))
    .optional()
    .meta({ description: "An SMP parameter as name:value, repeatable, e.g. votingRule:PropCbc." }),
  eu: z
    .array(z.string().regex(/^\w+:[\w.-]+$/))
    .optional()
    .meta({ description: "An expected-utility option as name:value, repeatable, e.g. variant:scholz-code." }),
};
const runBody = z
  .object({
    scenario: z
      .record(z.string(), z.unknown())
      .meta({ description: "A Yalu scenario: actors, dimensions, rationale." }),
    model: z.enum(["smp", "eu"]).default("smp"),
    parameters: z.object(parameterShape).strict().optional(),
    eu: euOptionsSchema.optional().meta({
      description:
        "Expected-utility options: variant (scholz-code, scholz-paper, bdm-1994) and options on top.",
    }),
    mc: z.number().int().min(1).max(1000).optional(),
    seed: seedString.optional(),
    sd: sdString.optional(),
  })
  .strict();

/** The first issue as a 400 naming its field (of the body) or parameter (of the query). */
function firstIssue(error: z.ZodError, what: "field" | "parameter" = "field"): HttpError {
  const issue = error.issues[0];
  if (issue.code === "unrecognized_keys") {
    const name = [...issue.path.map(String), issue.keys[0]].join(".");
    return badRequest(`unknown ${what} "${name}"`, name);
  }
  const path = issue.path.map(String).join(".");
  return badRequest(`${path ? `${path}: ` : ""}${issue.message.toLowerCase()}`, path || undefined);
}

/** The repeatable `eu=name:value` query parameter as expected-utility options. */
function euQuery(pairs: string[] | undefined): EuRunOptions {
  try {
    return parseEuPairs((pairs ?? []).map((p) => p.replace(":", "=")));
  } catch (err) {
    throw badRequest(`${(err as Error).message} (eu=name:value, e.g. eu=variant:scholz-code)`, "eu");
  }
}

function sdSpec(sd: string | undefined) {
  if (!sd) return {};
  const [p, s, c] = sd.split(",").map(Number);
  return { sdPosition: p, sdSalience: s, sdCapability: c };
}

function checkWork(runs: number | undefined, actors: number) {
  const tooMany = tooManyRuns(runs, actors);
  if (tooMany) throw badRequest(tooMany, "mc");
}

/** The Monte Carlo spec of validated `mc`, `seed` and `sd` parameters, if runs are asked for. */
function mcSpec(runs: number | undefined, seed: string | undefined, sd: string | undefined) {
  return runs ? { runs, ...(seed ? { seed } : {}), ...sdSpec(sd) } : undefined;
}

const FORECAST_ANSWER =
  "{ scenario, model, actors, dimensions, outcome, expected, baselines, finalPositions, turns, …, rationale; with a base: base, difference; with mc: sensitivity (and differenceSensitivity when paired) }";

export function forecastRoutes(partial: Partial<ForecastRoutesOptions> = {}): Hono {
  const opts = { ...defaults(), ...partial } satisfies ForecastRoutesOptions;
  const hint = "fewer actors, dimensions or Monte Carlo runs";
  const app = new Hono();
  app.onError(onError((m) => process.stderr.write(`${m}\n`)));

  const filesIn = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /\.(ya?ml|json)$/.test(f))
          .map((f) => f.replace(/\.(ya?ml|json)$/, ""))
          .sort()
      : [];
  const names = () => filesIn(opts.dir);
  const load = async (name: string, parameter: string): Promise<Scenario> => {
    if (!NAME.test(name) || !names().includes(name)) {
      throw new HttpError(404, `unknown scenario "${name}"`, parameter);
    }
    const file = readdirSync(opts.dir).find((f) => f.replace(/\.(ya?ml|json)$/, "") === name)!;
    try {
      return await loadForecastFile(`${opts.dir}/${file}`);
    } catch (err) {
      if (err instanceof ForecastInputError) throw new HttpError(500, err.message);
      throw err;
    }
  };

  app.get(
    "/scenarios",
    documented({
      summary: "Shipped bargaining scenarios",
      answer: "{ scenarios: [{ name, title, description, base, dimensions, actors }] }",
    }),
    async (c) => {
      parseQuery({}, c.req.queries());
      const list = await Promise.all(names().map((n) => load(n, "name")));
      return c.json({
        scenarios: list.map((s, i) => ({
          name: names()[i],
          title: s.name,
          description: s.description,
          base: s.base?.name ?? null,
          dimensions: s.dimensions,
          actors: s.input.actors.map((a) => a.name),
        })),
      });
    },
  );

  app.get(
    "/scenarios/:name",
    documented({
      summary: "One scenario's inputs (actors with position, salience, capability) and their rationale",
      path: nameParam,
      answer: "{ name, description, base, dimensions, actors, rationale, overrides }",
    }),
    async (c) => {
      parseQuery({}, c.req.queries());
      const s = await load(c.req.param("name"), "name");
      return c.json({
        name: s.name,
        description: s.description,
        base: s.base?.name ?? null,
        dimensions: s.dimensions,
        actors: s.input.actors,
        rationale: s.rationale,
        overrides: s.overrides,
      });
    },
  );

  app.get(
    "/scenarios/:name/run",
    documented({
      summary: "Run a shipped scenario: KTAB SMP or BDM expected utility, with baselines",
      path: nameParam,
      query: runQueryDoc,
      answer: FORECAST_ANSWER,
    }),
    async (c) => {
      // The repeatable param is read apart below; every other parameter is given once and known.
      const { param: _, eu: __, ...query } = singleQuery(c.req.queries(), ["param", "eu"]);
      const q = strictRunQuery.safeParse(query);
      if (!q.success) throw firstIssue(q.error, "parameter");
      const params: Record<string, string> = {};
      for (const p of c.req.queries("param") ?? []) {
        const m = /^(\w+):(\w+)$/.exec(p);
        const allowed = m ? (PARAMETER_VALUES as Record<string, readonly string[]>)[m[1]] : undefined;
        if (!m || !allowed?.includes(m[2]))
          throw badRequest(`invalid param "${p}" (name:value, e.g. votingRule:PropCbc)`, "param");
        params[m[1]] = m[2];
      }
      const eu = euQuery(c.req.queries("eu"));
      const scenario = await load(c.req.param("name"), "name");
      const base = q.data.vs ? await load(q.data.vs, "vs") : scenario.base;
      const options: ForecastOptions = {
        model: q.data.model,
        parameters: params as Partial<SmpParameters>,
        eu,
        trace: q.data.trace === "true",
        ...(q.data.seed ? { seed: q.data.seed } : {}),
      };
      checkWork(q.data.mc, scenario.input.actors.length);
      const mc = mcSpec(q.data.mc, q.data.seed, q.data.sd);
      const text = await opts.pool.run(
        "forecast",
        { scenario, base, options, mc, drivers: q.data.drivers === "true" },
        "the forecast",
        hint,
        c.req.raw.signal,
      );
      return c.body(text, 200, { "content-type": "application/json" });
    },
  );

  app.post(
    "/run",
    documented({
      summary: "Run a posted scenario (Yalu scenario form)",
      body: { "application/json": runBody },
      answer: FORECAST_ANSWER,
    }),
    async (c) => {
      const b = runBody.safeParse(await bodyJson(c));
      if (!b.success) throw firstIssue(b.error);
      const options: ForecastOptions = {
        model: b.data.model,
        parameters: (b.data.parameters ?? {}) as Partial<SmpParameters>,
        eu: (b.data.eu ?? {}) as EuRunOptions,
        ...(b.data.seed ? { seed: b.data.seed } : {}),
      };
      const mc = mcSpec(b.data.mc, b.data.seed, b.data.sd);
      // The scenario is parsed in the worker too: a large one takes hundreds of ms of YAML parsing.
      const r = await opts.pool.run(
        "posted",
        { scenario: b.data.scenario, options, mc },
        "the forecast",
        hint,
        c.req.raw.signal,
      );
      if ("invalid" in r) throw badRequest(r.invalid, r.parameter);
      return c.body(r.json, 200, { "content-type": "application/json" });
    },
  );

  app.get(
    "/backtests",
    documented({
      summary: "Shipped backtests: scenarios dated in the past, with how the outcome is read",
      answer: "{ backtests: [name] }",
    }),
    (c) => {
      parseQuery({}, c.req.queries());
      return c.json({ backtests: filesIn(opts.backtests) });
    },
  );

  app.get(
    "/backtests/:name/run",
    documented({
      summary:
        "Run a shipped backtest: each model's and baseline's error against what the record says happened",
      path: {
        name: nameParam.name.meta({ description: "A shipped backtest's name.", example: "china-dprk-2016" }),
      },
      query: { eu: runQueryDoc.eu },
      answer:
        "{ name, scenario, asOf, horizon, dimensions, outcome: [{ dimension, value, how, text }], rows: [{ model, label, forecast, error, meanAbsoluteError, errorRange }] }",
    }),
    async (c) => {
      const { eu: _, ...rest } = singleQuery(c.req.queries(), ["eu"]);
      const unknown = Object.keys(rest)[0];
      if (unknown !== undefined) throw badRequest(`unknown parameter "${unknown}"`, unknown);
      const eu = euQuery(c.req.queries("eu"));
      const name = c.req.param("name");
      if (!NAME.test(name) || !filesIn(opts.backtests).includes(name))
        throw new HttpError(404, `unknown backtest "${name}"`, "name");
      if (!opts.reader)
        throw new HttpError(404, "backtests need the event record, which this server does not hold");
      const file = readdirSync(opts.backtests).find((f) => f.replace(/\.(ya?ml|json)$/, "") === name)!;
      try {
        const bt = await loadBacktestFile(`${opts.backtests}/${file}`);
        // Six actors, one SMP and one EU run: milliseconds, so in place rather than in the pool.
        return c.json(runBacktest(bt, await readOutcomes(bt, opts.reader), { eu }));
      } catch (err) {
        if (err instanceof ForecastInputError) throw new HttpError(500, err.message);
        throw err;
      }
    },
  );

  return app;
}
