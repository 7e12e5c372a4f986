import { dateEnd, dateStart, type Event } from "../../model/index.ts";

/** Characters TabSeparated escapes inside a field (ClickHouse reads `\N` as NULL). */
const SPECIAL = /[\\\t\n\r\0\b\f]/;
const ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
  "\0": "\\0",
  "\b": "\\b",
  "\f": "\\f",
};

/**
 * One TabSeparated field. Lone UTF-16 surrogates (which ClickHouse cannot store) need no handling
 * here: encoding the line as UTF-8 turns them into U+FFFD.
 */
function field(v: string | null | undefined): string {
  if (v == null) return "\\N";
  return SPECIAL.test(v) ? v.replace(/[\\\t\n\r\0\b\f]/g, (ch) => ESCAPES[ch]) : v;
}

function required(value: unknown, name: string, index: number): string {
  if (typeof value !== "string" || value === "") {
    throw new Error(`invalid event ${index + 1}: ${name} must be a non-empty string`);
  }
  return field(value);
}

function offset(value: unknown, name: string, index: number): string {
  if (value == null) return "\\N";
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 2 ** 31 - 1) {
    throw new Error(`invalid event ${index + 1}: ${name} must be a non-negative 32-bit integer`);
  }
  return String(value);
}

/**
 * One event as a TabSeparated line for `events_local` (the columns of EVENT_COLUMNS, then `batch`),
 * checked so the engine never sees a bad value; `index` (0-based) numbers the event in errors.
 */
export function eventToTsv(e: Event, index: number, batch: number): string {
  const date = required(e?.date, "date", index);
  let start: string;
  let end: string;
  try {
    start = dateStart(date);
    end = dateEnd(date);
  } catch {
    throw new Error(`invalid event ${index + 1}: invalid date "${date}"`);
  }
  if (e.quadClass !== 1 && e.quadClass !== 2 && e.quadClass !== 3 && e.quadClass !== 4) {
    throw new Error(`invalid event ${index + 1}: invalid quadClass`);
  }
  if (typeof e.goldstein !== "number" || !Number.isFinite(e.goldstein)) {
    throw new Error(`invalid event ${index + 1}: invalid goldstein`);
  }
  const ev = e.evidence ?? null;
  const c = ev?.citation ?? null;
  const values = [
    required(e.id, "id", index),
    date,
    required(e.datePrecision, "datePrecision", index),
    start,
    end,
    field(e.publicationDate),
    required(e.source?.code, "source.code", index),
    field(e.source.country),
    field(e.source.name),
    required(e.target?.code, "target.code", index),
    field(e.target.country),
    field(e.target.name),
    required(e.cameo, "cameo", index),
    required(e.root, "root", index),
    String(e.quadClass),
    String(e.goldstein),
    field(e.plover),
    field(e.description),
    field(e.origin),
    field(ev?.docId),
    field(ev?.sentence),
    offset(ev?.start, "evidence.start", index),
    offset(ev?.end, "evidence.end", index),
    field(c?.publication),
    field(c?.title),
    field(c?.date),
    field(c?.url),
    e.confidence == null ? "\\N" : String(e.confidence),
    String(batch),
  ];
  return `${values.join("\t")}\n`;
}

export { rowToEvent } from "../rows.ts";
