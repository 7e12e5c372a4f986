/**
 * The ClickHouse schema. Per node: `events_local` (ReplacingMergeTree keyed by dyad, date and id,
 * versioned by import batch), `batches_local` (committed batches) and `indicators_local`. Over them,
 * `Distributed` tables with the short names; on a single node without a cluster the short names are
 * the local tables themselves.
 */

/** Event columns and their ClickHouse types; `batch` (the import batch) is added by the store. */
export const EVENT_COLUMNS = [
  ["id", "String"],
  ["date", "String"],
  ["date_precision", "String"],
  // Dates are ISO strings, not Date: ClickHouse's Date starts in 1970 and the record starts earlier.
  ["date_start", "String"],
  ["date_end", "String"],
  ["publication_date", "Nullable(String)"],
  ["source_code", "String"],
  ["source_country", "Nullable(String)"],
  ["source_name", "Nullable(String)"],
  ["target_code", "String"],
  ["target_country", "Nullable(String)"],
  ["target_name", "Nullable(String)"],
  ["cameo", "String"],
  ["root", "String"],
  ["quad_class", "UInt8"],
  ["goldstein", "Float64"],
  ["plover", "Nullable(String)"],
  ["description", "Nullable(String)"],
  ["origin", "Nullable(String)"],
  ["doc_id", "Nullable(String)"],
  ["sentence", "Nullable(String)"],
  ["start_offset", "Nullable(Int32)"],
  ["end_offset", "Nullable(Int32)"],
  ["citation_publication", "Nullable(String)"],
  ["citation_title", "Nullable(String)"],
  ["citation_date", "Nullable(String)"],
  ["citation_url", "Nullable(String)"],
  // Added after the first release (see `migrations`).
  ["confidence", "Nullable(Float64)"],
] as const;

export const EVENT_COLUMN_NAMES = EVENT_COLUMNS.map(([name]) => name).join(", ");

const eventColumns = [...EVENT_COLUMNS, ["batch", "UInt64"]].map(([n, t]) => `${n} ${t}`).join(", ");

/**
 * Events of one country dyad, in both directions, live on one shard: the key hashes each side's
 * three-letter country (or IGO) code and adds the hashes, so a→b and b→a agree.
 */
export const SHARDING_KEY =
  "cityHash64(substring(source_code, 1, 3)) + cityHash64(substring(target_code, 1, 3))";

/** Statements creating one node's local tables (database `db` must be a checked identifier). */
export function localTables(db: string): string[] {
  return [
    `CREATE DATABASE IF NOT EXISTS ${db}`,
    // Same id ⇒ same dyad and date ⇒ same shard, partition and key: FINAL keeps the newest batch's row.
    `CREATE TABLE IF NOT EXISTS ${db}.events_local (${eventColumns})
      ENGINE = ReplacingMergeTree(batch) PARTITION BY substring(date_start, 1, 3)
      ORDER BY (source_code, target_code, date_start, id)`,
    `CREATE TABLE IF NOT EXISTS ${db}.batches_local (batch UInt64, events UInt64, committed DateTime)
      ENGINE = MergeTree ORDER BY batch`,
    `CREATE TABLE IF NOT EXISTS ${db}.indicators_local (indicator String, subject String, series String,
      period String, value Float64, unit String, source Nullable(String), url Nullable(String),
      note Nullable(String), version UInt64)
      ENGINE = ReplacingMergeTree(version) ORDER BY (indicator, subject, series, period)`,
    // Versions handed out under the import lock (used on the first shard only; see lock.ts).
    `CREATE TABLE IF NOT EXISTS ${db}.import_versions (version UInt64) ENGINE = MergeTree ORDER BY version`,
  ];
}

/**
 * Columns added after the first release, each with the column it follows: tables created by an
 * earlier release get them on open (see cluster.ts; ClickHouse 18 has no `ADD COLUMN IF NOT EXISTS`).
 */
export const ADDED_COLUMNS: readonly (readonly [name: string, type: string, after: string])[] = [
  ["confidence", "Nullable(Float64)", "citation_url"],
];

/** Statements creating the Distributed tables over the local ones on cluster `cluster`. */
export function distributedTables(db: string, cluster: string): string[] {
  const dist = (name: string, key: string) =>
    `CREATE TABLE IF NOT EXISTS ${db}.${name} AS ${db}.${name}_local
      ENGINE = Distributed(${cluster}, ${db}, ${name}_local, ${key})`;
  // Indicators are few and must be replaced atomically: all on the first shard (key 0).
  return [dist("events", SHARDING_KEY), dist("batches", "batch"), dist("indicators", "0")];
}

/** A per-import staging table on each node (and, in a cluster, a Distributed table over them). */
export function stagingTables(db: string, name: string, cluster: string | null): string[] {
  const local = `CREATE TABLE ${db}.${name}_local (${eventColumns}) ENGINE = MergeTree ORDER BY id`;
  if (!cluster) return [local];
  return [
    local,
    `CREATE TABLE ${db}.${name} AS ${db}.${name}_local
      ENGINE = Distributed(${cluster}, ${db}, ${name}_local, ${SHARDING_KEY})`,
  ];
}
