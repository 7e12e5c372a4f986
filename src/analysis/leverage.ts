import type { Event, IndicatorPoint } from "../model/index.ts";
import type { SeriesPoint } from "./series.ts";
import { P5, type Resolution, resolutions } from "./votes.ts";

/** Per-year contact counts of a dyad, by CAMEO code family. */
export interface ContactYear {
  year: string;
  /** 042 make a visit + 043 host a visit. */
  visits: number;
  /** 044 meet at a third location + 046 engage in negotiation (talks). */
  meetings: number;
  /** 036 express intent to meet or negotiate. */
  intentToMeet: number;
  /** Visits and meetings whose text names a head of state or party leader, or says "summit". */
  summits: number;
}

export interface ConflictYear {
  year: string;
  events: number;
  conflictShare: number | null;
}

export interface Leverage {
  dyad: string;
  trade: IndicatorPoint[];
  resolutions: Resolution[];
  /** The permanent members and every state with a recorded vote, for table columns. */
  members: string[];
  contacts: ContactYear[];
  conflict: ConflictYear[];
}

/** Codes counted as contacts: visits, meetings, intent to meet. */
export const CONTACT_CODES = ["036", "042", "043", "044", "046"];

const LEADER =
  /\bsummit\b|\bKim (?:Il[- ]Sung|Jong[- ]Il|Jong[- ]Un)\b|\bXi Jinping\b|\bHu Jintao\b|\bJiang Zemin\b|\bDeng Xiaoping\b|\bMao Zedong\b|\bZhou Enlai\b|\bLiu Shaoqi\b|\bHua Guofeng\b/i;

/** Count visits, meetings and summits per year (events as returned for the contact codes). */
export function contacts(events: Event[]): ContactYear[] {
  const years = new Map<string, ContactYear>();
  for (const e of events) {
    const year = e.date.slice(0, 4);
    let y = years.get(year);
    if (!y) {
      y = { year, visits: 0, meetings: 0, intentToMeet: 0, summits: 0 };
      years.set(year, y);
    }
    const code = e.cameo.slice(0, 3);
    if (code === "042" || code === "043") y.visits++;
    else if (code === "044" || code === "046") y.meetings++;
    else if (code === "036") y.intentToMeet++;
    else continue;
    const t = [e.description, e.evidence.sentence, e.source.name, e.target.name].filter(Boolean).join(" ");
    if (code !== "036" && LEADER.test(t)) y.summits++;
  }
  return [...years.values()].sort((a, b) => a.year.localeCompare(b.year));
}

/**
 * Leverage indicators of a dyad: trade, Security Council votes on resolutions about the target
 * state, contact counts per year, and the conflictual share of events per year.
 */
export function leverage(input: {
  dyad: string;
  /** The state the resolutions are about, and its names and aliases as they appear in text. */
  state: string;
  names?: string[];
  trade: IndicatorPoint[];
  voteEvents: Event[];
  contactEvents: Event[];
  yearly: SeriesPoint[];
}): Leverage {
  const res = resolutions(input.voteEvents, input.state, input.names);
  const members = [...new Set([...P5, ...res.flatMap((r) => Object.keys(r.votes))])].sort();
  return {
    dyad: input.dyad,
    trade: input.trade,
    resolutions: res,
    members,
    contacts: contacts(input.contactEvents),
    conflict: input.yearly
      .filter((p) => p.both.count > 0)
      .map((p) => ({ year: p.period, events: p.both.count, conflictShare: p.both.conflictShare })),
  };
}
