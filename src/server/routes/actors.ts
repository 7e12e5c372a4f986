import { Hono } from "hono";
import { loadActors } from "../../analysis/index.ts";
import { cachedJson } from "../cached.ts";
import type { Deps } from "../deps.ts";
import { documented } from "../openapi.ts";
import { parseQuery } from "../params.ts";

/** Check every actor named in validated filters against the record (unknown → 404 naming the parameter). */
export async function checkActors(
  deps: Deps,
  f: { dyad?: { a: string; b: string }; actor?: string; source?: string; target?: string },
): Promise<void> {
  if (f.dyad) {
    await deps.requireActor(f.dyad.a, "dyad");
    await deps.requireActor(f.dyad.b, "dyad");
  }
  for (const k of ["actor", "source", "target"] as const) {
    const v = f[k];
    if (v !== undefined) await deps.requireActor(v, k);
  }
}

/** GET /api/actors: countries and organisations by event volume, for pickers. */
export function actorRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get(
    "/",
    documented({
      summary: "Countries and organisations by event volume",
      answer: "{ actors: [{ code, events }] }",
    }),
    cachedJson(deps.cache, "actors", async (c) => {
      parseQuery({}, c.req.queries());
      return { actors: await loadActors(deps.store) };
    }),
  );
  return app;
}
