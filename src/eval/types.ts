/** Gold standards and predictions for `yalu eval`, in one shape whatever the file format. */

/** One gold or predicted event. `code` is a CAMEO code; `plover` where the gold has only a type. */
export interface EvalEvent {
  source: string | null;
  target: string | null;
  code: string | null;
  plover: string | null;
  /** Quad class 1–4 (GDELT or ICEWS convention) or a ConfliBERT class 0–4, when given directly. */
  quad: number | null;
  /** The actors' names as written (a gold's marked spans, a coded event's `name`), where known. */
  names?: { source: string | null; target: string | null };
}

/** One gold unit: a sentence (with its text, to be coded) or a dated bucket of events (CSV). */
export interface GoldUnit {
  /** Sentence id, or the date for sentence-less golds. */
  key: string;
  text: string | null;
  date: string | null;
  parse: string | null;
  events: EvalEvent[];
  /** Where the unit is in the gold file (1-based line), for messages. */
  line: number;
}

/**
 * The quad scheme a gold uses: GDELT quad classes 1–4 (roots 01–05, 06–09, 10–14, 15–20), ICEWS's
 * (01–05, 06–08, 09–13, 14–20), or ConfliBERT's five classes 0–4.
 */
export type QuadScheme = "gdelt" | "icews" | "conflibert";

export interface Gold {
  format: "petrarch-xml" | "plover-json" | "csv" | "conflibert-tsv" | "plv-tsv";
  units: GoldUnit[];
  /** True when the gold names actors and codes (event and root levels can be scored). */
  hasCodes: boolean;
  /** True when each unit carries exactly one label (sentence classification). */
  sentenceLabels: boolean;
  quadScheme: QuadScheme;
  /** What a sentence label is, for sentence-labelled golds: a class of `quadScheme` (default) or a PLOVER type. */
  labels?: "class" | "plover";
  /** PLOVER types the gold's taxonomy merges: predicted type → gold type (CONCEDE → YIELD). */
  ploverAliases?: Readonly<Record<string, string>>;
  /** True when units are dates (a CSV without ids or text): predictions on other dates are false positives. */
  dateKeyed?: boolean;
}

/** A malformed gold or prediction record; the message names the file, line and id. */
/** How a gold reader treats a malformed record: by default it throws; with `onBad` it reports and skips it. */
export interface GoldOptions {
  onBad?: ((err: GoldError) => void) | null;
}

/** The reporter of malformed records under `opts`: throws the error unless `onBad` takes it. */
export function badRecords(opts: GoldOptions): (err: GoldError) => void {
  return (err) => {
    if (!opts.onBad) throw err;
    opts.onBad(err);
  };
}

export class GoldError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = "GoldError";
  }
}
