import { dateEnd, datePrecisionOf, dateStart, type EventQuery } from "../../model/index.ts";
import { confidenceBound } from "../filter.ts";
import { integer, likePrefix, quote } from "./quote.ts";

/** A query's date bound, validated: "2013", "2013-03" or "2013-03-07" → "YYYY-MM-DD". */
function bound(value: string, name: string, edge: "start" | "end"): string {
  if (typeof value !== "string" || datePrecisionOf(value) === null) {
    throw new Error(`invalid ${name} date "${value}"`);
  }
  return edge === "start" ? dateStart(value) : dateEnd(value);
}

const prefix = (column: string, value: string) => `${column} LIKE ${likePrefix(String(value))}`;

/** The condition of a dyad's a→b direction. */
export function dyadAB(q: NonNullable<EventQuery["dyad"]>): string {
  return `(${prefix("source_code", q.a)} AND ${prefix("target_code", q.b)})`;
}

function quadClasses(values: unknown[]): string {
  return values
    .map((v) => {
      if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 4)
        throw new Error(`invalid quad class ${v}`);
      return String(v);
    })
    .join(", ");
}

/**
 * The filters of an `EventQuery` as ClickHouse conditions joined by AND ("1" when none). Every
 * value is a quoted literal; actor filters are code prefixes; dates select events overlapping
 * [from, to].
 */
export function conditions(q: EventQuery): string {
  const c: string[] = [];
  if (q.dyad) {
    const ab = dyadAB(q.dyad);
    if (q.dyad.directed) c.push(ab);
    else c.push(`(${ab} OR (${prefix("source_code", q.dyad.b)} AND ${prefix("target_code", q.dyad.a)}))`);
  }
  if (q.actor !== undefined)
    c.push(`(${prefix("source_code", q.actor)} OR ${prefix("target_code", q.actor)})`);
  if (q.source !== undefined) c.push(prefix("source_code", q.source));
  if (q.target !== undefined) c.push(prefix("target_code", q.target));
  if (q.cameo?.length) c.push(`(${q.cameo.map((v) => prefix("cameo", v)).join(" OR ")})`);
  if (q.root?.length) c.push(`root IN (${q.root.map((r) => quote(String(r))).join(", ")})`);
  if (q.quadClass?.length) c.push(`quad_class IN (${quadClasses(q.quadClass)})`);
  if (q.from !== undefined) c.push(`date_end >= ${quote(bound(q.from, "from", "start"))}`);
  if (q.to !== undefined) c.push(`date_start <= ${quote(bound(q.to, "to", "end"))}`);
  if (q.machine !== undefined) c.push(`confidence IS ${q.machine ? "NOT " : ""}NULL`);
  if (q.minConfidence !== undefined) c.push(`confidence >= ${confidenceBound(q.minConfidence)}`);
  if (q.text !== undefined && q.text !== "") {
    const t = quote(String(q.text));
    const has = (column: string) => `positionCaseInsensitiveUTF8(ifNull(${column}, ''), ${t}) > 0`;
    c.push(`(${has("sentence")} OR ${has("description")} OR ${has("citation_title")})`);
  }
  return c.length ? c.join(" AND ") : "1";
}

/** LIMIT clause with validated values ("" when neither is given). */
export function pageClause(q: EventQuery): string {
  if (q.limit === undefined && q.offset === undefined) return "";
  const offset = q.offset === undefined ? "0" : integer(q.offset, "offset");
  const limit = q.limit === undefined ? "4611686018427387904" : integer(q.limit, "limit");
  return ` LIMIT ${offset}, ${limit}`;
}
