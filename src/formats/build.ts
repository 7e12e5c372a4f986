import {
  type Actor,
  type Citation,
  type DatePrecision,
  datePrecisionOf,
  type Event,
  eventId,
  goldsteinOf,
  isCameoCode,
  ploverOf,
  quadClassOf,
  rootOf,
} from "../model/index.ts";

/** A field of a fixed-column row failed validation; `field` is the model field it feeds. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const ACTOR_CODE = /^[A-Z0-9]{3,}$/;
const COUNTRY = /^[A-Z]{3}$/;

/** Precision per date string: bulk files repeat a few thousand dates millions of times. */
const precisions = new Map<string, DatePrecision | null>();

function precisionOf(date: string): DatePrecision | null {
  let p = precisions.get(date);
  if (p === undefined) {
    if (precisions.size > 100_000) precisions.clear();
    p = datePrecisionOf(date);
    precisions.set(date, p);
  }
  return p;
}

/** Model fields a fixed-column reader supplies; everything derivable is filled in by `buildEvent`. */
export interface EventFields {
  date: string;
  publicationDate: string | null;
  source: Actor;
  target: Actor;
  cameo: string;
  goldstein: number | null;
  origin: string;
  docId: string | null;
  citation: Citation | null;
}

function actor(a: Actor, side: "source" | "target"): Actor {
  if (!ACTOR_CODE.test(a.code)) throw new FieldError(`${side}.code`, `invalid actor code "${a.code}"`);
  if (a.country !== null && !COUNTRY.test(a.country)) {
    throw new FieldError(`${side}.country`, `invalid country code "${a.country}"`);
  }
  return a;
}

/**
 * Validate the fields of a fixed-column row (GDELT, ICEWS) and complete the event, like
 * `normalizeEvent` but without the schema pass that would dominate a bulk import.
 */
export function buildEvent(f: EventFields): Event {
  const precision = precisionOf(f.date);
  if (!precision) throw new FieldError("date", `invalid date "${f.date}"`);
  if (f.publicationDate !== null && precisionOf(f.publicationDate) !== "day") {
    throw new FieldError("publicationDate", `invalid date "${f.publicationDate}"`);
  }
  if (!isCameoCode(f.cameo)) throw new FieldError("cameo", `invalid CAMEO code "${f.cameo}"`);
  const g = f.goldstein ?? goldsteinOf(f.cameo);
  if (!(g >= -10 && g <= 10)) throw new FieldError("goldstein", `invalid Goldstein score "${f.goldstein}"`);
  const base = {
    date: f.date,
    datePrecision: precision,
    publicationDate: f.publicationDate,
    source: actor(f.source, "source"),
    target: actor(f.target, "target"),
    cameo: f.cameo,
    root: rootOf(f.cameo),
    quadClass: quadClassOf(f.cameo),
    goldstein: g,
    plover: ploverOf(f.cameo),
    description: null,
    origin: f.origin,
    confidence: null,
    evidence: { docId: f.docId, sentence: null, start: null, end: null, citation: f.citation },
  } satisfies Omit<Event, "id">;
  return { id: eventId(base), ...base };
}

/** "" → null. */
export const orNull = (s: string | undefined): string | null => (s === undefined || s === "" ? null : s);
