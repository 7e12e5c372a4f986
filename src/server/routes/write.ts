import { Hono } from "hono";
import { z } from "zod";
import type { Event } from "../../model/event.ts";
import { EventValidationError, normalizeEvent } from "../../model/normalize.ts";
import { requireToken } from "../auth.ts";
import type { Deps } from "../deps.ts";
import { badRequest } from "../error.ts";
import { bool, parseQuery } from "../params.ts";

/** Most events one import may carry. */
export const MAX_IMPORT = 100_000;

const codeBody = z.object({
  text: z.string().min(1, "text is empty").max(200_000, "text is longer than 200,000 characters"),
  docId: z.string().max(200).optional(),
  docDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "docDate must be YYYY-MM-DD")
    .optional(),
});

/** Parse a JSON Lines body into events; a bad line is a 400 naming it. */
export function parseJsonl(text: string): Event[] {
  const events: Event[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    if (events.length >= MAX_IMPORT) throw badRequest(`more than ${MAX_IMPORT} events in one import`, "body");
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw badRequest(`line ${i + 1}: not JSON`, `line ${i + 1}`);
    }
    try {
      events.push(normalizeEvent(raw));
    } catch (err) {
      if (err instanceof EventValidationError)
        throw badRequest(`line ${i + 1}: ${err.message}`, `line ${i + 1}`);
      throw err;
    }
  }
  return events;
}

/**
 * Write endpoints, behind the operator's token: POST /api/import (JSON Lines events) and
 * POST /api/code (text → events; `?store=true` also stores them). Preview (code without store)
 * needs no token: it reads nothing and writes nothing.
 */
export function writeRoutes(deps: Deps): Hono {
  const app = new Hono();
  const guard = requireToken(deps.token);

  app.post("/import", guard, async (c) => {
    const events = parseJsonl(await c.req.text());
    if (!events.length) throw badRequest("no events in the body", "body");
    const result = await deps.store.importEvents(events);
    deps.reader.clear();
    return c.json(result);
  });

  app.post(
    "/code",
    async (c, next) => {
      const { store } = parseQuery({ store: bool.optional() }, c.req.query());
      if (store) return guard(c, next);
      await next();
    },
    async (c) => {
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        throw badRequest('body must be JSON: {"text": "..."}', "body");
      }
      const r = codeBody.safeParse(raw);
      if (!r.success)
        throw badRequest(r.error.issues[0].message, String(r.error.issues[0].path[0] ?? "body"));
      const code = await deps.coder();
      const { events } = await code(r.data.text, { docId: r.data.docId, docDate: r.data.docDate });
      const store = c.req.query("store") === "true" || c.req.query("store") === "1";
      if (!store) return c.json({ events, stored: null });
      const result = await deps.store.importEvents(events);
      deps.reader.clear();
      return c.json({ events, stored: result });
    },
  );
  return app;
}
