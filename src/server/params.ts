import { z } from "zod";
import type { QuadClass } from "../model/event.ts";
import { dateEnd, datePrecisionOf, dateStart } from "../model/event.ts";
import type { Bucket, EventQuery } from "../store/store.ts";
import { badRequest } from "./error.ts";

/** Most events one page may hold. */
export const MAX_LIMIT = 1000;

const ACTOR = /^[A-Z][A-Z0-9]{2,29}$/;
const actorMessage = "actor code must be 3 to 30 letters or digits, e.g. CHN or CHNGOV";
const upper = z.string().transform((s) => s.trim().toUpperCase());
export const actor = upper.pipe(z.string().regex(ACTOR, actorMessage));
export const dyad = upper
  .pipe(
    z
      .string()
      .regex(
        /^[A-Z][A-Z0-9]{2,29}-[A-Z][A-Z0-9]{2,29}$/,
        'dyad must be two actor codes joined by "-", e.g. CHN-PRK',
      ),
  )
  .transform((s) => {
    const [a, b] = s.split("-");
    return { a, b };
  });
export const date = z.string().refine((s) => datePrecisionOf(s) !== null, {
  message: "invalid date (use YYYY, YYYY-MM or YYYY-MM-DD)",
});
export const bool = z
  .enum(["true", "false", "1", "0"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1");
export const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
export const num = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}(\.\d{1,6})?$/, "must be a number")
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
const list = (re: RegExp, message: string) =>
  z
    .string()
    .transform((s) => s.split(",").map((x) => x.trim()))
    .pipe(z.array(z.string().regex(re, message)).min(1).max(50, "at most 50 values"));
export const bucket = z.enum(["day", "month", "quarter", "year"], {
  message: "must be day, month, quarter or year",
});

/** The event filters shared by /api/events, /api/series, /api/network (the CLI's `yalu events` flags). */
export const filterShape = {
  dyad: dyad.optional(),
  directed: bool.optional(),
  actor: actor.optional(),
  source: actor.optional(),
  target: actor.optional(),
  root: list(/^\d{2}$/, "root must be two digits, e.g. 04").optional(),
  cameo: list(/^\d{2,4}$/, "CAMEO code must be 2 to 4 digits").optional(),
  quad: list(/^[1-4]$/, "quad class must be 1, 2, 3 or 4").optional(),
  from: date.optional(),
  to: date.optional(),
  text: z.string().max(200, "at most 200 characters").optional(),
};

export const pageShape = {
  limit: int(1, MAX_LIMIT).optional(),
  offset: int(0, 10_000_000).optional(),
  order: z.enum(["asc", "desc"], { message: "must be asc or desc" }).optional(),
};

type Filters = z.output<z.ZodObject<typeof filterShape>>;

/**
 * Validate query parameters against a shape; unknown parameters are refused too. Throws a 400
 * naming the first bad parameter.
 */
export function parseQuery<S extends z.ZodRawShape>(
  shape: S,
  query: Record<string, string>,
): z.output<z.ZodObject<S>> {
  const r = z.strictObject(shape).safeParse(query);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const parameter =
    issue.code === "unrecognized_keys"
      ? issue.keys[0]
      : issue.path.length
        ? String(issue.path[0])
        : undefined;
  const value = parameter !== undefined ? query[parameter] : undefined;
  const message =
    issue.code === "unrecognized_keys"
      ? `unknown parameter "${parameter}"`
      : `invalid ${parameter} ${JSON.stringify(value?.slice(0, 60))}: ${issue.message}`;
  throw badRequest(message, parameter);
}

/** The store query of validated filters; a `from` after `to` is a 400 on `to`. */
export function toEventQuery(
  f: Partial<Filters> & { limit?: number; offset?: number; order?: "asc" | "desc" },
): EventQuery {
  if (f.from && f.to && dateStart(f.from) > dateEnd(f.to))
    throw badRequest(`invalid to "${f.to}": before from "${f.from}"`, "to");
  if (f.directed !== undefined && !f.dyad) throw badRequest("directed needs a dyad", "directed");
  return {
    dyad: f.dyad ? { ...f.dyad, directed: f.directed ?? false } : undefined,
    actor: f.actor,
    source: f.source,
    target: f.target,
    root: f.root,
    cameo: f.cameo,
    quadClass: f.quad?.map(Number) as QuadClass[] | undefined,
    from: f.from,
    to: f.to,
    text: f.text,
    limit: f.limit,
    offset: f.offset,
    order: f.order,
  };
}

export type { Bucket };
