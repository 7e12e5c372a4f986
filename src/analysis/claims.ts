import { z } from "zod";
import { CAMEO, dateEnd, datePrecisionOf, dateStart } from "../model/index.ts";
import { ClaimsYamlError, readClaimsYaml } from "./claims-yaml.ts";

/** Claims about a dyad's movement (against the preceding period) or level (against the record). */
export const DYAD_CLAIMS = [
  "improved",
  "deteriorated",
  "worsened",
  "stable",
  "strained",
  "cooperative",
] as const;
/** Claims about an indicator series between the first and last value of a period. */
export const INDICATOR_CLAIMS = ["increased", "surged", "decreased", "collapsed", "stable"] as const;

const str = z.union([z.string(), z.number()]).transform(String);
const dateText = str.refine((s) => datePrecisionOf(s) !== null, { message: "invalid date" });
const period = str.refine((s) => parsePeriod(s) !== null, {
  message: 'invalid period (use "2016", "2016..2017" or "2016-03..2017-06")',
});
const dyad = z
  .string()
  .regex(/^[A-Z0-9]{3,}-[A-Z0-9]{3,}$/, 'dyad must be two actor codes joined by "-", e.g. "CHN-PRK"');
const common = { id: z.string().optional(), text: z.string().optional() };
const actorCode = z.string().regex(/^[A-Z0-9]{3,}$/, 'must be an actor code, e.g. "PRK"');

/**
 * The CAMEO codes an event type names: the code whose name is `name` (any case), else every code
 * whose name contains it as words ("veto" → 129 Veto; "visit" → the visit codes). Empty if none.
 * @example cameoCodesNamed("Host a visit") // ["043"]
 */
export function cameoCodesNamed(name: string): string[] {
  const want = name.trim().toLowerCase();
  if (!want) return [];
  const codes = [...CAMEO.values()];
  const exact = codes.filter((c) => c.name.toLowerCase() === want);
  if (exact.length) return exact.map((c) => c.code);
  const words = new RegExp(`\\b${want.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "i");
  const some = codes.filter((c) => words.test(c.name)).map((c) => c.code);
  // A code and its sub-codes: the prefix alone queries them all.
  return some.filter((c) => !some.some((p) => p !== c && c.startsWith(p)));
}

export const dyadClaimSchema = z.object({
  ...common,
  dyad,
  directed: z.boolean().default(false),
  period,
  claim: z.enum(DYAD_CLAIMS),
});

export const indicatorClaimSchema = z.object({
  ...common,
  indicator: z.string().min(1),
  subject: z.string().default("CHN-PRK"),
  series: z.string().optional(),
  period,
  claim: z.enum(INDICATOR_CLAIMS),
});

/** "A closer to B than to C over a period": mean Goldstein of A–B against A–C. */
export const comparativeClaimSchema = z.object({
  ...common,
  actor: actorCode,
  /** The actor A is claimed to be closer to … */
  to: actorCode,
  /** … than to this one. */
  than: actorCode,
  period,
  claim: z.literal("closer"),
});

export const eventClaimSchema = z
  .object({
    ...common,
    dyad,
    directed: z.boolean().default(false),
    /** One date ("2025-09-04", "2018-03") or a period; `window` widens a date by days each side. */
    date: dateText.optional(),
    period: period.optional(),
    window: z.number().int().min(0).max(366).default(0),
    /** "event": the record has a matching event; "absent": it has events then, but none matching. */
    claim: z.enum(["event", "absent"]),
    /** Words the matching events must mention (sentence, description or citation title). */
    mentions: z.string().min(2).max(200).optional(),
    root: str.pipe(z.string().regex(/^\d{2}$/, "root must be two digits")).optional(),
    cameo: str.pipe(z.string().regex(/^\d{2,4}$/, "cameo must be 2 to 4 digits")).optional(),
    /** An event type by its CAMEO name ("Veto", "Host a visit"), instead of root or cameo. */
    event: z
      .string()
      .min(2)
      .max(80)
      .refine((n) => cameoCodesNamed(n).length > 0, { message: "no CAMEO event type of that name" })
      .optional(),
    /**
     * Look beyond the dyad's own events (default true): an event of one actor that names the other
     * (China's veto, coded against the USA, of a resolution on the DPRK) matches a claim about the two.
     */
    across: z.boolean().default(true),
  })
  .refine((c) => (c.date === undefined) !== (c.period === undefined), {
    message: "an event claim needs exactly one of date or period",
  })
  .refine(
    (c) => c.claim === "event" || c.root !== undefined || c.cameo !== undefined || c.event || c.mentions,
    {
      message: "an absent claim needs root, cameo, event or mentions (what is absent)",
    },
  );

export const claimSchema = z.union([
  eventClaimSchema,
  indicatorClaimSchema,
  comparativeClaimSchema,
  dyadClaimSchema,
]);

export type DyadClaim = z.output<typeof dyadClaimSchema>;
export type IndicatorClaim = z.output<typeof indicatorClaimSchema>;
export type EventClaim = z.output<typeof eventClaimSchema>;
export type ComparativeClaim = z.output<typeof comparativeClaimSchema>;
export type Claim = z.output<typeof claimSchema>;

/** A claim file: a list of claims, or `{ claims: [...] }`. */
export const claimFileSchema = z.union([
  z.array(z.unknown()),
  z.object({ claims: z.array(z.unknown()) }).transform((f) => f.claims),
]);

/** An inclusive day range. */
export interface Span {
  from: string;
  to: string;
}

/** "2016" → 2016-01-01..2016-12-31; "2016..2017"; "2016-03..2017-06". Null if malformed or reversed. */
export function parsePeriod(text: string): Span | null {
  const [a, b = a, ...rest] = text.split("..");
  if (rest.length || datePrecisionOf(a) === null || datePrecisionOf(b) === null) return null;
  const span = { from: dateStart(a), to: dateEnd(b) };
  return span.from <= span.to ? span : null;
}

/** A claim that failed validation: `index` is its position in the file, `path` the field. */
export class ClaimError extends Error {
  constructor(
    message: string,
    readonly index: number,
    readonly path: string,
  ) {
    super(message);
    this.name = "ClaimError";
  }
}

/** Validate a list of claims (already parsed from YAML/JSON); throws {@link ClaimError} on the first bad one. */
export function parseClaims(input: unknown): Claim[] {
  const file = claimFileSchema.safeParse(input);
  if (!file.success) throw new ClaimError("claims must be a list or { claims: [...] }", -1, "");
  return file.data.map((raw, i) => {
    const shape = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
    const schema =
      shape.claim === "event" || shape.claim === "absent"
        ? eventClaimSchema
        : shape.claim === "closer"
          ? comparativeClaimSchema
          : "indicator" in shape
            ? indicatorClaimSchema
            : dyadClaimSchema;
    const r = schema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      const path = issue.path.join(".");
      throw new ClaimError(`claim ${i + 1}${path ? ` ${path}` : ""}: ${issue.message}`, i, path);
    }
    return r.data as Claim;
  });
}

/**
 * Parse a claims file's text: YAML (a superset of JSON), within the limits of ./claims-yaml.ts. Throws a
 * {@link ClaimError} naming the line and column of bad YAML, or the claim and field of a bad claim.
 */
export function parseClaimsText(text: string): Claim[] {
  let data: unknown;
  try {
    data = readClaimsYaml(text);
  } catch (err) {
    if (err instanceof ClaimsYamlError) throw new ClaimError(err.message, -1, "");
    throw err;
  }
  return parseClaims(data);
}

/** A one-line statement of a claim, e.g. "CHN-PRK deteriorated in 2016..2017". */
export function describeClaim(c: Claim): string {
  if ("indicator" in c) return `${c.indicator} ${c.subject} ${c.claim} in ${c.period}`;
  if (c.claim === "closer") return `${c.actor} closer to ${c.to} than to ${c.than} in ${c.period}`;
  const arrow = c.directed ? c.dyad.replace("-", "→") : c.dyad;
  if (c.claim === "event" || c.claim === "absent") {
    const code = c.event ? `"${c.event}"` : c.cameo ? `CAMEO ${c.cameo}` : c.root ? `root ${c.root}` : "any";
    const what = c.mentions ? `${code} mentioning "${c.mentions}"` : code;
    return `${arrow} ${c.claim === "absent" ? "no event" : "event"} (${what}) ${c.date ? `on ${c.date}` : `in ${c.period}`}`;
  }
  return `${arrow} ${c.claim} in ${c.period}`;
}
