import type { Event } from "../model/index.ts";
import { type EvidenceEvent, toEvidence } from "./evidence.ts";

export type Vote = "for" | "against" | "abstain" | "veto";

/** The Security Council's permanent members, shown as columns even where the record has no vote. */
export const P5 = ["CHN", "FRA", "GBR", "RUS", "USA"];

/** One Security Council resolution (or failed draft) and each member's vote as the record shows it. */
export interface Resolution {
  /** The resolution number ("2270"), or "draft YYYY-MM-DD" for a draft without one (vetoed drafts). */
  resolution: string;
  date: string;
  /** Member state (ISO3) → vote, from the members' own vote events. */
  votes: Record<string, Vote>;
  /** The record says the resolution was adopted unanimously (or 15-0): every member voted for it. */
  unanimous: boolean;
  /**
   * Permanent members without a recorded vote on a resolution the record says was adopted
   * unanimously: they sat, so they voted for it. Elected members are never inferred (the record
   * does not say who held a seat that year); their votes are shown only where the record holds them.
   */
  inferred: string[];
  evidence: EvidenceEvent[];
}

const RESOLUTION = /\b(?:resolution|UNSCR)\s*(?:no\.?\s*)?(\d{2,4})\b/i;
const UN_TEXT = /security council|\bUNSC\b|resolution/i;
/** The record says every member voted for it: "unanimous(ly)", "15-0", "adopted without dissent". */
const UNANIMOUS = /\bunanimous|\b15-0\b|\bwithout dissent\b/i;

export function eventText(e: Event): string {
  return [e.description, e.evidence.sentence, e.evidence.citation?.title].filter(Boolean).join(" ");
}

/**
 * The vote an event records, from the wording of its description (else its sentence): veto,
 * against, abstain, for; null if it records none. Citation titles are not read: a report's headline
 * names the whole meeting's outcome, not this member's vote.
 */
export function voteOf(e: Event): Vote | null {
  const t = e.description ?? e.evidence.sentence ?? "";
  if (!UN_TEXT.test(t)) return null;
  if (/\bvetoe?s?\b|\bvetoed\b/i.test(t)) return "veto";
  if (/\babstain/i.test(t)) return "abstain";
  if (/\bvot(?:ed|es|ing) against\b/i.test(t)) return "against";
  if (/\bvot(?:ed|es|ing) (?:for|in favou?r)\b/i.test(t)) return "for";
  // Joining the consensus on a resolution the Council adopted is a vote for it.
  if (/\bjoin(?:s|ed|ing)? the consensus\b/i.test(t)) return "for";
  return null;
}

function countryOf(code: string, country: string | null): string | null {
  if (country) return country;
  return /^(IGO|NGO|MNC)/.test(code) ? null : code.slice(0, 3);
}

/**
 * Security Council resolutions about a state and the members' votes on them, from the record's
 * events. Events naming the same resolution number, or (for drafts without one) falling on the same
 * day, form one resolution; it is about the state when one of its events has the state as an actor
 * or names it (`names`: code, names, aliases).
 */
export function resolutions(events: Event[], state: string, names: string[] = []): Resolution[] {
  const groups = new Map<string, { date: string; events: Event[] }>();
  for (const e of [...events].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))) {
    const t = eventText(e);
    const m = RESOLUTION.exec(t);
    const fromCouncil = e.source.code.startsWith("IGOUNO");
    if (!m && !voteOf(e)) continue;
    if (m && !fromCouncil && !voteOf(e)) continue;
    const id = m ? m[1] : `draft ${e.date}`;
    const g = groups.get(id) ?? { date: e.date, events: [] };
    g.events.push(e);
    groups.set(id, g);
  }
  const mention = names.length
    ? new RegExp(`\\b(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\b`)
    : null;
  const about = (e: Event) =>
    countryOf(e.source.code, e.source.country) === state ||
    countryOf(e.target.code, e.target.country) === state ||
    (mention?.test(eventText(e)) ?? false);
  const out: Resolution[] = [];
  for (const [id, g] of groups) {
    if (!g.events.some(about)) continue;
    const votes: Record<string, Vote> = {};
    for (const e of g.events) {
      const vote = voteOf(e);
      const country = countryOf(e.source.code, e.source.country);
      if (vote && country) votes[country] = vote;
    }
    const unanimous = g.events.some((e) => UNANIMOUS.test(eventText(e)));
    const inferred = unanimous ? P5.filter((m) => !votes[m]) : [];
    out.push({
      resolution: id,
      date: g.date,
      votes,
      unanimous,
      inferred,
      evidence: g.events.map(toEvidence),
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * A member's vote on a resolution as a table shows it: the recorded vote, else "for" where the
 * member is a permanent one and the resolution was adopted unanimously, else null (no record: an
 * elected member's vote on a unanimous resolution is not invented, since it may not have sat).
 */
export function memberVote(r: Pick<Resolution, "votes" | "inferred">, member: string): Vote | null {
  return r.votes[member] ?? (r.inferred.includes(member) ? "for" : null);
}
