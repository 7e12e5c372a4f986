import type { Event } from "../model/event.ts";
import { type EvidenceEvent, toEvidence } from "./evidence.ts";

export type Vote = "for" | "against" | "abstain" | "veto";

/** One Security Council resolution (or failed draft) and each member's recorded vote. */
export interface Resolution {
  /** The resolution number ("2270"), or the draft's date when it has none (vetoed drafts). */
  resolution: string;
  date: string;
  /** Actor country (ISO3) → vote, as far as the record shows it. */
  votes: Record<string, Vote>;
  evidence: EvidenceEvent[];
}

const RESOLUTION = /\b(?:resolution|UNSCR)\s*(?:no\.?\s*)?(\d{3,4})\b/i;
const UN_TEXT = /security council|\bUNSC\b|resolution/i;

function text(e: Event): string {
  return [e.description, e.evidence.sentence, e.evidence.citation?.title].filter(Boolean).join(" ");
}

/** The vote an event records, from its wording and code: veto, against, abstain, or for. */
export function voteOf(e: Event): Vote | null {
  const t = text(e);
  if (!UN_TEXT.test(t)) return null;
  if (/\bveto/i.test(t)) return "veto";
  if (/\babstain/i.test(t)) return "abstain";
  if (/\bvot(?:ed|es|ing) against\b|\bopposed\b/i.test(t)) return "against";
  if (/\bvot(?:ed|es|ing)\b|\bbacked\b|\bsupported\b|\bunanimous|\badopt/i.test(t)) return "for";
  // Sanctions (163), embargo and coercion codes with a resolution named are a vote for them.
  return e.root === "16" || e.root === "17" ? "for" : null;
}

/**
 * Security Council votes on resolutions about a state, from the record's events: each event that
 * names a resolution (or the Council) and has a state as source is that state's vote.
 * A unanimous adoption recorded with the Council (IGOUNO) as source counts for each P5 member
 * only where the record has that member's own vote event; nothing is inferred beyond the record.
 */
export function resolutions(events: Event[]): Resolution[] {
  const byId = new Map<string, Resolution>();
  for (const e of [...events].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))) {
    const vote = voteOf(e);
    if (!vote) continue;
    const m = RESOLUTION.exec(text(e));
    const id = m ? m[1] : `draft ${e.date}`;
    let r = byId.get(id);
    if (!r) {
      r = { resolution: id, date: e.date, votes: {}, evidence: [] };
      byId.set(id, r);
    }
    const country = e.source.country ?? (/^[A-Z]{3}/.test(e.source.code) ? e.source.code.slice(0, 3) : null);
    if (country && country !== "IGO") r.votes[country] = vote;
    r.evidence.push(toEvidence(e));
  }
  return [...byId.values()].sort((a, b) => a.date.localeCompare(b.date));
}
