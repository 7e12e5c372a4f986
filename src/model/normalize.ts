import { datePrecisionOf, type Event, type EventInput, eventId, eventInputSchema } from "./event.ts";
import { type GoldsteinTable, goldsteinOf, isCameoCode, ploverOf, quadClassOf, rootOf } from "./taxonomy.ts";

export interface NormalizeOptions {
  goldsteinTable: GoldsteinTable;
}

const defaults: NormalizeOptions = { goldsteinTable: "gdelt" };

/** An input event failed validation; `path` names the field. */
export class EventValidationError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = "EventValidationError";
  }
}

/**
 * Validate an event from outside and fill in everything derivable from its code and date:
 * precision, root, quad class (GDELT convention), Goldstein, PLOVER and the content id.
 * Throws {@link EventValidationError} naming the first bad field.
 */
export function normalizeEvent(input: unknown, options: Partial<NormalizeOptions> = {}): Event {
  const opts = { ...defaults, ...options } satisfies NormalizeOptions;
  const parsed = eventInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.join(".");
    throw new EventValidationError(`${path || "event"}: ${issue.message}`, path);
  }
  const e = parsed.data as EventInput & typeof parsed.data;
  if (!isCameoCode(e.cameo))
    throw new EventValidationError(`cameo: unknown CAMEO code "${e.cameo}"`, "cameo");
  const precision = datePrecisionOf(e.date)!;
  if (e.datePrecision && e.datePrecision !== precision) {
    throw new EventValidationError(
      `datePrecision: "${e.datePrecision}" does not match date "${e.date}"`,
      "datePrecision",
    );
  }
  const evidence = e.evidence ?? { docId: null, sentence: null, start: null, end: null, citation: null };
  const base = {
    date: e.date,
    datePrecision: precision,
    publicationDate: e.publicationDate ?? null,
    source: e.source,
    target: e.target,
    cameo: e.cameo,
    root: rootOf(e.cameo),
    quadClass: quadClassOf(e.cameo),
    goldstein: e.goldstein ?? goldsteinOf(e.cameo, opts.goldsteinTable),
    plover: e.plover === undefined ? ploverOf(e.cameo) : e.plover,
    description: e.description ?? null,
    origin: e.origin ?? null,
    confidence: e.confidence ?? null,
    evidence,
  } satisfies Omit<Event, "id">;
  return { id: e.id ?? eventId(base), ...base } as Event;
}
