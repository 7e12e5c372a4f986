import type { Event, EventQuery, EventReader, IndicatorPoint } from "../model/index.ts";
import {
  type Claim,
  type ComparativeClaim,
  cameoCodesNamed,
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
import { eventText } from "./votes.ts";

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
  /** A state's names and aliases as written ("DPRK", "North Korea"), for events that name an actor. */
  names: (code: string) => Promise<string[]>;
}

export const checkDefaults: CheckOptions = {
  goldsteinDelta: 1,
  minEvents: 3,
  maxBaselineFactor: 3,
  change: 0.1,
  sharpChange: 0.5,
  nearbyDays: 45,
  evidence: 4,
  names: async () => [],
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
        : c.claim === "deteriorated" || c.claim === "worsened" || c.claim === "strained"
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

/** One value of an indicator claim: its period, value and where that value comes from. */
interface SourcedValue {
  period: string;
  value: number;
  /** The source of this period's value (several joined by "; " when series were summed). */
  source: string | null;
}

/** The indicator series a claim reads: the named series, else "total", else all series summed per period. */
function indicatorValues(points: IndicatorPoint[], c: IndicatorClaim, span: Span): SourcedValue[] {
  const series = c.series ?? (points.some((p) => p.series === "total") ? "total" : undefined);
  const byPeriod = new Map<string, { value: number; sources: Set<string> }>();
  for (const p of points) {
    if (series !== undefined && p.series !== series) continue;
    const v = byPeriod.get(p.period) ?? { value: 0, sources: new Set<string>() };
    v.value += p.value;
    if (p.source) v.sources.add(p.source);
    byPeriod.set(p.period, v);
  }
  const inSpan = [...byPeriod]
    .filter(([p]) => {
      const day = indicatorPeriodStart(p);
      return day !== null && day >= span.from && day <= span.to;
    })
    .map(([period, v]) => ({
      period,
      value: v.value,
      source: v.sources.size ? [...v.sources].join("; ") : null,
    }));
  // Prefer annual values when the period has at least two; half-years and months otherwise.
  const annual = inSpan.filter((v) => v.period.length === 4);
  return (annual.length >= 2 ? annual : inSpan).sort((a, b) => a.period.localeCompare(b.period));
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
  const rel =
    values.length >= 2 && first.value !== 0 ? (last.value - first.value) / Math.abs(first.value) : null;
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
  // Each value is cited by its own source: a series compiled from several sources names the one
  // behind each number (the first point's source is not the last's).
  const numbers = {
    first: first ? `${first.period}: ${first.value}` : null,
    last: last ? `${last.period}: ${last.value}` : null,
    change: r3(rel),
    points: values.length,
    unit,
    firstSource: first?.source ?? null,
    lastSource: last?.source ?? null,
  };
  const verdict: Verdict = rel === null ? "not enough data" : test(rel) ? "supported" : "contradicted";
  return { verdict, rule, numbers, evidence: [] };
}

async function checkComparative(
  reader: ClaimReader,
  c: ComparativeClaim,
  o: CheckOptions,
): Promise<Omit<ClaimResult, "claim" | "statement">> {
  const span = parsePeriod(c.period)!;
  const near = { a: c.actor, b: c.to };
  const far = { a: c.actor, b: c.than };
  const [t1, t2] = await Promise.all([
    totals(reader, { dyad: near, from: span.from, to: span.to }),
    totals(reader, { dyad: far, from: span.from, to: span.to }),
  ]);
  const d = o.goldsteinDelta;
  const n = o.minEvents;
  const gap =
    t1.goldsteinMean !== null && t2.goldsteinMean !== null ? t1.goldsteinMean - t2.goldsteinMean : null;
  const rule = `mean Goldstein of ${c.actor}–${c.to} at least ${d} above that of ${c.actor}–${c.than} in the period (both directions); contradicted when it is not above it; not enough data when the gap is smaller than ${d} or either dyad has fewer than ${n} events`;
  let verdict: Verdict;
  if (gap === null || t1.count < n || t2.count < n) verdict = "not enough data";
  else if (gap >= d) verdict = "supported";
  else if (gap <= 0) verdict = "contradicted";
  else verdict = "not enough data";
  const [e1, e2] = await Promise.all([
    reader.queryEvents({ dyad: near, from: span.from, to: span.to, limit: 2000 }),
    reader.queryEvents({ dyad: far, from: span.from, to: span.to, limit: 2000 }),
  ]);
  const half = Math.max(1, Math.ceil(o.evidence / 2));
  const backs = verdict === "contradicted";
  const evidence = [
    ...pickEvidence(e1, backs ? "conflictual" : "cooperative", half),
    ...pickEvidence(e2, backs ? "cooperative" : "conflictual", half),
  ];
  return {
    verdict,
    rule,
    numbers: {
      [`${c.actor}-${c.to} events`]: t1.count,
      [`${c.actor}-${c.to} goldsteinMean`]: r3(t1.goldsteinMean),
      [`${c.actor}-${c.than} events`]: t2.count,
      [`${c.actor}-${c.than} goldsteinMean`]: r3(t2.goldsteinMean),
      gap: r3(gap),
    },
    evidence,
  };
}

const regexLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Events of one actor (as source when `directed`) that name the other actor in their text: the
 * veto China cast against a US draft on the DPRK is coded CHN→USA but is about China and the DPRK.
 */
async function namingEvents(
  reader: ClaimReader,
  from: string,
  other: string,
  directed: boolean,
  q: EventQuery,
  o: CheckOptions,
): Promise<Event[]> {
  const names = [...new Set([other, ...(await o.names(other))])].filter((n) => n.length >= 3);
  const named = new RegExp(
    `(?:^|[^\\p{L}\\p{N}])(?:${names.map(regexLiteral).join("|")})(?:$|[^\\p{L}\\p{N}])`,
    "u",
  );
  const side = directed ? { source: from } : { actor: from };
  const events = await reader.queryEvents({ ...q, ...side, limit: 2000 });
  return events.filter((e) => named.test(eventText(e)));
}

async function checkEvent(
  reader: ClaimReader,
  c: EventClaim,
  o: CheckOptions,
): Promise<Omit<ClaimResult, "claim" | "statement">> {
  const span = parsePeriod(c.date ?? c.period!)!;
  const range = { from: addDays(span.from, -c.window), to: addDays(span.to, c.window) };
  const dyad = dyadQuery(c);
  const codes = c.event ? cameoCodesNamed(c.event) : c.cameo ? [c.cameo] : undefined;
  const what = { cameo: codes, root: c.root ? [c.root] : undefined, text: c.mentions, ...range };
  let found = await reader.queryEvents({ dyad, ...what, limit: 200 });
  let across = 0;
  if (!found.length && c.across) {
    // The dyad's own events hold none: look for events of either actor that name the other.
    const [a, b] = c.dyad.split("-");
    const seen = new Set<string>();
    const more = [
      ...(await namingEvents(reader, a, b, c.directed, what, o)),
      ...(c.directed ? [] : await namingEvents(reader, b, a, false, what, o)),
    ].filter((e) => !seen.has(e.id) && seen.add(e.id));
    across = more.length;
    found = more;
  }
  const kind = c.event
    ? ` of type "${c.event}" (CAMEO ${codes!.join(", ")})`
    : c.cameo
      ? ` with CAMEO ${c.cameo}`
      : c.root
        ? ` with root ${c.root}`
        : "";
  const [a, b] = c.dyad.split("-");
  const acrossText = c.across
    ? `, or, when the dyad has none, an event of ${a}${c.directed ? " (as source)" : ` or ${b}`} with any actor whose text names ${c.directed ? b : "the other"}`
    : "";
  const matching = `an event of the dyad${c.directed ? " (this direction)" : ""}${kind}${
    c.mentions ? ` mentioning "${c.mentions}"` : ""
  } dated ${range.from}..${range.to}${acrossText}`;
  if (c.claim === "absent") {
    // Absence is read against the events the record does have then: with none, it says nothing.
    const then = await reader.queryEvents({ dyad, ...range, limit: 200 });
    const rule = `supported when the record has events of the dyad${c.directed ? " (this direction)" : ""} dated ${range.from}..${range.to} but none is ${matching}; contradicted when one is; not enough data when the record has no events of the dyad then`;
    return {
      verdict: found.length ? "contradicted" : then.length ? "supported" : "not enough data",
      rule,
      numbers: { matching: found.length, acrossDyads: across, eventsThen: then.length },
      evidence: (found.length ? found : then).slice(0, o.evidence).map(toEvidence),
    };
  }
  const rule = `${matching}; contradicted when the record has other events of the dyad within ${o.nearbyDays} days but none matching`;
  if (found.length) {
    return {
      verdict: "supported",
      rule,
      numbers: { matching: found.length, acrossDyads: across, nearby: null },
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
    numbers: { matching: 0, acrossDyads: 0, nearby: near.length },
    evidence: near.slice(0, o.evidence).map(toEvidence),
  };
}

/**
 * Check claims against the record. Each comes back supported, contradicted or not enough data,
 * with the rule applied, its numbers and the evidence events. Once `signal` aborts (the server's
 * client left), no further claim is checked: the promise rejects.
 * @example await checkClaims(store, parseClaimsText(yaml))
 */
export async function checkClaims(
  reader: ClaimReader,
  claims: Claim[],
  options: Partial<CheckOptions> & { signal?: AbortSignal } = {},
): Promise<ClaimResult[]> {
  const o = { ...checkDefaults, ...options } satisfies CheckOptions;
  const out: ClaimResult[] = [];
  for (const claim of claims) {
    if (options.signal?.aborted)
      throw new Error(`claim check cancelled after ${out.length} of ${claims.length} claims`);
    const r =
      claim.claim === "event" || claim.claim === "absent"
        ? await checkEvent(reader, claim as EventClaim, o)
        : claim.claim === "closer"
          ? await checkComparative(reader, claim as ComparativeClaim, o)
          : "indicator" in claim
            ? await checkIndicator(reader, claim, o)
            : await checkDyad(reader, claim as DyadClaim, o);
    out.push({ claim, statement: claim.text ?? describeClaim(claim), ...r });
  }
  return out;
}
