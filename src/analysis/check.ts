import type { EventQuery, EventReader, IndicatorPoint } from "../model/index.ts";
import {
  type Claim,
  type DyadClaim,
  describeClaim,
  type EventClaim,
  type IndicatorClaim,
  parsePeriod,
  type Span,
} from "./claims.ts";
import { type EvidenceEvent, pickEvidence, toEvidence } from "./evidence.ts";
import { addDays, daysBetween } from "./period.ts";
import { cell, type SeriesCell } from "./series.ts";

export type Verdict = "supported" | "contradicted" | "not enough data";

export interface ClaimResult {
  claim: Claim;
  statement: string;
  verdict: Verdict;
  /** The decision rule applied, in words. */
  rule: string;
  numbers: Record<string, number | string | null>;
  evidence: EvidenceEvent[];
}

/** What the claim check reads from the store. */
export type ClaimReader = Pick<EventReader, "aggregate" | "queryEvents" | "indicators">;

/** Thresholds of the decision rules (stated in the README and the API document). */
export interface CheckOptions {
  /** Change in mean Goldstein (points) that counts as improved / deteriorated / strained. */
  goldsteinDelta: number;
  /** Minimum evidence: fewest events in the claimed period and in its baseline for a mean to count. */
  minEvents: number;
  /**
   * Widest baseline of a movement claim, in multiples of the claimed period's length: when the
   * preceding period of equal length has fewer than `minEvents` events, the baseline is widened
   * backwards one period length at a time (2×, 3×, …) up to this factor.
   */
  maxBaselineFactor: number;
  /** Relative change counting as increased / decreased, and as surged / collapsed. */
  change: number;
  sharpChange: number;
  /** Days around an event claim's date searched for nearby events when none match. */
  nearbyDays: number;
  /** Evidence events per claim. */
  evidence: number;
}

export const checkDefaults: CheckOptions = {
  goldsteinDelta: 1,
  minEvents: 3,
  maxBaselineFactor: 3,
  change: 0.1,
  sharpChange: 0.5,
  nearbyDays: 45,
  evidence: 4,
};

const r3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

function dyadQuery(c: { dyad: string; directed: boolean }): EventQuery["dyad"] {
  const [a, b] = c.dyad.split("-");
  return { a, b, directed: c.directed };
}

async function totals(reader: ClaimReader, q: EventQuery): Promise<SeriesCell> {
  const rows = await reader.aggregate(q, "year");
  const c = { count: 0, q1: 0, q2: 0, q3: 0, q4: 0, goldsteinSum: 0 };
  for (const r of rows) for (const k of Object.keys(c) as (keyof typeof c)[]) c[k] += r[k];
  return cell(c);
}

/**
 * The period just before a span, `factor` times its length: in whole years or months when the span
 * is made of them (2016..2017 → 2014..2015; factor 3 → 2010..2015), in days otherwise.
 */
export function precedingSpan(span: Span, factor = 1): Span {
  const to = addDays(span.from, -1);
  const endsMonth = addDays(span.to, 1).slice(8) === "01";
  if (span.from.slice(8) === "01" && endsMonth) {
    const months =
      (Number(span.to.slice(0, 4)) - Number(span.from.slice(0, 4))) * 12 +
      Number(span.to.slice(5, 7)) -
      Number(span.from.slice(5, 7)) +
      1;
    const index = Number(span.from.slice(0, 4)) * 12 + Number(span.from.slice(5, 7)) - 1 - months * factor;
    const from = `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}-01`;
    return { from, to };
  }
  return { from: addDays(span.from, -(daysBetween(span.from, span.to) + 1) * factor), to };
}

/**
 * The baseline of a movement claim: the preceding period of equal length, widened backwards one
 * period length at a time while it holds fewer than `minEvents` events, up to `maxBaselineFactor`
 * lengths. Returns the last window tried (the widest, when all are too thin) and its factor.
 */
export async function movementBaseline(
  reader: ClaimReader,
  dyad: EventQuery["dyad"],
  span: Span,
  o: Pick<CheckOptions, "minEvents" | "maxBaselineFactor">,
): Promise<{ span: Span; factor: number; totals: SeriesCell }> {
  const max = Math.max(1, Math.floor(o.maxBaselineFactor));
  for (let factor = 1; ; factor++) {
    const prev = precedingSpan(span, factor);
    const t = await totals(reader, { dyad, from: prev.from, to: prev.to });
    if (t.count >= o.minEvents || factor >= max) return { span: prev, factor, totals: t };
  }
}

async function checkDyad(
  reader: ClaimReader,
  c: DyadClaim,
  o: CheckOptions,
): Promise<Omit<ClaimResult, "claim" | "statement">> {
  const span = parsePeriod(c.period)!;
  const dyad = dyadQuery(c);
  const now = await totals(reader, { dyad, from: span.from, to: span.to });
  const level = c.claim === "strained" || c.claim === "cooperative";
  let base: SeriesCell;
  let baseLabel: string;
  let factor: number | null = null;
  if (level) {
    const all = await totals(reader, { dyad });
    base = cell({
      count: all.count - now.count,
      q1: all.q1 - now.q1,
      q2: all.q2 - now.q2,
      q3: all.q3 - now.q3,
      q4: all.q4 - now.q4,
      goldsteinSum: all.goldsteinSum - now.goldsteinSum,
    });
    baseLabel = "rest of the record";
  } else {
    const b = await movementBaseline(reader, dyad, span, o);
    base = b.totals;
    factor = b.factor;
    baseLabel = `${b.span.from}..${b.span.to}`;
  }
  const d = o.goldsteinDelta;
  const n = o.minEvents;
  const baselineRule = `the baseline is the preceding period of equal length, widened backwards one period length at a time (up to ${o.maxBaselineFactor}× the length) while it has fewer than ${n} events`;
  const rule = level
    ? `mean Goldstein in the period is ${c.claim === "strained" ? `at least ${d} below` : `at least ${d} above`} the rest of the record's; at least ${n} events on each side`
    : `${
        c.claim === "stable"
          ? `mean Goldstein moved by less than ${d} from the baseline`
          : `mean Goldstein ${c.claim === "improved" ? "rose" : "fell"} by at least ${d} from the baseline`
      }; ${baselineRule}; at least ${n} events in the period and in the baseline`;
  const delta =
    now.goldsteinMean !== null && base.goldsteinMean !== null ? now.goldsteinMean - base.goldsteinMean : null;
  const numbers = {
    events: now.count,
    goldsteinMean: r3(now.goldsteinMean),
    netCooperation: now.netCooperation,
    conflictShare: r3(now.conflictShare),
    baseline: baseLabel,
    baselineFactor: factor,
    baselineEvents: base.count,
    baselineGoldsteinMean: r3(base.goldsteinMean),
    change: r3(delta),
  };
  let verdict: Verdict;
  if (delta === null || now.count < o.minEvents || base.count < o.minEvents) verdict = "not enough data";
  else {
    const ok =
      c.claim === "improved" || c.claim === "cooperative"
        ? delta >= d
        : c.claim === "deteriorated" || c.claim === "strained"
          ? delta <= -d
          : Math.abs(delta) < d;
    verdict = ok ? "supported" : "contradicted";
  }
  const lean =
    c.claim === "improved" || c.claim === "cooperative"
      ? "cooperative"
      : c.claim === "stable"
        ? "salient"
        : "conflictual";
  const events = await reader.queryEvents({ dyad, from: span.from, to: span.to, limit: 2000 });
  let evidence = pickEvidence(events, lean, o.evidence);
  // A contradicted claim is best shown by the events that pull the other way.
  if (verdict === "contradicted" && lean !== "salient") {
    evidence = pickEvidence(events, lean === "cooperative" ? "conflictual" : "cooperative", o.evidence);
  }
  return { verdict, rule, numbers, evidence };
}

/** First day of an indicator period: "2019", "2019-H2", "2019-Q3", "2019-03"; null if unknown. */
export function indicatorPeriodStart(p: string): string | null {
  const m = /^(\d{4})(?:-(?:H([12])|Q([1-4])|(\d{2})))?$/.exec(p);
  if (!m) return null;
  const month = m[2]
    ? (Number(m[2]) - 1) * 6 + 1
    : m[3]
      ? (Number(m[3]) - 1) * 3 + 1
      : m[4]
        ? Number(m[4])
        : 1;
  return `${m[1]}-${String(month).padStart(2, "0")}-01`;
}

/** The indicator series a claim reads: the named series, else "total", else all series summed per period. */
function indicatorValues(points: IndicatorPoint[], c: IndicatorClaim, span: Span): [string, number][] {
  const series = c.series ?? (points.some((p) => p.series === "total") ? "total" : undefined);
  const byPeriod = new Map<string, number>();
  for (const p of points) {
    if (series !== undefined && p.series !== series) continue;
    byPeriod.set(p.period, (byPeriod.get(p.period) ?? 0) + p.value);
  }
  const inSpan = [...byPeriod].filter(([p]) => {
    const day = indicatorPeriodStart(p);
    return day !== null && day >= span.from && day <= span.to;
  });
  // Prefer annual values when the period has at least two; half-years and months otherwise.
  const annual = inSpan.filter(([p]) => p.length === 4);
  return (annual.length >= 2 ? annual : inSpan).sort(([a], [b]) => a.localeCompare(b));
}

async function checkIndicator(
  reader: ClaimReader,
  c: IndicatorClaim,
  o: CheckOptions,
): Promise<Omit<ClaimResult, "claim" | "statement">> {
  const span = parsePeriod(c.period)!;
  const points = await reader.indicators({ indicator: c.indicator, subject: c.subject });
  const values = indicatorValues(points, c, span);
  const first = values[0];
  const last = values[values.length - 1];
  const rel = values.length >= 2 && first[1] !== 0 ? (last[1] - first[1]) / Math.abs(first[1]) : null;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const rules: Record<IndicatorClaim["claim"], [string, (r: number) => boolean]> = {
    increased: [`last value at least ${pct(o.change)} above the first`, (r) => r >= o.change],
    surged: [`last value at least ${pct(o.sharpChange)} above the first`, (r) => r >= o.sharpChange],
    decreased: [`last value at least ${pct(o.change)} below the first`, (r) => r <= -o.change],
    collapsed: [`last value at least ${pct(o.sharpChange)} below the first`, (r) => r <= -o.sharpChange],
    stable: [`last value within ${pct(o.change)} of the first`, (r) => Math.abs(r) < o.change],
  };
  const [rule, test] = rules[c.claim];
  const unit = points[0]?.unit ?? null;
  const numbers = {
    first: first ? `${first[0]}: ${first[1]}` : null,
    last: last ? `${last[0]}: ${last[1]}` : null,
    change: r3(rel),
    points: values.length,
    unit,
    source: points.find((p) => p.source)?.source ?? null,
  };
  const verdict: Verdict = rel === null ? "not enough data" : test(rel) ? "supported" : "contradicted";
  return { verdict, rule, numbers, evidence: [] };
}

async function checkEvent(
  reader: ClaimReader,
  c: EventClaim,
  o: CheckOptions,
): Promise<Omit<ClaimResult, "claim" | "statement">> {
  const span = parsePeriod(c.date ?? c.period!)!;
  const range = { from: addDays(span.from, -c.window), to: addDays(span.to, c.window) };
  const dyad = dyadQuery(c);
  const what = { cameo: c.cameo ? [c.cameo] : undefined, root: c.root ? [c.root] : undefined };
  const found = await reader.queryEvents({ dyad, ...what, text: c.mentions, ...range, limit: 200 });
  const matching = `an event of the dyad${c.directed ? " (this direction)" : ""}${
    c.cameo ? ` with CAMEO ${c.cameo}` : c.root ? ` with root ${c.root}` : ""
  }${c.mentions ? ` mentioning "${c.mentions}"` : ""} dated ${range.from}..${range.to}`;
  if (c.claim === "absent") {
    // Absence is read against the events the record does have then: with none, it says nothing.
    const then = await reader.queryEvents({ dyad, ...range, limit: 200 });
    const rule = `supported when the record has events of the dyad${c.directed ? " (this direction)" : ""} dated ${range.from}..${range.to} but none is ${matching}; contradicted when one is; not enough data when the record has no events of the dyad then`;
    return {
      verdict: found.length ? "contradicted" : then.length ? "supported" : "not enough data",
      rule,
      numbers: { matching: found.length, eventsThen: then.length },
      evidence: (found.length ? found : then).slice(0, o.evidence).map(toEvidence),
    };
  }
  const rule = `${matching}; contradicted when the record has other events of the dyad within ${o.nearbyDays} days but none matching`;
  if (found.length) {
    return {
      verdict: "supported",
      rule,
      numbers: { matching: found.length, nearby: null },
      evidence: found.slice(0, o.evidence).map(toEvidence),
    };
  }
  const near = await reader.queryEvents({
    dyad: { ...dyad!, directed: false },
    from: addDays(range.from, -o.nearbyDays),
    to: addDays(range.to, o.nearbyDays),
    limit: 200,
  });
  return {
    verdict: near.length ? "contradicted" : "not enough data",
    rule,
    numbers: { matching: 0, nearby: near.length },
    evidence: near.slice(0, o.evidence).map(toEvidence),
  };
}

/**
 * Check claims against the record. Each comes back supported, contradicted or not enough data,
 * with the rule applied, its numbers and the evidence events.
 * @example await checkClaims(store, parseClaimsText(yaml))
 */
export async function checkClaims(
  reader: ClaimReader,
  claims: Claim[],
  options: Partial<CheckOptions> = {},
): Promise<ClaimResult[]> {
  const o = { ...checkDefaults, ...options } satisfies CheckOptions;
  const out: ClaimResult[] = [];
  for (const claim of claims) {
    const r =
      claim.claim === "event" || claim.claim === "absent"
        ? await checkEvent(reader, claim as EventClaim, o)
        : "indicator" in claim
          ? await checkIndicator(reader, claim, o)
          : await checkDyad(reader, claim as DyadClaim, o);
    out.push({ claim, statement: claim.text ?? describeClaim(claim), ...r });
  }
  return out;
}
