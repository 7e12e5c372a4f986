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
 * The `k` events that best show a lean, most extreme Goldstein first, ties by date.
 * @example pickEvidence(events, "conflictual", 3)
 */
export function pickEvidence(events: Event[], lean: Lean, k = 5): EvidenceEvent[] {
  const score = (e: Event) =>
    lean === "cooperative" ? e.goldstein : lean === "conflictual" ? -e.goldstein : Math.abs(e.goldstein);
  return events
    .filter((e) =>
      lean === "cooperative" ? e.quadClass <= 2 : lean === "conflictual" ? e.quadClass >= 3 : true,
    )
    .sort((a, b) => score(b) - score(a) || a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
    .slice(0, k)
    .map(toEvidence);
}
