import { Hono } from "hono";
import { z } from "zod";
import { type Event, EventValidationError, normalizeEvent } from "../../model/index.ts";
import { requireToken } from "../auth.ts";
import { bodyJson, bodyText } from "../body.ts";
import type { Deps } from "../deps.ts";
import { badRequest } from "../error.ts";
import { documented } from "../openapi.ts";
import { flag, parseQuery } from "../params.ts";

/** Most events one import may carry. */
export const MAX_IMPORT = 100_000;

const codeQuery = {
  store: flag.optional().meta({ description: "Store the coded events (needs the token)." }),
};

const codeBody = z.object({
  text: z.string().min(1, "text is empty").max(200_000, "text is longer than 200,000 characters"),
  docId: z.string().max(200).optional(),
  docDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "docDate must be YYYY-MM-DD")
    .optional(),
});

/** The longest stretch (ms) body parsing or staging runs before yielding to other requests. */
const SLICE_MS = 8;

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/** Parse and validate one line; a bad line is a 400 naming it. */
function parseLine(line: string, n: number): Event {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw badRequest(`line ${n}: not JSON`, `line ${n}`);
  }
  try {
    return normalizeEvent(raw);
  } catch (err) {
    if (err instanceof EventValidationError) throw badRequest(`line ${n}: ${err.message}`, `line ${n}`);
    throw err;
  }
}

/**
 * Parse a JSON Lines body into events; a bad line is a 400 naming it. Validating 50,000 events
 * takes a second or more of CPU, so the work runs in slices of about {@link SLICE_MS} ms with the
 * event loop free in between: reads keep being answered while a large import is parsed.
 */
export async function parseJsonl(text: string): Promise<Event[]> {
  const events: Event[] = [];
  let start = 0;
  let n = 0;
  let slice = performance.now();
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    n++;
    if (!line.trim()) continue;
    if (events.length >= MAX_IMPORT) throw badRequest(`more than ${MAX_IMPORT} events in one import`, "body");
    events.push(parseLine(line, n));
    if ((n & 63) === 0 && performance.now() - slice > SLICE_MS) {
      await yieldToLoop();
      slice = performance.now();
    }
  }
  return events;
}

/** The events again, pausing for the event loop every {@link SLICE_MS} ms of the consumer's work. */
export async function* inSlices<T>(items: T[]): AsyncGenerator<T> {
  let slice = performance.now();
  for (const [i, item] of items.entries()) {
    yield item;
    if ((i & 63) === 63 && performance.now() - slice > SLICE_MS) {
      await yieldToLoop();
      slice = performance.now();
    }
  }
}

/**
 * Write endpoints, behind the operator's token: POST /api/import (JSON Lines events) and
 * POST /api/code (text → events; `?store=true` also stores them). Preview (code without store)
 * needs no token: it reads nothing and writes nothing.
 */
export function writeRoutes(deps: Deps): Hono {
  const app = new Hono();
  const guard = requireToken(deps.token);

  app.post(
    "/import",
    guard,
    documented({
      summary: "Import events (JSON Lines); needs the bearer token",
      body: { "application/x-ndjson": z.string().meta({ description: "One event per line." }) },
      token: true,
      errors: [413],
      answer: "{ inserted, duplicates }",
    }),
    async (c) => {
      const events = await parseJsonl(await bodyText(c));
      if (!events.length) throw badRequest("no events in the body", "body");
      // The store turns each event into a staging row as it iterates: slice that work too.
      const result = await deps.store.importEvents(inSlices(events));
      const version = deps.cache.written("import");
      return c.json(result, 200, { "X-Yalu-Data-Version": String(version) });
    },
  );

  app.post(
    "/code",
    async (c, next) => {
      const { store } = parseQuery(codeQuery, c.req.queries());
      if (store) return guard(c, next);
      await next();
    },
    documented({
      summary: "Code text into events (preview); with store=true also store them (needs the bearer token)",
      query: codeQuery,
      body: { "application/json": codeBody },
      errors: [401, 403, 413, 501],
      answer: "{ events, stored }",
    }),
    async (c) => {
      const r = codeBody.safeParse(await bodyJson(c, 'body must be JSON: {"text": "..."}'));
      if (!r.success)
        throw badRequest(r.error.issues[0].message, String(r.error.issues[0].path[0] ?? "body"));
      const code = await deps.coder();
      const options = { docId: r.data.docId, docDate: r.data.docDate };
      const { events } = await code(r.data.text, options, c.req.raw.signal);
      const store = c.req.query("store") === "true" || c.req.query("store") === "1";
      if (!store) return c.json({ events, stored: null });
      const result = await deps.store.importEvents(events);
      const version = deps.cache.written("import");
      return c.json({ events, stored: result }, 200, { "X-Yalu-Data-Version": String(version) });
    },
  );
  return app;
}
