import { type Citation, cameoName, type Event, type QuadClass } from "../model/index.ts";

/** An event cited as evidence: what happened, its text and where it was reported. */
export interface EvidenceEvent {
  id: string;
  date: string;
  source: string;
  target: string;
  cameo: string;
  /** The CAMEO code's name ("Host a visit"). */
  action: string | null;
  quadClass: QuadClass;
  goldstein: number;
  description: string | null;
  sentence: string | null;
  citation: Citation | null;
  /** Set on machine-coded events only: the coder's confidence (see the event model). */
  confidence: number | null;
}

export function toEvidence(e: Event): EvidenceEvent {
  return {
    id: e.id,
    date: e.date,
    source: e.source.code,
    target: e.target.code,
    cameo: e.cameo,
    action: cameoName(e.cameo) ?? null,
    quadClass: e.quadClass,
    goldstein: e.goldstein,
    description: e.description,
    sentence: e.evidence.sentence,
    citation: e.evidence.citation,
    confidence: e.confidence,
  };
}

/** Which events best show a direction: the most cooperative, the most conflictual, or the most salient. */
export type Lean = "cooperative" | "conflictual" | "salient";

/**
 * Routine business that recurs on a calendar rather than marking a turn: a mandate renewed or
 * extended (the Panel of Experts each spring).
 */
const ROUTINE =
  /\b(?:renew(?:s|ed|ing|al)?|extend(?:s|ed|ing)?|extension of|keeps?)\b[^.;]*\b(?:mandate|panel of experts)\b|\bpanel of experts\b[^.;]*\b(?:renew(?:s|ed|ing|al)?|extend(?:s|ed|ing)?)\b/i;
/** A renewal that fails or is opposed is no longer routine (the 2024 veto that ended the Panel). */
const OPPOSED = /\bvetoe?s?\b|\bvetoed\b|\babstain|\bvot(?:ed|es|ing) against\b|\bends?\b|\bending\b/i;

/** Weight of a routine event against a consequential one of the same Goldstein score. */
export const ROUTINE_WEIGHT = 0.25;

/** True when an event records routine business (a mandate renewal), by its description or sentence. */
export function isRoutine(e: Pick<Event, "description" | "evidence">): boolean {
  const text = `${e.description ?? ""} ${e.evidence.sentence ?? ""}`;
  return ROUTINE.test(text) && !OPPOSED.test(text);
}

/**
 * How consequential an event is for a lean: its Goldstein score in the lean's direction (|Goldstein|
 * when salient), down-weighted to {@link ROUTINE_WEIGHT} for routine renewals.
 */
export function consequence(e: Event, lean: Lean): number {
  const g =
    lean === "cooperative" ? e.goldstein : lean === "conflictual" ? -e.goldstein : Math.abs(e.goldstein);
  return g * (isRoutine(e) ? ROUTINE_WEIGHT : 1);
}

/**
 * The `k` events that best show a lean, most consequential first (see {@link consequence}), ties by date.
 * @example pickEvidence(events, "conflictual", 3)
 */
export function pickEvidence(events: Event[], lean: Lean, k = 5): EvidenceEvent[] {
  return events
    .filter((e) =>
      lean === "cooperative" ? e.quadClass <= 2 : lean === "conflictual" ? e.quadClass >= 3 : true,
    )
    .map((e) => ({ e, score: consequence(e, lean) }))
    .sort((a, b) => b.score - a.score || a.e.date.localeCompare(b.e.date) || a.e.id.localeCompare(b.e.id))
    .slice(0, k)
    .map(({ e }) => toEvidence(e));
}
