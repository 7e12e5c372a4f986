import type { DyadRow, Event, IndicatorPoint, QuadClass } from "../model/index.ts";

// Row → value mapping shared by the engines: both store the same flat columns.

export type Row = Record<string, unknown>;

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
    confidence: n(r.confidence),
    evidence: {
      docId: s(r.doc_id),
      sentence: s(r.sentence),
      start: n(r.start_offset),
      end: n(r.end_offset),
      citation: hasCitation ? citation : null,
    },
  };
}

/** Rebuild an indicator point from a row. */
export function rowToIndicator(r: Row): IndicatorPoint {
  return {
    indicator: String(r.indicator),
    subject: String(r.subject),
    period: String(r.period),
    value: Number(r.value),
    unit: String(r.unit),
    series: String(r.series),
    source: s(r.source),
    url: s(r.url),
    note: s(r.note),
  };
}

/** Rebuild a dyad row from `source_code, target_code, n, g, conflict, cooperation`. */
export function rowToDyad(r: Row): DyadRow {
  return {
    source: String(r.source_code),
    target: String(r.target_code),
    count: Number(r.n),
    goldsteinSum: Number(r.g),
    conflict: Number(r.conflict),
    cooperation: Number(r.cooperation),
  };
}

/** Reject a batch of indicator points with a non-finite value, naming the first one. */
export function checkIndicatorValues(points: IndicatorPoint[]): void {
  for (const [i, pt] of points.entries()) {
    if (!Number.isFinite(pt.value)) throw new Error(`invalid indicator value ${pt.value} at point ${i + 1}`);
  }
}
