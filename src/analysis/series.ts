import { type AggregateRow, type Bucket, dateEnd, dateStart } from "../model/index.ts";
import { periodEnd, periodOf, periodRange, periodStart } from "./period.ts";

/** Counts and Goldstein measures of one period in one direction (or both directions together). */
export interface SeriesCell {
  count: number;
  /** Counts per quad class: verbal cooperation, material cooperation, verbal conflict, material conflict. */
  q1: number;
  q2: number;
  q3: number;
  q4: number;
  goldsteinSum: number;
  /** Mean Goldstein of the period's events; null when there are none. */
  goldsteinMean: number | null;
  /** Cooperative (quad 1 + 2) minus conflictual (quad 3 + 4) events. */
  netCooperation: number;
  /** Conflictual events as a share of all; null when there are none. */
  conflictShare: number | null;
}

/** One period of a dyad series: a→b, b→a and both together (`ab`/`ba` are null without a dyad). */
export interface SeriesPoint {
  period: string;
  start: string;
  end: string;
  both: SeriesCell;
  ab: SeriesCell | null;
  ba: SeriesCell | null;
}

export interface SeriesOptions {
  /** Include empty periods between the first and last (or `from`/`to`), so charts and models see gaps. */
  fill: boolean;
  /** Bounds for filling, any date precision. */
  from?: string;
  to?: string;
  /** No filling beyond this many periods (daily series over decades). */
  maxFill: number;
}

const defaults: SeriesOptions = { fill: true, maxFill: 20_000 };

type Counts = Pick<SeriesCell, "count" | "q1" | "q2" | "q3" | "q4" | "goldsteinSum">;

const zero = (): Counts => ({ count: 0, q1: 0, q2: 0, q3: 0, q4: 0, goldsteinSum: 0 });

function add(into: Counts, r: Counts): void {
  into.count += r.count;
  into.q1 += r.q1;
  into.q2 += r.q2;
  into.q3 += r.q3;
  into.q4 += r.q4;
  into.goldsteinSum += r.goldsteinSum;
}

/** Three decimals: finer than the Goldstein scale's own precision, and a smaller API answer. */
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Derive the means and shares of a cell from its counts (rounded to three decimals). */
export function cell(c: Counts): SeriesCell {
  const conflict = c.q3 + c.q4;
  return {
    ...c,
    goldsteinSum: round3(c.goldsteinSum),
    goldsteinMean: c.count ? round3(c.goldsteinSum / c.count) : null,
    netCooperation: c.q1 + c.q2 - conflict,
    conflictShare: c.count ? round3(conflict / c.count) : null,
  };
}

/**
 * Build a dyad series from the store's aggregate rows (`store.aggregate(query, bucket)`).
 * @example dyadSeries(await store.aggregate({ dyad: { a: "CHN", b: "PRK" } }, "year"), "year")
 */
export function dyadSeries(
  rows: AggregateRow[],
  bucket: Bucket,
  options: Partial<SeriesOptions> = {},
): SeriesPoint[] {
  const opts = { ...defaults, ...options } satisfies SeriesOptions;
  const directed = rows.some((r) => r.direction !== "all");
  const byPeriod = new Map<string, { both: Counts; ab: Counts; ba: Counts }>();
  for (const r of rows) {
    let p = byPeriod.get(r.period);
    if (!p) {
      p = { both: zero(), ab: zero(), ba: zero() };
      byPeriod.set(r.period, p);
    }
    add(p.both, r);
    if (r.direction === "ab") add(p.ab, r);
    if (r.direction === "ba") add(p.ba, r);
  }
  let labels = [...byPeriod.keys()].sort();
  const lo = [opts.from && periodOf(dateStart(opts.from), bucket), labels[0]].filter(Boolean) as string[];
  const hi = [opts.to && periodOf(dateEnd(opts.to), bucket), labels[labels.length - 1]].filter(
    Boolean,
  ) as string[];
  if (opts.fill && lo.length && hi.length) {
    try {
      labels = periodRange(lo.sort()[0], hi.sort()[hi.length - 1], bucket, opts.maxFill);
    } catch {
      // Too many periods to fill (a daily series over decades): keep only the non-empty ones.
    }
  }
  return labels.map((period) => {
    const p = byPeriod.get(period);
    return {
      period,
      start: periodStart(period, bucket),
      end: periodEnd(period, bucket),
      both: cell(p?.both ?? zero()),
      ab: directed ? cell(p?.ab ?? zero()) : null,
      ba: directed ? cell(p?.ba ?? zero()) : null,
    };
  });
}

/** Sum series cells over a run of points (e.g. a phase or a claim's period). */
export function total(points: SeriesPoint[], side: "both" | "ab" | "ba" = "both"): SeriesCell {
  const c = zero();
  for (const p of points) {
    const s = p[side];
    if (s) add(c, s);
  }
  return cell(c);
}
