import { type DatePrecision, datePrecisionOf, type Event } from "../model/index.ts";
import { atPrecision, periodStart } from "./dates.ts";

/** Yalu's flat event columns (CSV header, Parquet columns), one per field of the event. */
export const FLAT_COLUMNS = [
  "id",
  "date",
  "date_precision",
  "publication_date",
  "source_code",
  "source_country",
  "source_name",
  "target_code",
  "target_country",
  "target_name",
  "cameo",
  "root",
  "quad_class",
  "goldstein",
  "plover",
  "description",
  "origin",
  "doc_id",
  "sentence",
  "start_offset",
  "end_offset",
  "citation_publication",
  "citation_title",
  "citation_date",
  "citation_url",
  "confidence",
] as const;

export type FlatColumn = (typeof FLAT_COLUMNS)[number];
export type FlatValue = string | number | null;

/**
 * The event's values in `FLAT_COLUMNS` order. The date is always a day (a month or year is its
 * first day) so that readers parse the column as dates; `date_precision` says what it stands for.
 */
export function toFlat(e: Event): FlatValue[] {
  const ev = e.evidence;
  const c = ev.citation;
  return [
    e.id,
    periodStart(e.date),
    e.datePrecision,
    e.publicationDate,
    e.source.code,
    e.source.country,
    e.source.name,
    e.target.code,
    e.target.country,
    e.target.name,
    e.cameo,
    e.root,
    e.quadClass,
    e.goldstein,
    e.plover,
    e.description,
    e.origin,
    ev.docId,
    ev.sentence,
    ev.start,
    ev.end,
    c?.publication ?? null,
    c?.title ?? null,
    c?.date ?? null,
    c?.url ?? null,
    e.confidence,
  ];
}

/** The model field path each flat column feeds, and back (for error messages). */
const PATHS: Record<FlatColumn, string> = {
  id: "id",
  date: "date",
  date_precision: "datePrecision",
  publication_date: "publicationDate",
  source_code: "source.code",
  source_country: "source.country",
  source_name: "source.name",
  target_code: "target.code",
  target_country: "target.country",
  target_name: "target.name",
  cameo: "cameo",
  root: "root",
  quad_class: "quadClass",
  goldstein: "goldstein",
  plover: "plover",
  description: "description",
  origin: "origin",
  doc_id: "evidence.docId",
  sentence: "evidence.sentence",
  start_offset: "evidence.start",
  end_offset: "evidence.end",
  citation_publication: "evidence.citation.publication",
  citation_title: "evidence.citation.title",
  citation_date: "evidence.citation.date",
  citation_url: "evidence.citation.url",
  confidence: "confidence",
};
const COLUMN_OF = new Map(Object.entries(PATHS).map(([col, path]) => [path, col]));

/** The flat column behind a model field path ("source.code" → "source_code"). */
export function flatColumnOf(path: string): string {
  return COLUMN_OF.get(path) ?? path;
}

/**
 * The date column back at its precision: `2006-01-01` with `month` is `2006-01`. Dates written at
 * their precision (`2006-01`, older files) are kept; a mismatch is left for validation to name.
 */
function flatDate(date: FlatValue, precision: FlatValue): FlatValue {
  if (typeof date !== "string" || precision === "day" || datePrecisionOf(date) !== "day") return date;
  if (precision !== "month" && precision !== "year") return date;
  return atPrecision(date, precision satisfies DatePrecision) ?? date;
}

/** A number column: kept as text when it is not a number, so validation names the bad value. */
function num(v: FlatValue): FlatValue {
  if (v === null || typeof v === "number") return v;
  const n = Number(v);
  return v.trim() !== "" && Number.isFinite(n) ? n : v;
}

/**
 * An event input (for `normalizeEvent`) from flat values. Derived columns (root, quad class) are
 * recomputed from the CAMEO code; Goldstein and PLOVER are taken as given.
 */
export function fromFlat(
  get: (column: FlatColumn) => FlatValue,
  has: (column: FlatColumn) => boolean,
): unknown {
  const s = (c: FlatColumn) => get(c);
  const citation = {
    publication: s("citation_publication"),
    title: s("citation_title"),
    date: s("citation_date"),
    url: s("citation_url"),
  };
  const input: Record<string, unknown> = {
    date: flatDate(s("date"), s("date_precision")),
    publicationDate: s("publication_date"),
    source: { code: s("source_code"), country: s("source_country"), name: s("source_name") },
    target: { code: s("target_code"), country: s("target_country"), name: s("target_name") },
    cameo: s("cameo"),
    description: s("description"),
    origin: s("origin"),
    evidence: {
      docId: s("doc_id"),
      sentence: s("sentence"),
      start: num(s("start_offset")),
      end: num(s("end_offset")),
      citation: Object.values(citation).some((v) => v !== null) ? citation : null,
    },
  };
  const id = s("id");
  if (id !== null) input.id = id;
  if (s("date_precision") !== null) input.datePrecision = s("date_precision");
  if (s("goldstein") !== null) input.goldstein = num(s("goldstein"));
  if (has("plover")) input.plover = s("plover");
  if (s("confidence") !== null) input.confidence = num(s("confidence"));
  return input;
}
