/**
 * The DuckDB schema: one flattened row per event, an indicators table and a small key/value meta
 * table. `EVENT_COLUMNS` fixes the column order the appender writes in.
 */
export const SCHEMA_VERSION = "1";

export const EVENT_COLUMNS = [
  ["id", "VARCHAR NOT NULL"],
  ["date", "VARCHAR NOT NULL"],
  ["date_precision", "VARCHAR NOT NULL"],
  ["date_start", "DATE NOT NULL"],
  ["date_end", "DATE NOT NULL"],
  ["publication_date", "VARCHAR"],
  ["source_code", "VARCHAR NOT NULL"],
  ["source_country", "VARCHAR"],
  ["source_name", "VARCHAR"],
  ["target_code", "VARCHAR NOT NULL"],
  ["target_country", "VARCHAR"],
  ["target_name", "VARCHAR"],
  ["cameo", "VARCHAR NOT NULL"],
  ["root", "VARCHAR NOT NULL"],
  ["quad_class", "TINYINT NOT NULL"],
  ["goldstein", "DOUBLE NOT NULL"],
  ["plover", "VARCHAR"],
  ["description", "VARCHAR"],
  ["origin", "VARCHAR"],
  ["doc_id", "VARCHAR"],
  ["sentence", "VARCHAR"],
  ["start_offset", "INTEGER"],
  ["end_offset", "INTEGER"],
  ["citation_publication", "VARCHAR"],
  ["citation_title", "VARCHAR"],
  ["citation_date", "VARCHAR"],
  ["citation_url", "VARCHAR"],
  // Added after the first release: last, so that `ALTER TABLE … ADD COLUMN` (see MIGRATIONS) keeps
  // old files in the same column order as new ones.
  ["confidence", "DOUBLE"],
] as const;

const columns = EVENT_COLUMNS.map(([name, type]) => `${name} ${type}`).join(", ");

/**
 * Statements creating the tables when missing. `events.id` is unique but carries no PRIMARY KEY
 * index: every write goes through the import's anti-join on id, and maintaining the index made
 * bulk imports about twice as slow (measured with `npm run bench:store`).
 */
export const CREATE_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS events (${columns})`,
  `CREATE TABLE IF NOT EXISTS indicators (
    indicator VARCHAR NOT NULL, subject VARCHAR NOT NULL, series VARCHAR NOT NULL,
    period VARCHAR NOT NULL, value DOUBLE NOT NULL, unit VARCHAR NOT NULL,
    source VARCHAR, url VARCHAR, note VARCHAR,
    PRIMARY KEY (indicator, subject, series, period))`,
  "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
];

/** Statements bringing a store file written by an earlier release up to this schema. */
export const MIGRATIONS = ["ALTER TABLE events ADD COLUMN IF NOT EXISTS confidence DOUBLE"];

/** The staging table's columns: the event columns, then `seq`, the event's position in the import. */
export const STAGING_COLUMNS = [
  ...EVENT_COLUMNS.map(([name, type]) => [name, type.replace(" NOT NULL", "")] as const),
  ["seq", "BIGINT"],
] as const;

/** The staging table a batch is appended to before it is merged into `events`. */
export const CREATE_STAGING = `CREATE OR REPLACE TEMP TABLE staging (${STAGING_COLUMNS.map(
  ([name, type]) => `${name} ${type}`,
).join(", ")})`;
