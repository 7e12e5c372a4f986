import type { Event, EvidenceEvent } from "./api.ts";

/** The evidence view of a full event, as the API's evidence events look. */
export function asEvidence(e: Event, action: string | null = null): EvidenceEvent & { quadClass: number } {
  return {
    id: e.id,
    date: e.date,
    source: e.source.code,
    target: e.target.code,
    cameo: e.cameo,
    action,
    goldstein: e.goldstein,
    quadClass: e.quadClass,
    description: e.description,
    sentence: e.evidence.sentence,
    citation: e.evidence.citation,
    confidence: e.confidence,
  };
}

/** One line naming an event, for lists and labels. */
export function eventLabel(e: Event): string {
  const who = `${e.source.name ?? e.source.code} → ${e.target.name ?? e.target.code}`;
  const machine = e.confidence === null ? "" : ` · machine-coded (${e.confidence})`;
  return `${e.date} · ${who} · ${e.description ?? e.evidence.sentence ?? `CAMEO ${e.cameo}`}${machine}`;
}

export const QUAD_COLORS = ["#2b8a3e", "#1c7ed6", "#f08c00", "#c92a2a"];
export const QUAD_NAMES = [
  "verbal cooperation",
  "material cooperation",
  "verbal conflict",
  "material conflict",
];
