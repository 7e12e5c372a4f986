import type { z } from "zod";
import type { Bucket } from "../model/index.ts";
import {
  bucket,
  coverageShape,
  dyadCode,
  filterShape,
  flag,
  num,
  pageShape,
  phaseShape,
  toEventQuery,
  validateFilters,
  whole,
} from "../store/index.ts";
import { badRequest } from "./error.ts";

/** Most events one page may hold. */
export const MAX_LIMIT = 1000;

/** The store's event filters (`store/filter.ts`), as /api/events, /api/series and /api/network take them. */
export { bucket, coverageShape, dyadCode, filterShape, flag, num, phaseShape, toEventQuery, whole };

/** Paging of /api/events: the store's page fields, a page at most {@link MAX_LIMIT} events. */
export const apiPageShape = {
  ...pageShape,
  limit: whole(1, MAX_LIMIT).describe(`At most this many events (≤ ${MAX_LIMIT}).`).optional(),
};

/**
 * One value per query parameter, as `c.req.queries()` gives them: a parameter given twice is a 400
 * naming it (rather than silently taking the first), unless it is listed as `repeatable`.
 */
export function singleQuery(
  queries: Record<string, string[]>,
  repeatable: string[] = [],
): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, values] of Object.entries(queries)) {
    if (values.length > 1 && !repeatable.includes(name))
      throw badRequest(`repeated parameter "${name}": give it once`, name);
    query[name] = values[0];
  }
  return query;
}

/**
 * Validate query parameters (`c.req.queries()`) against a shape with the store's filter schema;
 * unknown and repeated parameters are refused too. Throws a 400 naming the first bad parameter.
 * @example parseQuery({}, c.req.queries()) // a route that takes no parameters
 */
export function parseQuery<S extends z.ZodRawShape>(
  shape: S,
  queries: Record<string, string[]>,
): z.output<z.ZodObject<S>> {
  const r = validateFilters(shape, singleQuery(queries), { strict: true });
  if (r.ok) return r.value;
  throw badRequest(
    r.issue.message((name) => name),
    r.issue.parameter || undefined,
  );
}

export type { Bucket };
