import type { z } from "zod";
import type { Bucket } from "../model/index.ts";
import {
  bucket,
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
export { bucket, dyadCode, filterShape, flag, num, phaseShape, toEventQuery, whole };

/** Paging of /api/events: the store's page fields, a page at most {@link MAX_LIMIT} events. */
export const apiPageShape = {
  ...pageShape,
  limit: whole(1, MAX_LIMIT).describe(`At most this many events (≤ ${MAX_LIMIT}).`).optional(),
};

/**
 * Validate query parameters against a shape with the store's filter schema; unknown parameters are
 * refused too. Throws a 400 naming the first bad parameter.
 */
export function parseQuery<S extends z.ZodRawShape>(
  shape: S,
  query: Record<string, string>,
): z.output<z.ZodObject<S>> {
  const r = validateFilters(shape, query, { strict: true });
  if (r.ok) return r.value;
  throw badRequest(
    r.issue.message((name) => name),
    r.issue.parameter || undefined,
  );
}

export type { Bucket };
