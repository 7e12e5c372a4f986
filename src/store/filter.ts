import { z } from "zod";
import { dateEnd, datePrecisionOf, dateStart, type EventQuery, type QuadClass } from "../model/index.ts";

/**
 * The one schema of event filters, shared by the CLI (`yalu events --dyad CHN-PRK`) and the API
 * (`/api/events?dyad=CHN-PRK`). Both edges hand it strings under the same names (flag = parameter)
 * and only map its failure, a {@link FilterIssue}, to their own error.
 */

const ACTOR = "[A-Z][A-Z0-9]{2,29}";
const upper = z.string().transform((s) => s.trim().toUpperCase());

/** An actor code prefix ("CHN", "PRKGOV"), upper-cased. */
export const actorCode = upper.pipe(
  z.string().regex(new RegExp(`^${ACTOR}$`), "expected an actor code of 3 to 30 letters or digits, e.g. CHN"),
);

/**
 * Two actor codes joined by "-" ("CHN-PRK"). "CHN,PRK", the CLI's old form, is accepted as an alias:
 * actor codes hold neither character, so the two cannot be confused.
 */
export const dyadCode = upper
  .pipe(
    z
      .string()
      .regex(new RegExp(`^${ACTOR}[-,]${ACTOR}$`), 'expected two actor codes joined by "-", e.g. CHN-PRK'),
  )
  .transform((s) => {
    const [a, b] = s.split(/[-,]/);
    return { a, b };
  });

/** A date of year, month or day precision: "2019", "2019-06", "2019-06-30". */
export const eventDate = z.string().refine((s) => datePrecisionOf(s) !== null, {
  message: "expected a date YYYY, YYYY-MM or YYYY-MM-DD",
});

/**
 * A whole number within bounds, given as digits; any refusal names the range, a number too large
 * for the store's integers included (`invalid --offset "99999999999999999999": expected a whole
 * number from 0 to 999999999`).
 */
export const whole = (min: number, max: number) => {
  const range = `expected a whole number from ${min} to ${max}`;
  return z.string().regex(/^\d+$/, range).transform(Number).pipe(z.number().min(min, range).max(max, range));
};

/** "true"/"false"/"1"/"0" (API) or a bare flag's `true` (CLI). */
export const flag = z.union(
  [z.boolean(), z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1")],
  { error: "expected true or false" },
);

/** Longest list a filter takes. */
export const MAX_ITEMS = 50;
/** Longest text search. */
export const MAX_TEXT = 200;

/** A comma-separated list whose every item passes `ok`; a bad item is named in the message. */
const list = (ok: (item: string) => boolean, what: string) =>
  z
    .string()
    .transform((s) => s.split(",").map((x) => x.trim()))
    .pipe(
      z
        .array(z.string().refine(ok, { error: (iss) => `"${String(iss.input)}" is not ${what}` }))
        .max(MAX_ITEMS, `at most ${MAX_ITEMS} values`),
    );

const isRoot = (s: string) => /^\d{2}$/.test(s) && Number(s) >= 1 && Number(s) <= 20;

/** What events to match: each field a flag of `yalu events` and a parameter of `/api/events`. */
export const filterShape = {
  dyad: dyadCode
    .describe('Two actor codes joined by "-", e.g. CHN-PRK (CHN,PRK is an alias): events between them.')
    .optional(),
  directed: flag.describe("With dyad: only events from the first actor to the second.").optional(),
  actor: actorCode.describe("Events with this actor (code prefix) on either side, e.g. PRK.").optional(),
  source: actorCode.describe("Only events with this source actor (code prefix), e.g. CHNGOV.").optional(),
  target: actorCode.describe("Only events with this target actor (code prefix).").optional(),
  root: list(isRoot, "a CAMEO root 01 to 20")
    .describe("Comma-separated CAMEO roots 01 to 20, e.g. 04,16.")
    .optional(),
  cameo: list((s) => /^\d{2,4}$/.test(s) && isRoot(s.slice(0, 2)), "a CAMEO code, e.g. 043")
    .describe("Comma-separated CAMEO code prefixes, e.g. 042,043.")
    .optional(),
  quad: list((s) => /^[1-4]$/.test(s), "a quad class 1 to 4")
    .describe("Comma-separated quad classes 1 to 4, e.g. 3,4.")
    .optional(),
  from: eventDate.describe("Events overlapping from this date on: YYYY, YYYY-MM or YYYY-MM-DD.").optional(),
  to: eventDate
    .describe("Events overlapping up to this date: YYYY, YYYY-MM or YYYY-MM-DD; not before from.")
    .optional(),
  text: z
    .string()
    .max(MAX_TEXT, `at most ${MAX_TEXT} characters`)
    .describe("Case-insensitive text in sentence, description or citation title.")
    .optional(),
  machine: flag
    .describe(
      "true: only machine-coded events (they carry a confidence); false: only curated and imported ones.",
    )
    .optional(),
  minConfidence: z
    .string()
    .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?|\.\d{1,6})$/, "expected a number from 0 to 1")
    .transform(Number)
    .describe("Only machine-coded events whose confidence is at least this (0 to 1).")
    .optional(),
};

/** Which of the matching events: a page in date order. The API bounds `limit` further. */
export const pageShape = {
  limit: whole(1, 999_999_999).describe("At most this many events.").optional(),
  offset: whole(0, 999_999_999).describe("Skip the first this many events.").optional(),
  order: z
    .enum(["asc", "desc"], { error: "expected asc or desc" })
    .describe("Date order: asc (default) or desc.")
    .optional(),
};

/** A number within bounds, given as digits with an optional fraction ("2.5"). */
export const num = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}(\.\d{1,6})?$/, "must be a number")
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** A series' period length. */
export const bucket = z.enum(["day", "month", "quarter", "year"], {
  message: "must be day, month, quarter or year",
});

/**
 * Phases of a dyad: the event filters with the dyad required, and the phase model's parameters;
 * `/api/phases` parameters and `yalu phases` flags alike.
 */
export const phaseShape = {
  ...filterShape,
  dyad: dyadCode.meta({ description: 'Two actor codes joined by "-".', example: "CHN-PRK" }),
  bucket: bucket.optional().meta({ description: "Period bucket (default year)." }),
  penalty: num(0, 1000)
    .optional()
    .meta({ description: "Penalty per changepoint in units of σ² (default 2·ln n)." }),
  threshold: num(0, 20)
    .optional()
    .meta({ description: "Change in mean Goldstein labelled warming/cooling (default 1)." }),
  minSize: whole(1, 100).optional().meta({ description: "Fewest non-empty buckets per phase (default 1)." }),
  minPeriodEvents: whole(1, 1000).optional().meta({
    description:
      "Fewest events in the median non-empty bucket for phases to be called (default 2; 1: any record).",
  }),
};

/** A year, four digits ("1990"). */
const year = z.string().regex(/^\d{4}$/, "expected a year YYYY");

/**
 * The coverage table (events per dyad per year): `/api/coverage` parameters and the flags of
 * `yalu stats --coverage` alike.
 */
export const coverageShape = {
  dyads: list(
    (s) => new RegExp(`^${ACTOR}-${ACTOR}$`, "i").test(s),
    'two actor codes joined by "-", e.g. CHN-PRK',
  )
    .transform((xs) =>
      xs.map((x) => {
        const [a, b] = x.toUpperCase().split("-");
        return { a, b };
      }),
    )
    .optional()
    .meta({
      description: "Comma-separated dyads, e.g. CHN-PRK,PRK-RUS (default the largest).",
      example: "CHN-PRK,PRK-USA",
    }),
  from: year.optional().meta({ description: "First year (default 1990)." }),
  to: year.optional().meta({ description: "Last year (default the last year with events)." }),
  thin: whole(1, 1000)
    .optional()
    .meta({ description: "A year with fewer events than this (and some) is thin (default 3)." }),
  top: whole(1, MAX_ITEMS).optional().meta({ description: "Dyads shown when none are named (default 8)." }),
};

/** Validated filters (and, where the shape has them, page fields). */
export type Filters = z.output<z.ZodObject<typeof filterShape>> & z.output<z.ZodObject<typeof pageShape>>;

/**
 * What is wrong with the input: the parameter (= flag) at fault and a message that names
 * parameters through the edge's `name` (`--to` on the CLI, `to` in the API).
 */
export interface FilterIssue {
  parameter: string;
  message: (name: (parameter: string) => string) => string;
}

/** Checks across fields. Zod runs them even after a field failed; that field's issue comes first. */
function crossCheck(f: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const { from, to } = f;
  // Dates are intervals: 2019-06 to 2019 is June to December; only a start after the end is empty.
  if (typeof from === "string" && typeof to === "string" && datePrecisionOf(from) && datePrecisionOf(to)) {
    if (dateStart(from) > dateEnd(to)) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: "",
        params: { kind: "from-after-to" },
      });
    }
  }
  if (f.directed !== undefined && f.dyad === undefined) {
    ctx.addIssue({ code: "custom", path: ["directed"], message: "", params: { kind: "directed-no-dyad" } });
  }
}

const quote = (v: unknown) => JSON.stringify(String(v).slice(0, 60));

function issueOf(issue: z.core.$ZodIssue, input: Record<string, unknown>): FilterIssue {
  if (issue.code === "unrecognized_keys") {
    const parameter = issue.keys[0];
    return { parameter, message: () => `unknown parameter ${quote(parameter)}` };
  }
  const parameter = issue.path.length ? String(issue.path[0]) : "";
  const params = issue.code === "custom" ? (issue.params as { kind?: string } | undefined) : undefined;
  if (params?.kind === "from-after-to") {
    return {
      parameter,
      message: (name) =>
        `invalid ${name("to")} ${quote(input.to)}: before ${name("from")} ${quote(input.from)}`,
    };
  }
  if (params?.kind === "directed-no-dyad") {
    return { parameter, message: (name) => `${name("directed")} needs ${name("dyad")}` };
  }
  return {
    parameter,
    message: (name) => `invalid ${name(parameter)} ${quote(input[parameter])}: ${issue.message}`,
  };
}

/**
 * Validate raw filters (strings, as flags and query parameters arrive) against a shape, usually
 * `{ ...filterShape, ...pageShape }` plus an edge's own fields. With `strict`, unknown names are
 * refused. Returns the typed values, or the first issue for the edge to report.
 * @example validateFilters(filterShape, { dyad: "CHN-PRK", from: "2019-06", to: "2019" })
 */
export function validateFilters<S extends z.ZodRawShape>(
  shape: S,
  input: Record<string, unknown>,
  options: { strict?: boolean } = {},
): { ok: true; value: z.output<z.ZodObject<S>> } | { ok: false; issue: FilterIssue } {
  const object = options.strict ? z.strictObject(shape) : z.object(shape);
  const r = object.superRefine(crossCheck).safeParse(input);
  if (r.success) return { ok: true, value: r.data as z.output<z.ZodObject<S>> };
  return { ok: false, issue: issueOf(r.error.issues[0], input) };
}

/** A query's confidence bound, validated: a number from 0 to 1. */
export function confidenceBound(value: number): number {
  if (!(typeof value === "number" && value >= 0 && value <= 1))
    throw new Error(`invalid minConfidence ${value} (a number from 0 to 1)`);
  return value;
}

/** The store query of validated filters. */
export function toEventQuery(f: Partial<Filters>): EventQuery {
  return {
    dyad: f.dyad ? { ...f.dyad, directed: f.directed ?? false } : undefined,
    actor: f.actor,
    source: f.source,
    target: f.target,
    root: f.root,
    cameo: f.cameo,
    quadClass: f.quad?.map(Number) as QuadClass[] | undefined,
    from: f.from,
    to: f.to,
    text: f.text,
    machine: f.machine,
    minConfidence: f.minConfidence,
    limit: f.limit,
    offset: f.offset,
    order: f.order,
  };
}
