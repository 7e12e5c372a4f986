import { PARAMETER_VALUES } from "../forecast/params.ts";
import { MAX_LIMIT } from "./params.ts";

type Param = { name: string; in: "query" | "path"; required?: boolean; description: string; schema: object };

const str = (name: string, description: string, extra: object = {}): Param => ({
  name,
  in: "query",
  description,
  schema: { type: "string", ...extra },
});

const filters: Param[] = [
  str("dyad", 'Two actor codes joined by "-": events between them (CAMEO code prefixes).', {
    example: "CHN-PRK",
  }),
  str("directed", "With dyad: only a→b.", { enum: ["true", "false"] }),
  str("actor", "Events with this actor (code prefix) on either side.", { example: "PRK" }),
  str("source", "Only events with this source actor.", { example: "CHNGOV" }),
  str("target", "Only events with this target actor."),
  str("root", "Comma-separated two-digit CAMEO roots.", { example: "04,16" }),
  str("cameo", "Comma-separated CAMEO code prefixes.", { example: "042,043" }),
  str("quad", "Comma-separated quad classes 1–4.", { example: "3,4" }),
  str("from", "Inclusive start: YYYY, YYYY-MM or YYYY-MM-DD.", { example: "2016" }),
  str("to", "Inclusive end: YYYY, YYYY-MM or YYYY-MM-DD.", { example: "2019-06" }),
  str("text", "Case-insensitive text in sentence, description or citation title (≤ 200 characters)."),
];
const bucket = str("bucket", "Period bucket.", { enum: ["day", "month", "quarter", "year"] });

const error = {
  description: "Error: JSON with the status, a message naming the bad value, and the parameter at fault.",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};
const errors = { "400": error, "404": error, "500": error };
const ok = (description: string, schema: object = { type: "object" }) => ({
  description,
  content: { "application/json": { schema } },
});
const get = (summary: string, parameters: Param[], description: string, schema?: object) => ({
  get: { summary, parameters, responses: { "200": ok(description, schema), ...errors } },
});
const bearer = [{ bearer: [] }];

const scenarioName = {
  type: "string",
  pattern: "^[a-z0-9][a-z0-9_-]{0,63}$",
  example: "china-dprk",
};
const nameParam = {
  name: "name",
  in: "path" as const,
  required: true,
  description: "A shipped scenario's name (file name in data/scenarios without extension).",
  schema: scenarioName,
};
const seed = { type: "string", pattern: "^\\d{1,20}$", description: "Non-negative integer seed." };
const sd = {
  type: "string",
  pattern: "^\\d+(\\.\\d+)?,\\d+(\\.\\d+)?,\\d+(\\.\\d+)?$",
  description: "Monte Carlo perturbation: position,salience,capability standard deviations, e.g. 5,5,0.1.",
};
const smpParameters = {
  type: "object",
  additionalProperties: false,
  description: "KTAB SMP model parameters; unset ones keep the defaults.",
  properties: Object.fromEntries(
    Object.entries(PARAMETER_VALUES).map(([k, v]) => [k, { type: "string", enum: [...v] }]),
  ),
};
const forecastResult =
  "{ scenario, model, actors, dimensions, outcome, expected, baselines, finalPositions, turns, …, rationale; with a base: base, difference; with mc: sensitivity (and differenceSensitivity when paired) }";

/** The forecast API (src/server/routes/forecast.ts) under `prefix`. */
function forecastPaths(prefix: string): Record<string, object> {
  return {
    [`${prefix}/scenarios`]: get(
      "Shipped bargaining scenarios",
      [],
      "{ scenarios: [{ name, title, description, base, dimensions, actors }] }",
    ),
    [`${prefix}/scenarios/{name}`]: {
      get: {
        summary: "One scenario's inputs (actors with position, salience, capability) and their rationale",
        parameters: [nameParam],
        responses: {
          "200": ok("{ name, description, base, dimensions, actors, rationale, overrides }"),
          ...errors,
        },
      },
    },
    [`${prefix}/scenarios/{name}/run`]: {
      get: {
        summary: "Run a shipped scenario: KTAB SMP or BDM expected utility, with baselines",
        parameters: [
          nameParam,
          str("model", "Model (default smp).", { enum: ["smp", "eu"] }),
          {
            ...str("vs", "Compare with this scenario (default: the scenario's own base)."),
            schema: scenarioName,
          },
          str("mc", "Monte Carlo runs, 1–1000 (bounded by runs × actors³).", { pattern: "^\\d+$" }),
          { ...str("seed", "Seed of the stochastic parts and the Monte Carlo."), schema: seed },
          { ...str("sd", "With mc: perturbation of the inputs."), schema: sd },
          str("trace", "Include the turn-by-turn trace (default true).", { enum: ["true", "false"] }),
          {
            name: "param",
            in: "query",
            description: "An SMP parameter as name:value, repeatable, e.g. votingRule:PropCbc.",
            schema: { type: "array", items: { type: "string", pattern: "^\\w+:\\w+$" } },
            style: "form",
            explode: true,
          },
        ],
        responses: { "200": ok(forecastResult), ...errors },
      },
    },
    [`${prefix}/run`]: {
      post: {
        summary: "Run a posted scenario (Yalu scenario form)",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["scenario"],
                additionalProperties: false,
                properties: {
                  scenario: {
                    type: "object",
                    description: "A Yalu scenario: actors, dimensions, rationale.",
                  },
                  model: { type: "string", enum: ["smp", "eu"], default: "smp" },
                  parameters: smpParameters,
                  eu: {
                    type: "object",
                    additionalProperties: false,
                    description: "Expected-utility options; unset ones keep the defaults.",
                    properties: {
                      probabilityDenominator: { type: "string", enum: ["pairwise", "global"] },
                      risk: { type: "string", enum: ["security", "hypothetical", "neutral"] },
                      perspective: { type: "string", enum: ["evaluator", "objective"] },
                      q: { type: "number", minimum: 0, maximum: 1 },
                      t: { oneOf: [{ type: "number", minimum: 0, maximum: 1 }, { const: "preana" }] },
                      range: { type: "string", enum: ["initial", "round"] },
                      median: { type: "string", enum: ["weighted", "condorcet"] },
                      acceptance: { type: "string", enum: ["leastMove", "precedence"] },
                      rounds: { type: "integer", minimum: 0, maximum: 100 },
                    },
                  },
                  mc: { type: "integer", minimum: 1, maximum: 1000 },
                  seed,
                  sd,
                },
              },
            },
          },
        },
        responses: { "200": ok(forecastResult), ...errors },
      },
    },
  };
}

/**
 * The OpenAPI 3.1 document of the HTTP API, served at /openapi.json. `mounts` are the sub-apps'
 * paths; the forecast API is documented when it is mounted at /api/forecast.
 */
export function openApiDocument(mounts: string[] = []): object {
  return {
    openapi: "3.1.0",
    info: {
      title: "Yalu API",
      version: "0.1.0",
      description:
        "The event record, its analysis (series, phases, network, leverage indicators) and the claim check. Read-only unless the operator sets YALU_TOKEN; write endpoints then need `Authorization: Bearer <token>`.",
    },
    paths: {
      "/api/events": get(
        "Events under the filters, paged",
        [
          ...filters,
          str("limit", `Page size, 1–${MAX_LIMIT} (default 100).`),
          str("offset", "Events to skip (default 0)."),
          str("order", "By date.", { enum: ["asc", "desc"] }),
        ],
        "{ total, limit, offset, events }",
      ),
      "/api/events/{id}": {
        get: {
          summary: "One event with its evidence (sentence, description, citation)",
          parameters: [
            { name: "id", in: "path", required: true, description: "Event id.", schema: { type: "string" } },
          ],
          responses: { "200": ok("{ event, action, evidence }"), ...errors },
        },
      },
      "/api/series": get(
        "Counts per quad class, Goldstein sum and mean, net cooperation per period: a→b, b→a and both",
        [...filters, bucket],
        "{ bucket, dyad, points: [{ period, start, end, both, ab, ba }] }",
      ),
      "/api/phases": get(
        "Phases and turning points of a dyad (PELT, Gaussian change in mean Goldstein, BIC penalty)",
        [
          ...filters,
          { ...bucket, description: "Period bucket (default year)." },
          str("penalty", "Penalty per changepoint in units of σ² (default 2·ln n)."),
          str("threshold", "Change in mean Goldstein labelled warming/cooling (default 1)."),
          str("minSize", "Fewest non-empty buckets per phase (default 1)."),
        ],
        "{ dyad, model, phases, turningPoints, series }",
      ),
      "/api/network": get(
        "Actor network for the filters: nodes with degree, weighted degree, betweenness, eigenvector centrality",
        [
          ...filters,
          str("level", "Nodes.", { enum: ["country", "code"] }),
          str("limit", "Largest dyads read (≤ 5000)."),
        ],
        "{ level, nodes, edges }",
      ),
      "/api/indicators": get(
        "Leverage indicators of a dyad: trade, UN Security Council votes, contacts, conflictual share",
        [{ ...filters[0], required: true }],
        "{ dyad, trade, resolutions, members, contacts, conflict }",
      ),
      "/api/actors": get("Countries and organisations by event volume", [], "{ actors: [{ code, events }] }"),
      "/api/stats": get(
        "Record statistics",
        [],
        "{ events, firstDate, lastDate, actors, byRoot, byOrigin, indicators }",
      ),
      "/api/check": {
        post: {
          summary: "Check claims: supported, contradicted or not enough data, with numbers and evidence",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { type: "array", items: { $ref: "#/components/schemas/Claim" } },
              },
              "application/yaml": { schema: { type: "string" } },
            },
          },
          responses: {
            "200": ok("{ results: [{ claim, statement, verdict, rule, numbers, evidence }] }"),
            ...errors,
          },
        },
      },
      "/api/check/brief": get(
        "The seed brief's claims (data/claims/brief.yaml), checked",
        [],
        "{ file, results }",
      ),
      "/api/import": {
        post: {
          summary: "Import events (JSON Lines); needs the bearer token",
          security: bearer,
          requestBody: {
            required: true,
            content: { "application/x-ndjson": { schema: { type: "string" } } },
          },
          responses: { "200": ok("{ inserted, duplicates }"), "401": error, "403": error, ...errors },
        },
      },
      "/api/code": {
        post: {
          summary:
            "Code text into events (preview); with store=true also store them (needs the bearer token)",
          parameters: [str("store", "Store the coded events.", { enum: ["true", "false"] })],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["text"],
                  properties: {
                    text: { type: "string" },
                    docId: { type: "string" },
                    docDate: { type: "string" },
                  },
                },
              },
            },
          },
          responses: { "200": ok("{ events, stored }"), "401": error, "403": error, "501": error, ...errors },
        },
      },
      ...(mounts.includes("/api/forecast") ? forecastPaths("/api/forecast") : {}),
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["status", "message"],
              properties: {
                status: { type: "integer" },
                message: { type: "string" },
                parameter: { type: "string" },
              },
            },
          },
        },
        Claim: {
          type: "object",
          description:
            'A dyad claim {dyad, period, claim: improved|deteriorated|stable|strained|cooperative}, an indicator claim {indicator, subject, period, claim: increased|surged|decreased|collapsed|stable}, an event claim {dyad, date|period, claim: "event", root?, cameo?, mentions?, window?}, or an absence claim {dyad, date|period, claim: "absent", root|cameo|mentions}. Movement claims compare with the preceding period of equal length, widened backwards (up to 3× the length) while it has fewer than 3 events; the result names the baseline used.',
        },
      },
    },
  };
}
