import type { DuckDBConnection } from "@duckdb/node-api";
import { compactSummary, summarize } from "./summary.ts";

/** DuckDB's row group size: sorted pieces are whole row groups, so no group straddles two pieces. */
const ROW_GROUP = 122_880;

/**
 * Staged rows per sorted piece of the final insert. Each piece is sorted by actor codes on its
 * own, so sorting stays bounded in memory and linear in the import's size, while min/max zone maps
 * still narrow a dyad or actor query to a row group or two per piece.
 */
export const PIECE_ROWS = 32 * ROW_GROUP;

/**
 * Move the staging table (filled by an import, `seq` numbering its rows from 0) into `events`:
 * one row per id, none whose id is already stored, each piece of `pieceRows` staged rows sorted
 * by source code, target code and date; then the summary rows of what was inserted. Returns the
 * number of rows inserted. Runs inside the import's transaction.
 *
 * Duplicates are found on a 64-bit hash of the id first (a narrow, fixed-width aggregate), then
 * confirmed on the id itself among the few candidate rows: the first row of an id (lowest `seq`)
 * is kept, later ones go into `skip`. Stored ids are looked up only when `events` has rows.
 */
export async function mergeStaging(
  c: DuckDBConnection,
  staged: number,
  pieceRows = PIECE_ROWS,
): Promise<number> {
  await c.run(`CREATE OR REPLACE TEMP TABLE skip AS SELECT seq FROM staging
    WHERE hash(id) IN (SELECT hash(id) FROM staging GROUP BY ALL HAVING count(*) > 1)
    QUALIFY row_number() OVER (PARTITION BY id ORDER BY seq) > 1`);
  const stored = await c.runAndReadAll("SELECT EXISTS (FROM events) AS stored");
  if (stored.getRowObjectsJS()[0].stored) {
    await c.run("INSERT INTO skip SELECT seq FROM staging WHERE id IN (SELECT id FROM events)");
  }
  const skips = await c.runAndReadAll("SELECT EXISTS (FROM skip) AS skips");
  const skipping = Boolean(skips.getRowObjectsJS()[0].skips);
  // Only the piece's own skipped rows are hashed for the anti-join, so a re-import stays linear.
  const kept = skipping ? "AND seq NOT IN (SELECT seq FROM skip WHERE seq >= $1 AND seq < $2)" : "";
  let inserted = 0;
  for (let lo = 0; lo < staged; lo += pieceRows) {
    const result = await c.run(
      `INSERT INTO events SELECT * EXCLUDE (seq) FROM staging WHERE seq >= $1 AND seq < $2 ${kept}
        ORDER BY source_code, target_code, date_start`,
      [lo, lo + pieceRows],
    );
    inserted += Number(result.rowsChanged);
  }
  const summary = await c.run(
    summarize(skipping ? "staging WHERE seq NOT IN (SELECT seq FROM skip)" : "staging"),
  );
  await compactSummary(c, Number(summary.rowsChanged));
  await c.run("DROP TABLE skip");
  return inserted;
}
