import { createHash } from "node:crypto";
import { z } from "zod";

/** How precisely an event's date is known. */
export type DatePrecision = "day" | "month" | "year";

/** GDELT quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export type QuadClass = 1 | 2 | 3 | 4;

/**
 * One side of an event. `code` is the CAMEO actor code as coded (country ISO3 or IGO code plus
 * roles, e.g. "CHNGOV", "PRKMIL", "IGOUNO"); `country` its ISO3 country (null for IGOs and
 * unknowns); `name` the name as written in the text ("Xi Jinping", "Pyongyang").
 */
export interface Actor {
  code: string;
  country: string | null;
  name: string | null;
}

/** Where an event was reported. */
export interface Citation {
  publication: string | null;
  title: string | null;
  date: string | null;
  url: string | null;
}

/** The text behind an event: the sentence, its character offsets in the document, and the citation. */
export interface Evidence {
  docId: string | null;
  sentence: string | null;
  start: number | null;
  end: number | null;
  citation: Citation | null;
}

/**
 * The one event model shared by the coder, the store, the formats, the analysis and the API.
 * Its JSON form is what `--json`, JSON Lines and the API print.
 */
export interface Event {
  /** Stable content hash (see {@link eventId}): the same event imported twice has the same id. */
  id: string;
  /** "2025-09-04", "2025-09" or "2025", matching `datePrecision`. */
  date: string;
  datePrecision: DatePrecision;
  /** When the reporting document was published, where known (YYYY-MM-DD). */
  publicationDate: string | null;
  source: Actor;
  target: Actor;
  /** CAMEO event code, 2 to 4 digits ("043", "1041"). */
  cameo: string;
  /** The code's two-digit root ("04"). */
  root: string;
  quadClass: QuadClass;
  goldstein: number;
  /** PLOVER event type ("CONSULT"), null where the mapping has none. */
  plover: string | null;
  /** A short description in the recorder's own words (the flagship record has one per event). */
  description: string | null;
  /** Where the event came from: "yalu", "gdelt", "icews", "coder", a file name. */
  origin: string | null;
  /**
   * For machine-coded events, the coder's estimate in [0, 1] that the event is right (its code's
   * root, source and target): the share of events coded on the same evidence that were right on
   * labelled news (see docs/coding.md, "Confidence"). Null for curated and imported events.
   */
  confidence: number | null;
  evidence: Evidence;
}

export const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A UTC date with its year as written, years 0 to 99 included (`Date.UTC` reads those as
 * 1900–1999); month and day overflow as in `Date.UTC`.
 * @example utcDate(50, 2, 0).toISOString() // "0050-02-28T00:00:00.000Z"
 */
export function utcDate(year: number, month: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  return d;
}

/** Precision implied by the shape of a date string, or null if it is not a valid date. */
export function datePrecisionOf(date: string): DatePrecision | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (mo !== undefined) {
    const month = Number(mo);
    if (month < 1 || month > 12) return null;
    if (d !== undefined) {
      const day = Number(d);
      const last = utcDate(Number(y), month, 0).getUTCDate();
      if (day < 1 || day > last) return null;
      return "day";
    }
    return "month";
  }
  return "year";
}

/** First day covered by a date of any precision, as YYYY-MM-DD. */
export function dateStart(date: string): string {
  const p = datePrecisionOf(date);
  if (p === "day") return date;
  if (p === "month") return `${date}-01`;
  if (p === "year") return `${date}-01-01`;
  throw new Error(`invalid date "${date}"`);
}

/** Last day covered by a date of any precision, as YYYY-MM-DD. */
export function dateEnd(date: string): string {
  const p = datePrecisionOf(date);
  if (p === "day") return date;
  const y = Number(date.slice(0, 4));
  if (p === "month") {
    const m = Number(date.slice(5, 7));
    const last = utcDate(y, m, 0).getUTCDate();
    return `${date}-${String(last).padStart(2, "0")}`;
  }
  if (p === "year") return `${date}-12-31`;
  throw new Error(`invalid date "${date}"`);
}

const dateString = z.string().refine((s) => datePrecisionOf(s) !== null, { message: "invalid date" });
const dayString = z
  .string()
  .refine((s) => datePrecisionOf(s) === "day", { message: "invalid day (YYYY-MM-DD)" });

export const actorSchema = z.object({
  code: z.string().regex(/^[A-Z0-9]{3,}$/, "actor code must be upper-case letters/digits, 3 or more"),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable()
    .default(null),
  name: z.string().nullable().default(null),
});

export const citationSchema = z.object({
  publication: z.string().nullable().default(null),
  title: z.string().nullable().default(null),
  date: dateString.nullable().default(null),
  url: z.string().nullable().default(null),
});

export const evidenceSchema = z.object({
  docId: z.string().nullable().default(null),
  sentence: z.string().nullable().default(null),
  start: z.number().int().nonnegative().nullable().default(null),
  end: z.number().int().nonnegative().nullable().default(null),
  citation: citationSchema.nullable().default(null),
});

/**
 * The event as it arrives from outside (files, HTTP): everything derivable may be missing and is
 * filled in by {@link normalizeEvent} (id, precision, root, quad class, Goldstein, PLOVER).
 */
export const eventInputSchema = z.object({
  id: z.string().optional(),
  date: dateString,
  datePrecision: z.enum(["day", "month", "year"]).optional(),
  publicationDate: dayString.nullable().optional(),
  source: actorSchema,
  target: actorSchema,
  cameo: z.string().regex(/^\d{2,4}$/, "CAMEO code must be 2 to 4 digits"),
  root: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  quadClass: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  goldstein: z.number().min(-10).max(10).optional(),
  plover: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  origin: z.string().nullable().optional(),
  confidence: z.number().min(0).max(1).nullable().optional(),
  evidence: evidenceSchema.optional(),
});

export type EventInput = z.input<typeof eventInputSchema>;

/**
 * A sentence as it counts for an event's identity: footnote markers (superscript digits, `^{n}`)
 * dropped, white space folded, no space before punctuation, so the same article with and without
 * its footnotes gives the same key.
 */
export function sentenceKey(sentence: string): string {
  return sentence
    .normalize("NFC")
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{?\d{1,3}\}?/g, " ")
    .replace(/\s+/g, " ")
    .replace(/ (?=[,.;:!?)\]])/g, "")
    .trim();
}

/**
 * The content hash behind an event id. An event with its sentence is identified by what it says:
 * date, actors, code, document and sentence text — not by where the sentence sits, so coding the
 * same article again (with footnotes, a new header) gives the same ids. An event without a
 * sentence (GDELT, ICEWS, the flagship record) is identified by date, actors, code, document and
 * evidence offsets, as it always was.
 */
export function eventId(e: Pick<Event, "date" | "source" | "target" | "cameo" | "evidence">): string {
  const head = [e.date, e.source.code, e.target.code, e.cameo, e.evidence.docId ?? ""];
  const key =
    e.evidence.sentence !== null
      ? [...head, sentenceKey(e.evidence.sentence)]
      : [...head, "", e.evidence.start ?? "", e.evidence.end ?? ""];
  return createHash("sha256").update(key.join("\u001f")).digest("hex").slice(0, 20);
}
