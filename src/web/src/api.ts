/** The API's JSON shapes as the dashboard uses them (kept here: browser code has its own types). */

export interface Citation {
  publication: string | null;
  title: string | null;
  date: string | null;
  url: string | null;
}

export interface Actor {
  code: string;
  country: string | null;
  name: string | null;
}

export interface Event {
  id: string;
  date: string;
  source: Actor;
  target: Actor;
  cameo: string;
  root: string;
  quadClass: 1 | 2 | 3 | 4;
  goldstein: number;
  description: string | null;
  confidence: number | null;
  evidence: { sentence: string | null; citation: Citation | null };
}

export interface Cell {
  count: number;
  q1: number;
  q2: number;
  q3: number;
  q4: number;
  goldsteinSum: number;
  goldsteinMean: number | null;
  netCooperation: number;
  conflictShare: number | null;
}

export interface SeriesPoint {
  period: string;
  start: string;
  end: string;
  both: Cell;
  ab: Cell | null;
  ba: Cell | null;
}

export interface EvidenceEvent {
  id: string;
  date: string;
  source: string;
  target: string;
  cameo: string;
  action: string | null;
  goldstein: number;
  description: string | null;
  sentence: string | null;
  citation: Citation | null;
  confidence: number | null;
}

export interface Phase {
  from: string;
  to: string;
  start: string;
  end: string;
  goldsteinMean: number;
  change: number | null;
  label: "warming" | "cooling" | "stable";
  totals: Cell;
  evidence: EvidenceEvent[];
}

export interface PhasesResponse {
  dyad: string;
  model: { method: string; cost: string; bucket: string; sigma: number; penalty: number; threshold: number };
  phases: Phase[];
  turningPoints: { period: string; date: string; change: number; label: string }[];
  series: SeriesPoint[];
}

export interface NetworkResponse {
  nodes: {
    id: string;
    degree: number;
    weightedDegree: number;
    goldsteinSum: number;
    betweenness: number;
    eigenvector: number;
  }[];
  edges: {
    source: string;
    target: string;
    count: number;
    goldsteinMean: number;
    cooperation: number;
    conflict: number;
  }[];
}

export interface Leverage {
  dyad: string;
  trade: {
    period: string;
    value: number;
    unit: string;
    series: string;
    source: string | null;
    url: string | null;
  }[];
  resolutions: {
    resolution: string;
    date: string;
    votes: Record<string, string>;
    unanimous: boolean;
    evidence: EvidenceEvent[];
  }[];
  members: string[];
  contacts: { year: string; visits: number; meetings: number; intentToMeet: number; summits: number }[];
  conflict: { year: string; events: number; conflictShare: number | null }[];
}

export interface ClaimResult {
  claim: Record<string, unknown>;
  statement: string;
  verdict: "supported" | "contradicted" | "not enough data";
  rule: string;
  numbers: Record<string, number | string | null>;
  evidence: EvidenceEvent[];
}

/** An API error, with the message and parameter the server named. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/** GET or POST JSON; throws {@link ApiError} with the server's message. */
export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError(res.status, e?.message ?? `HTTP ${res.status}`, e?.parameter);
  }
  return body as T;
}

/** "2018", "2018-03" or "2018-03-25" as a Date at the start of that period (UTC). */
export function toDate(date: string): Date {
  const [y, m = "01", d = "01"] = date.split("-");
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
}
