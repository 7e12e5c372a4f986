import { type Event, utcDate } from "../../model/index.ts";
import { STAGING_COLUMNS } from "./schema.ts";

const NEEDS_QUOTES = /[",\n\r]/;

/** Last day covered by a date of any precision (YYYY-MM-DD). */
function lastDay(date: string): string {
  if (date.length === 10) return date;
  if (date.length === 4) return `${date}-12-31`;
  const d = utcDate(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0).getUTCDate();
  return `${date}-${d < 10 ? "0" : ""}${d}`;
}

function firstDay(date: string): string {
  return date.length === 10 ? date : date.length === 7 ? `${date}-01` : `${date}-01-01`;
}

/** A CSV field: null → empty (read back as NULL), "" → `""`, quoted when it holds `",\n\r`. */
function field(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  if (v === "" || NEEDS_QUOTES.test(v)) return `"${v.replaceAll('"', '""')}"`;
  return v;
}

/**
 * One staging CSV line for the `seq`-th event of an import, in `STAGING_COLUMNS` order. Bulk
 * import writes events in chunks of such lines and lets DuckDB's parallel CSV reader load them:
 * far fewer native calls than appending value by value.
 */
export function stagingRow(e: Event, seq: number): string {
  const ev = e.evidence;
  const c = ev.citation;
  return [
    field(e.id),
    field(e.date),
    field(e.datePrecision),
    firstDay(e.date),
    lastDay(e.date),
    field(e.publicationDate),
    field(e.source.code),
    field(e.source.country),
    field(e.source.name),
    field(e.target.code),
    field(e.target.country),
    field(e.target.name),
    field(e.cameo),
    field(e.root),
    field(e.quadClass),
    field(e.goldstein),
    field(e.plover),
    field(e.description),
    field(e.origin),
    field(ev.docId),
    field(ev.sentence),
    field(ev.start),
    field(ev.end),
    field(c?.publication),
    field(c?.title),
    field(c?.date),
    field(c?.url),
    field(e.confidence),
    seq,
  ].join(",");
}

/** The read_csv call that loads a staging chunk file ($1) with the schema's column types. */
export const READ_STAGING = `SELECT * FROM read_csv($1, header = false, auto_detect = false, delim = ',',
  quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, new_line = '\\n',
  columns = {${STAGING_COLUMNS.map(([name, type]) => `'${name}': '${type}'`).join(", ")}})`;
