import type { DuckDBValue } from "@duckdb/node-api";
import { dateEnd, datePrecisionOf, dateStart } from "../../model/event.ts";
import type { EventQuery } from "../store.ts";

/** Positional parameters for one statement: `add` returns the `$n` placeholder of a value. */
export class Params {
  readonly values: DuckDBValue[] = [];
  add(value: DuckDBValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A query's date bound, validated: "2013", "2013-03" or "2013-03-07". */
function bound(value: string, name: string, edge: "start" | "end"): string {
  if (datePrecisionOf(value) === null) throw new Error(`invalid ${name} date "${value}"`);
  return edge === "start" ? dateStart(value) : dateEnd(value);
}

function prefix(column: string, value: string, p: Params): string {
  return `starts_with(${column}, ${p.add(value)})`;
}

function anyPrefix(column: string, values: string[], p: Params): string {
  return `(${values.map((v) => prefix(column, v, p)).join(" OR ")})`;
}

/** The SQL condition of a dyad's a→b direction. */
export function dyadAB(q: NonNullable<EventQuery["dyad"]>, p: Params): string {
  return `(${prefix("source_code", q.a, p)} AND ${prefix("target_code", q.b, p)})`;
}

/**
 * Translate the filters of an `EventQuery` into a WHERE clause ("" when none). Every value is a
 * parameter; actor filters are CAMEO code prefixes; dates select events overlapping [from, to].
 */
export function whereClause(q: EventQuery, p: Params): string {
  const c: string[] = [];
  if (q.dyad) {
    const ab = dyadAB(q.dyad, p);
    if (q.dyad.directed) c.push(ab);
    else {
      const ba = `(${prefix("source_code", q.dyad.b, p)} AND ${prefix("target_code", q.dyad.a, p)})`;
      c.push(`(${ab} OR ${ba})`);
    }
  }
  if (q.actor !== undefined) {
    c.push(`(${prefix("source_code", q.actor, p)} OR ${prefix("target_code", q.actor, p)})`);
  }
  if (q.source !== undefined) c.push(prefix("source_code", q.source, p));
  if (q.target !== undefined) c.push(prefix("target_code", q.target, p));
  if (q.cameo?.length) c.push(anyPrefix("cameo", q.cameo, p));
  if (q.root?.length) c.push(`root IN (${q.root.map((r) => p.add(r)).join(", ")})`);
  if (q.quadClass?.length) c.push(`quad_class IN (${q.quadClass.map((r) => p.add(r)).join(", ")})`);
  if (q.from !== undefined) c.push(`date_end >= CAST(${p.add(bound(q.from, "from", "start"))} AS DATE)`);
  if (q.to !== undefined) c.push(`date_start <= CAST(${p.add(bound(q.to, "to", "end"))} AS DATE)`);
  if (q.text !== undefined && q.text !== "") {
    const t = p.add(q.text.toLowerCase());
    c.push(
      `(contains(lower(sentence), ${t}) OR contains(lower(description), ${t}) OR contains(lower(citation_title), ${t}))`,
    );
  }
  return c.length ? `WHERE ${c.join(" AND ")}` : "";
}

/** LIMIT/OFFSET clause with validated, parameterised values. */
export function pageClause(q: EventQuery, p: Params): string {
  let sql = "";
  for (const [key, word] of [
    ["limit", "LIMIT"],
    ["offset", "OFFSET"],
  ] as const) {
    const v = q[key];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 0) throw new Error(`invalid ${key} ${v}`);
    sql += ` ${word} ${p.add(v)}`;
  }
  return sql;
}
