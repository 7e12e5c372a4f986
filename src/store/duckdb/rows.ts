import { type DuckDBAppender, dateValue } from "@duckdb/node-api";
import type { Event, QuadClass } from "../../model/event.ts";

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD string. */
function epochDay(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

function lastDay(date: string): string {
  if (date.length === 10) return date;
  const y = Number(date.slice(0, 4));
  if (date.length === 4) return `${date}-12-31`;
  const d = new Date(Date.UTC(y, Number(date.slice(5, 7)), 0)).getUTCDate();
  return `${date}-${d < 10 ? "0" : ""}${d}`;
}

function firstDay(date: string): string {
  return date.length === 10 ? date : date.length === 7 ? `${date}-01` : `${date}-01-01`;
}

function text(a: DuckDBAppender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}

function int(a: DuckDBAppender, v: number | null): void {
  if (v === null) a.appendNull();
  else a.appendInteger(v);
}

/** Append one event as a row, in `EVENT_COLUMNS` order. The event is already validated. */
export function appendEvent(a: DuckDBAppender, e: Event): void {
  a.appendVarchar(e.id);
  a.appendVarchar(e.date);
  a.appendVarchar(e.datePrecision);
  a.appendDate(dateValue(epochDay(firstDay(e.date))));
  a.appendDate(dateValue(epochDay(lastDay(e.date))));
  text(a, e.publicationDate);
  a.appendVarchar(e.source.code);
  text(a, e.source.country);
  text(a, e.source.name);
  a.appendVarchar(e.target.code);
  text(a, e.target.country);
  text(a, e.target.name);
  a.appendVarchar(e.cameo);
  a.appendVarchar(e.root);
  a.appendTinyInt(e.quadClass);
  a.appendDouble(e.goldstein);
  text(a, e.plover);
  text(a, e.description);
  text(a, e.origin);
  const ev = e.evidence;
  text(a, ev.docId);
  text(a, ev.sentence);
  int(a, ev.start);
  int(a, ev.end);
  const c = ev.citation;
  text(a, c?.publication ?? null);
  text(a, c?.title ?? null);
  text(a, c?.date ?? null);
  text(a, c?.url ?? null);
  a.endRow();
}

/** The columns `rowToEvent` reads, for SELECT lists. */
export const SELECT_EVENT = `id, date, date_precision, publication_date, source_code, source_country,
  source_name, target_code, target_country, target_name, cameo, root, quad_class, goldstein, plover,
  description, origin, doc_id, sentence, start_offset, end_offset, citation_publication,
  citation_title, citation_date, citation_url`;

type Row = Record<string, unknown>;

const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Rebuild an event from a row. A citation whose four fields are all null reads back as null. */
export function rowToEvent(r: Row): Event {
  const citation = {
    publication: s(r.citation_publication),
    title: s(r.citation_title),
    date: s(r.citation_date),
    url: s(r.citation_url),
  };
  const hasCitation = Object.values(citation).some((v) => v !== null);
  return {
    id: String(r.id),
    date: String(r.date),
    datePrecision: r.date_precision as Event["datePrecision"],
    publicationDate: s(r.publication_date),
    source: { code: String(r.source_code), country: s(r.source_country), name: s(r.source_name) },
    target: { code: String(r.target_code), country: s(r.target_country), name: s(r.target_name) },
    cameo: String(r.cameo),
    root: String(r.root),
    quadClass: Number(r.quad_class) as QuadClass,
    goldstein: Number(r.goldstein),
    plover: s(r.plover),
    description: s(r.description),
    origin: s(r.origin),
    evidence: {
      docId: s(r.doc_id),
      sentence: s(r.sentence),
      start: n(r.start_offset),
      end: n(r.end_offset),
      citation: hasCitation ? citation : null,
    },
  };
}
