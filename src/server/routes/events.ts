import { Hono } from "hono";
import { z } from "zod";
import { toEvidence } from "../../analysis/index.ts";
import { cameoName } from "../../model/index.ts";
import { cachedJson } from "../cached.ts";
import type { Deps } from "../deps.ts";
import { badRequest, HttpError } from "../error.ts";
import { documented } from "../openapi.ts";
import { apiPageShape, filterShape, parseQuery, toEventQuery } from "../params.ts";
import { checkActors } from "./actors.ts";

/** Default page size of /api/events. */
export const DEFAULT_LIMIT = 100;

/** The query of GET /api/events: the event filters and a page. */
const eventsQuery = { ...filterShape, ...apiPageShape };

/** GET /api/events (filtered, paged) and GET /api/events/:id (one event with its evidence), cached. */
export function eventRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get(
    "/",
    documented({
      summary: "Events under the filters, paged",
      query: eventsQuery,
      answer: "{ total, limit, offset, events }",
    }),
    cachedJson(deps.cache, "events", async (c) => {
      const f = parseQuery(eventsQuery, c.req.queries());
      await checkActors(deps, f);
      const query = toEventQuery({ ...f, limit: f.limit ?? DEFAULT_LIMIT, offset: f.offset ?? 0 });
      const [events, total] = await Promise.all([
        deps.store.queryEvents(query),
        deps.store.countEvents({ ...query, limit: undefined, offset: undefined, order: undefined }),
      ]);
      return { total, limit: query.limit, offset: query.offset, events };
    }),
  );
  app.get(
    "/:id",
    documented({
      summary: "One event with its evidence (sentence, description, citation)",
      path: { id: z.string().meta({ description: "Event id." }) },
      answer: "{ event, action, evidence }",
    }),
    cachedJson(
      deps.cache,
      "event",
      async (c) => {
        parseQuery({}, c.req.queries());
        const id = c.req.param("id") ?? "";
        if (!/^[A-Za-z0-9._:-]{1,100}$/.test(id))
          throw badRequest(`invalid event id ${JSON.stringify(id.slice(0, 60))}`, "id");
        const event = await deps.store.getEvent(id);
        if (!event) throw new HttpError(404, `no event "${id}"`, "id");
        return { event, action: cameoName(event.cameo) ?? null, evidence: toEvidence(event) };
      },
      // An import never changes a stored event (ids already stored are skipped).
      { keepOnImport: true },
    ),
  );
  return app;
}
