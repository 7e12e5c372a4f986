import type { ClickHouseNode } from "./node.ts";
import { integer, quote } from "./quote.ts";
import { EVENT_COLUMN_NAMES } from "./schema.ts";

/**
 * Staged rows copied per statement. The anti-join holds a slice's ids twice in memory (the IN set
 * and LIMIT 1 BY); at 4M ids of 20 characters that is well under the 4 GB `max_memory_usage` of
 * ops/clickhouse/users.xml, where 50M ids on a shard (a 100M-event import) would not be.
 */
export const SLICE_ROWS = 4_000_000;

/**
 * On one shard, copy the staged rows whose id is not yet in a batch of `committed` (a SELECT of
 * batch ids) into `events_local` as batch `batch`, in slices of contiguous id ranges (the staging table is sorted by id, so each slice reads only its
 * own part of it). Returns how many rows of `batch` the shard now holds.
 */
export async function copyNewEvents(
  node: ClickHouseNode,
  db: string,
  staging: string,
  batch: number,
  committed: string,
  sliceRows = SLICE_ROWS,
): Promise<number> {
  const [{ n }] = await node.rows<{ n: string }>(`SELECT count() AS n FROM ${db}.${staging}`);
  const slices = Math.ceil(Number(n) / Math.max(1, sliceRows));
  // About a thousand sampled ids per slice place its boundaries.
  const every = Math.max(1, Math.floor(sliceRows / 1000));
  for (const range of await idRanges(node, `${db}.${staging}`, slices, every)) {
    await node.command(`INSERT INTO ${db}.events_local (${EVENT_COLUMN_NAMES}, batch)
      SELECT ${EVENT_COLUMN_NAMES}, ${integer(batch, "batch")} FROM ${db}.${staging} WHERE ${range}
        AND id NOT IN (SELECT id FROM ${db}.events_local PREWHERE batch IN (${committed})
          WHERE ${range} AND id IN (SELECT id FROM ${db}.${staging} WHERE ${range}))
      LIMIT 1 BY id`);
  }
  const [row] = await node.rows<{ n: string }>(
    `SELECT count() AS n FROM ${db}.events_local WHERE batch = ${integer(batch, "batch")}`,
  );
  return Number(row.n);
}

/** Conditions splitting the staged ids into about `slices` ranges of similar size ("1": all). */
async function idRanges(
  node: ClickHouseNode,
  staging: string,
  slices: number,
  every: number,
): Promise<string[]> {
  if (slices <= 1) return ["1"];
  const sample = await node.rows<{ id: string }>(
    `SELECT id FROM ${staging} WHERE cityHash64(id) % ${every} = 0 ORDER BY id`,
  );
  const bounds = [
    ...new Set(
      Array.from(
        { length: slices - 1 },
        (_, i) => sample[Math.floor(((i + 1) * sample.length) / slices)]?.id,
      ),
    ),
  ].filter((id): id is string => id !== undefined);
  if (!bounds.length) return ["1"];
  return [
    `id < ${quote(bounds[0])}`,
    ...bounds.slice(1).map((b, i) => `id >= ${quote(bounds[i])} AND id < ${quote(b)}`),
    `id >= ${quote(bounds[bounds.length - 1])}`,
  ];
}
