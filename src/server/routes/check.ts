import { readFile } from "node:fs/promises";
import { Hono } from "hono";
import { z } from "zod";
import {
  type Claim,
  ClaimError,
  checkClaims,
  claimSchema,
  parseClaims,
  parseClaimsText,
} from "../../analysis/index.ts";
import { bodyText } from "../body.ts";
import type { Deps } from "../deps.ts";
import { badRequest, HttpError } from "../error.ts";
import { documented } from "../openapi.ts";
import { parseQuery } from "../params.ts";

/** Most claims one request may check. */
export const MAX_CLAIMS = 200;

function claimsOf(parse: () => ReturnType<typeof parseClaims>) {
  try {
    const claims = parse();
    if (claims.length > MAX_CLAIMS) throw badRequest(`at most ${MAX_CLAIMS} claims per request`, "claims");
    return claims;
  } catch (err) {
    if (err instanceof ClaimError)
      throw badRequest(err.message, err.path ? `claims[${err.index}].${err.path}` : "claims");
    throw err;
  }
}

/**
 * The claims checked against the store, until the request's client leaves (each claim reads the
 * store a few times: 200 claims over 300,000 events take 20 s).
 */
async function checked(deps: Deps, claims: Claim[], signal: AbortSignal) {
  try {
    return await checkClaims(deps.store, claims, { names: deps.names, signal });
  } catch (err) {
    if (signal.aborted)
      throw new HttpError(503, "the claim check was cancelled: its client closed the connection");
    throw err;
  }
}

/** POST /api/check (JSON list or `{claims}`, or YAML with a YAML content type) and GET /api/check/brief. */
export function checkRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.post(
    "/",
    documented({
      summary: "Check claims: supported, contradicted or not enough data, with numbers and evidence",
      body: {
        "application/json": z.union([z.array(claimSchema), z.object({ claims: z.array(claimSchema) })]),
        "application/yaml": z.string().meta({ description: "A claims file (data/claims/*.yaml)." }),
      },
      answer: "{ results: [{ claim, statement, verdict, rule, numbers, evidence }] }",
    }),
    async (c) => {
      const type = c.req.header("content-type") ?? "";
      const text = await bodyText(c);
      const claims = claimsOf(() => {
        if (/yaml/i.test(type)) return parseClaimsText(text);
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch {
          throw badRequest("body must be JSON (or YAML with Content-Type: application/yaml)", "claims");
        }
        return parseClaims(data);
      });
      return c.json({ results: await checked(deps, claims, c.req.raw.signal) });
    },
  );
  app.get(
    "/brief",
    documented({
      summary: "The seed brief's claims (data/claims/brief.yaml), checked",
      answer: "{ file, results }",
    }),
    async (c) => {
      parseQuery({}, c.req.queries());
      let text: string;
      try {
        text = await readFile(deps.briefClaims, "utf8");
      } catch {
        throw new HttpError(404, "no brief claims file");
      }
      const claims = claimsOf(() => parseClaimsText(text));
      return c.json({
        file: "data/claims/brief.yaml",
        results: await checked(deps, claims, c.req.raw.signal),
      });
    },
  );
  return app;
}
