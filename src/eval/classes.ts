import { ploverOf, quadClassOf } from "../model/index.ts";
import type { EvalEvent, Gold, QuadScheme } from "./types.ts";

/**
 * Class schemes for the quad level.
 *
 * ConfliBERT's `cameo_class/train.tsv` labels sentences 0–4. Read against its sentences, the
 * labels are the CAMEO "penta" classes, not four quad classes plus "no event": every sentence
 * reports an event, and
 * - 0: statements and appeals (CAMEO 01–02: "expressed concern", "called on", "urged")
 * - 1: verbal cooperation (03–05: meetings, praise, intent to cooperate)
 * - 2: material cooperation (06–08: aid, release, lifting a ban)
 * - 3: verbal conflict (09–13: rejecting, condemning, vetoing) and reducing relations (16:
 *   sanctions, expelling diplomats), as PLOVER groups SANCTION: of the sentences that say
 *   "imposed sanctions" or "sanctions on", 19 are labelled 3 and none 4; all 8
 *   that say "expelled" are labelled 3
 * - 4: material conflict (14–15, 17–20: protests such as flag burning, mobilising, arrests,
 *   attacks, killings)
 */
export function pentaClassOf(code: string): number {
  const root = Number(code.slice(0, 2));
  if (root <= 2) return 0;
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 13 || root === 16) return 3;
  return 4;
}

const PLOVER_QUAD: Record<string, number> = {
  AGREE: 1,
  CONSULT: 1,
  SUPPORT: 1,
  REQUEST: 1,
  CONCEDE: 2,
  COOPERATE: 2,
  AID: 2,
  RETREAT: 2,
  ACCUSE: 3,
  REJECT: 3,
  THREATEN: 3,
  SANCTION: 4,
  PROTEST: 4,
  MOBILIZE: 4,
  COERCE: 4,
  ASSAULT: 4,
  // PLOVER's 2018 draft: CONCEDE and RETREAT as one type.
  YIELD: 2,
};

/** The PLOVER event types (the 2018 draft's YIELD among them). */
export const PLOVER_TYPES: ReadonlySet<string> = new Set(Object.keys(PLOVER_QUAD));

const PLOVER_PENTA: Record<string, number> = { ...PLOVER_QUAD, REQUEST: 0, SANCTION: 3, PROTEST: 4 };
const PLOVER_ICEWS: Record<string, number> = { ...PLOVER_QUAD, REQUEST: 3, SANCTION: 4 };
const PLOVER_CLASS: Record<QuadScheme, Record<string, number>> = {
  gdelt: PLOVER_QUAD,
  icews: PLOVER_ICEWS,
  conflibert: PLOVER_PENTA,
};

/** The class of a CAMEO code (or, failing that, a PLOVER type) under a scheme; null if unknown. */
export function classOf(code: string | null, plover: string | null, scheme: QuadScheme): number | null {
  if (code && /^\d{2}/.test(code)) {
    const root = Number(code.slice(0, 2));
    if (root < 1 || root > 20) return null;
    return scheme === "conflibert" ? pentaClassOf(code) : quadClassOf(code, scheme);
  }
  if (plover) return PLOVER_CLASS[scheme][plover.toUpperCase()] ?? null;
  return null;
}

/**
 * The sentence label of an event under a gold: its class, or its PLOVER type (from the event, else
 * from its CAMEO code) in the gold's taxonomy; null if it has none.
 */
export function labelOf(
  e: EvalEvent,
  gold: Pick<Gold, "labels" | "ploverAliases" | "quadScheme">,
): string | null {
  if (gold.labels === "plover") {
    const type = (e.plover ?? (e.code ? ploverOf(e.code) : null))?.toUpperCase();
    return type ? (gold.ploverAliases?.[type] ?? type) : null;
  }
  const c = e.quad ?? classOf(e.code, e.plover, gold.quadScheme);
  return c === null ? null : String(c);
}
