import type { Event, QuadClass } from "./event.ts";

/**
 * An actor filter. "CHN" matches every actor whose code starts with CHN (CHN, CHNGOV, CHNMIL…);
 * "CHNGOV" matches CHNGOV and its sub-roles (CHNGOVMIL). Matching is on the CAMEO actor code prefix.
 */
export type ActorFilter = string;

/** Filters shared by the CLI (`yalu events`), the API (`/api/events`) and analysis queries. */
export interface EventQuery {
  /** Two actors. `directed: true` keeps only a→b; otherwise a→b and b→a. */
  dyad?: { a: ActorFilter; b: ActorFilter; directed?: boolean };
  /** Events with this actor on either side. */
  actor?: ActorFilter;
  /** Only events with this actor as source / as target. */
  source?: ActorFilter;
  target?: ActorFilter;
  /** CAMEO code prefixes ("04", "043", "1041"). */
  cameo?: string[];
  /** Two-digit roots. */
  root?: string[];
  quadClass?: QuadClass[];
  /** Inclusive bounds, any precision ("2013", "2013-03", "2013-03-07"): events overlapping them. */
  from?: string;
  to?: string;
  /** Case-insensitive text search over evidence sentence, description and citation title. */
  text?: string;
  /**
   * True: only machine-coded events (those with a confidence, coded by `yalu code`); false: only
   * the others (curated and imported).
   */
  machine?: boolean;
  /** Only machine-coded events whose confidence is at least this (0–1). */
  minConfidence?: number;
  /** Ordering by date; default ascending. */
  order?: "asc" | "desc";
  limit?: number;
  offset?: number;
}

export type Bucket = "day" | "month" | "quarter" | "year";

/**
 * One aggregated row: for a period bucket and direction, counts per quad class and the Goldstein
 * sum. Computed in the engine so series over millions of events stay fast.
 */
export interface AggregateRow {
  /** Bucket label: "2018-03-01" (day), "2018-03" (month), "2018-Q1" (quarter), "2018" (year). */
  period: string;
  /** "ab" when the source matches dyad.a, "ba" when it matches dyad.b (or "all" without a dyad). */
  direction: "ab" | "ba" | "all";
  count: number;
  q1: number;
  q2: number;
  q3: number;
  q4: number;
  goldsteinSum: number;
}

/** A (source, target) pair with its volume, for networks and top-dyad lists. */
export interface DyadRow {
  source: string;
  target: string;
  count: number;
  goldsteinSum: number;
  /** Conflictual (quad 3 + 4) and cooperative (quad 1 + 2) counts. */
  conflict: number;
  cooperation: number;
}

/** A dated value of a named indicator series, e.g. China–DPRK trade in USD. */
export interface IndicatorPoint {
  /** Indicator name, e.g. "trade". */
  indicator: string;
  /** The dyad or actor the series describes, e.g. "CHN-PRK". */
  subject: string;
  /** Period label: "2019", "2019-H1", "2019-03". */
  period: string;
  value: number;
  unit: string;
  /** What the value measures within the indicator ("exports", "imports", "total"). */
  series: string;
  source: string | null;
  url: string | null;
  note: string | null;
}

/**
 * What reads the event record: the Store's query methods. The analysis and the forecast take one
 * (a Store, or a cache in front of one) and hold no store of their own.
 */
export interface EventReader {
  queryEvents(query: EventQuery): Promise<Event[]>;
  countEvents(query: EventQuery): Promise<number>;
  getEvent(id: string): Promise<Event | null>;
  /** Counts per bucket and direction; `query.dyad` sets the directions. */
  aggregate(query: EventQuery, bucket: Bucket): Promise<AggregateRow[]>;
  /** Dyads by volume under the filters, largest first. */
  dyads(query: EventQuery, limit: number): Promise<DyadRow[]>;
  indicators(filter: { indicator?: string; subject?: string }): Promise<IndicatorPoint[]>;
}
