import type { DuckDBValue } from "@duckdb/node-api";
import { dateEnd, datePrecisionOf, dateStart, type EventQuery } from "../../model/index.ts";
import { confidenceBound } from "../filter.ts";

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

/** Printable ASCII whose last character can be incremented: safe for a byte-order range. */
const RANGE_SAFE = /^[\x20-\x7d]+$/;

/**
 * Code-prefix match. Inside a conjunction it is written as a range (`col >= 'CHN' AND col < 'CHO'`),
 * which DuckDB pushes into the scan and prunes with min/max zone maps (events are stored sorted by
 * source and target code); under OR it stays `starts_with`, which evaluates faster as an expression.
 */
function prefix(column: string, value: string, p: Params, range = false): string {
  if (!range || !RANGE_SAFE.test(value)) return `starts_with(${column}, ${p.add(value)})`;
  const next = value.slice(0, -1) + String.fromCharCode(value.charCodeAt(value.length - 1) + 1);
  return `${column} >= ${p.add(value)} AND ${column} < ${p.add(next)}`;
}

function anyPrefix(column: string, values: string[], p: Params): string {
  return `(${values.map((v) => prefix(column, v, p)).join(" OR ")})`;
}

type Dyad = NonNullable<EventQuery["dyad"]>;

/** The filters other than the dyad, as a list of conjuncts. */
function conditions(q: EventQuery, p: Params): string[] {
  const c: string[] = [];
  if (q.actor !== undefined) {
    c.push(`(${prefix("source_code", q.actor, p)} OR ${prefix("target_code", q.actor, p)})`);
  }
  if (q.source !== undefined) c.push(prefix("source_code", q.source, p, true));
  if (q.target !== undefined) c.push(prefix("target_code", q.target, p, true));
  if (q.cameo?.length) c.push(anyPrefix("cameo", q.cameo, p));
  if (q.root?.length) c.push(`root IN (${q.root.map((r) => p.add(r)).join(", ")})`);
  if (q.quadClass?.length) c.push(`quad_class IN (${q.quadClass.map((r) => p.add(r)).join(", ")})`);
  if (q.from !== undefined) c.push(`date_end >= CAST(${p.add(bound(q.from, "from", "start"))} AS DATE)`);
  if (q.to !== undefined) c.push(`date_start <= CAST(${p.add(bound(q.to, "to", "end"))} AS DATE)`);
  if (q.machine !== undefined) c.push(`confidence IS ${q.machine ? "NOT " : ""}NULL`);
  if (q.minConfidence !== undefined) c.push(`confidence >= ${p.add(confidenceBound(q.minConfidence))}`);
  if (q.text !== undefined && q.text !== "") {
    const t = p.add(q.text.toLowerCase());
    c.push(
      `(contains(lower(sentence), ${t}) OR contains(lower(description), ${t}) OR contains(lower(citation_title), ${t}))`,
    );
  }
  return c;
}

const where = (c: string[]) => (c.length ? `WHERE ${c.join(" AND ")}` : "");

/** Direction codes `selection` tags rows with (integers group faster than strings). */
export const DIRECTIONS = ["all", "ab", "ba"] as const;

/**
 * The events a query selects, as a FROM-clause subquery with the given columns plus `direction`
 * (0 "all", 1 "ab", 2 "ba": indexes into `DIRECTIONS`). An undirected dyad becomes a UNION ALL of its two directed halves, each a
 * pure conjunction the engine can prune; the "ba" half leaves out events the "ab" half has.
 * `table` is `events` or a table with the same filter columns (the `dyad_months` summary).
 */
export function selection(q: EventQuery, p: Params, columns: string, table = "events"): string {
  const branch = (direction: (typeof DIRECTIONS)[number], extra: string[]) =>
    `SELECT ${columns}, ${DIRECTIONS.indexOf(direction)} AS direction FROM ${table} ${where([...extra, ...conditions(q, p)])}`;
  if (!q.dyad) return `(${branch("all", [])})`;
  const d: Dyad = q.dyad;
  const ab = branch("ab", [prefix("source_code", d.a, p, true), prefix("target_code", d.b, p, true)]);
  if (d.directed) return `(${ab})`;
  const notAb = `NOT (starts_with(source_code, ${p.add(d.a)}) AND starts_with(target_code, ${p.add(d.b)}))`;
  const ba = branch("ba", [prefix("source_code", d.b, p, true), prefix("target_code", d.a, p, true), notAb]);
  return `(${ab} UNION ALL ${ba})`;
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
