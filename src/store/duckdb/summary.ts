import type { DuckDBConnection } from "@duckdb/node-api";
import { type Bucket, dateEnd, datePrecisionOf, type EventQuery } from "../../model/index.ts";

/**
 * `dyad_months`: event counts and Goldstein sums per country-level dyad (the first three letters
 * of each actor code), month of the first and of the last day covered, and quad class. It has the
 * columns `selection` filters on, under the same names, so a query runs unchanged on either table.
 * Rows are only appended: each import adds its new events' rows, each deletion the negated rows of
 * what it deletes, and readers sum. It answers `aggregate` by month, quarter or year in a few row
 * groups however large `events` grows; a query it cannot answer exactly goes to `events`.
 */
export const CREATE_SUMMARY = `CREATE TABLE IF NOT EXISTS dyad_months (source_code VARCHAR NOT NULL,
  target_code VARCHAR NOT NULL, date_start DATE NOT NULL, date_end DATE NOT NULL,
  quad_class TINYINT NOT NULL, n BIGINT NOT NULL, goldstein DOUBLE NOT NULL)`;

/** Append the summary rows of the events `from` selects (a FROM clause), negated when `sign` is -1. */
export function summarize(from: string, sign: 1 | -1 = 1): string {
  return `INSERT INTO dyad_months SELECT left(source_code, 3), left(target_code, 3),
      CAST(date_trunc('month', date_start) AS DATE), CAST(date_trunc('month', date_end) AS DATE),
      quad_class, ${sign} * count(*), ${sign} * sum(goldstein)
    FROM ${from} GROUP BY ALL ORDER BY ALL`;
}

/**
 * Fold the summary back to one row per key once appends have doubled it since it was last folded
 * (many small imports each add their own rows). Runs inside the writer's transaction.
 */
export async function compactSummary(c: DuckDBConnection, appended: number, slack = 10_000): Promise<void> {
  const sizes = await c.runAndReadAll(`SELECT (SELECT count(*) FROM dyad_months) AS rows,
    coalesce((SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'dyad_months_rows'), 0) AS folded`);
  const [rows, folded] = Object.values(sizes.getRowObjectsJS()[0]).map(Number);
  // Rows appended to an empty summary are already one per key.
  if (rows === appended) return setFolded(c, rows);
  if (rows <= 2 * folded + slack) return;
  await c.run(`CREATE OR REPLACE TEMP TABLE folded AS SELECT source_code, target_code, date_start,
      date_end, quad_class, sum(n) AS n, sum(goldstein) AS goldstein
    FROM dyad_months GROUP BY ALL HAVING sum(n) <> 0`);
  await c.run("DELETE FROM dyad_months");
  const result = await c.run("INSERT INTO dyad_months SELECT * FROM folded ORDER BY ALL");
  await c.run("DROP TABLE folded");
  await setFolded(c, Number(result.rowsChanged));
}

const setFolded = async (c: DuckDBConnection, rows: number) => {
  await c.run("INSERT OR REPLACE INTO meta VALUES ('dyad_months_rows', $1)", [String(rows)]);
};

/** Create the summary if missing, filled from the stored events (databases made before it). */
export async function ensureSummary(c: DuckDBConnection): Promise<void> {
  const found = await c.runAndReadAll(
    "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'dyad_months' AND NOT temporary",
  );
  if (Number(found.getRowObjectsJS()[0].n)) return;
  await c.run("BEGIN TRANSACTION");
  try {
    await c.run(CREATE_SUMMARY);
    await setFolded(c, Number((await c.run(summarize("events"))).rowsChanged));
    await c.run("COMMIT");
  } catch (err) {
    await c.run("ROLLBACK");
    throw err;
  }
}

/** A code prefix the summary's three-letter codes decide: `starts_with` agrees on both tables. */
const countryPrefix = (code: string | undefined) => code === undefined || code.length <= 3;

/** True when a bound covers whole months: its first day is a 1st (from), its last a month's end (to). */
function wholeMonths(value: string | undefined, edge: "from" | "to"): boolean {
  if (value === undefined) return true;
  const precision = datePrecisionOf(value);
  if (precision === null) return false; // the exact path reports the bad date
  if (precision !== "day") return true;
  return edge === "from" ? value.endsWith("-01") : dateEnd(value.slice(0, 7)) === value;
}

/**
 * Whether `dyad_months` answers `aggregate(q, bucket)` exactly: buckets of a month or more, code
 * filters of at most three letters, date bounds on whole months, and no CAMEO, root or text filter.
 */
export function summaryAnswers(q: EventQuery, bucket: Bucket): boolean {
  return (
    bucket !== "day" &&
    !q.cameo?.length &&
    !q.root?.length &&
    (q.text === undefined || q.text === "") &&
    q.machine === undefined &&
    q.minConfidence === undefined &&
    [q.actor, q.source, q.target, q.dyad?.a, q.dyad?.b].every(countryPrefix) &&
    wholeMonths(q.from, "from") &&
    wholeMonths(q.to, "to")
  );
}
