import { dateEnd, dateStart, type Event } from "../../model/event.ts";
import { wellFormed } from "./quote.ts";

type Row = Record<string, unknown>;

const str = (v: string | null | undefined): string | null => (v == null ? null : wellFormed(v));

function required(value: unknown, field: string, index: number): string {
  if (typeof value !== "string" || value === "") {
    throw new Error(`invalid event ${index + 1}: ${field} must be a non-empty string`);
  }
  return wellFormed(value);
}

function offset(value: unknown, field: string, index: number): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 2 ** 31 - 1) {
    throw new Error(`invalid event ${index + 1}: ${field} must be a non-negative 32-bit integer`);
  }
  return value as number;
}

/** One event as a JSONEachRow row for `events_local`, checked so the engine never sees a bad value. */
export function eventToRow(e: Event, index: number, batch: number): Row {
  const date = required(e?.date, "date", index);
  let start: string;
  let end: string;
  try {
    start = dateStart(date);
    end = dateEnd(date);
  } catch {
    throw new Error(`invalid event ${index + 1}: invalid date "${date}"`);
  }
  if (![1, 2, 3, 4].includes(e.quadClass)) throw new Error(`invalid event ${index + 1}: invalid quadClass`);
  if (!Number.isFinite(e.goldstein)) throw new Error(`invalid event ${index + 1}: invalid goldstein`);
  const ev = e.evidence ?? null;
  const c = ev?.citation ?? null;
  return {
    id: required(e.id, "id", index),
    date,
    date_precision: required(e.datePrecision, "datePrecision", index),
    date_start: start,
    date_end: end,
    publication_date: str(e.publicationDate),
    source_code: required(e.source?.code, "source.code", index),
    source_country: str(e.source.country),
    source_name: str(e.source.name),
    target_code: required(e.target?.code, "target.code", index),
    target_country: str(e.target.country),
    target_name: str(e.target.name),
    cameo: required(e.cameo, "cameo", index),
    root: required(e.root, "root", index),
    quad_class: e.quadClass,
    goldstein: e.goldstein,
    plover: str(e.plover),
    description: str(e.description),
    origin: str(e.origin),
    doc_id: str(ev?.docId),
    sentence: str(ev?.sentence),
    start_offset: offset(ev?.start, "evidence.start", index),
    end_offset: offset(ev?.end, "evidence.end", index),
    citation_publication: str(c?.publication),
    citation_title: str(c?.title),
    citation_date: str(c?.date),
    citation_url: str(c?.url),
    batch,
  };
}

export { rowToEvent } from "../rows.ts";
