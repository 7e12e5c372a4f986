import { type Bucket, dateStart, type Event } from "../model/index.ts";
import { type ChangepointOptions, estimateSigma, pelt } from "./changepoint.ts";
import type { EvidenceEvent } from "./evidence.ts";
import { periodOf } from "./period.ts";
import { type SeriesCell, type SeriesPoint, total } from "./series.ts";
import { runningMedian3 } from "./smooth.ts";

export type PhaseLabel = "warming" | "cooling" | "stable";

/** A run of periods with one mean Goldstein level. */
export interface Phase {
  /** First and last period label of the phase (gaps between phases belong to the earlier one). */
  from: string;
  to: string;
  start: string;
  end: string;
  /** Both directions together over the phase. */
  totals: SeriesCell;
  goldsteinMean: number;
  /** Mean Goldstein minus the previous phase's; null for the first phase. */
  change: number | null;
  /** warming / cooling when the mean moved by at least the threshold from the previous phase. */
  label: PhaseLabel;
  evidence: EvidenceEvent[];
}

/** Where one phase gives way to the next. */
export interface TurningPoint {
  period: string;
  date: string;
  change: number;
  label: PhaseLabel;
}

export interface PhaseOptions extends ChangepointOptions {
  /** Smallest change in mean Goldstein (points on the −10..10 scale) labelled warming or cooling. */
  threshold: number;
  /**
   * Segment the running median of three periods' means ({@link runningMedian3}) rather than the
   * means themselves (default true): one period's events can then neither make a phase on their
   * own nor move a boundary far from them.
   */
  smooth: boolean;
  /**
   * Fewest events the median observed period (the lower middle one of an even number) must hold for
   * phases to be called (default 2). Where most periods rest on a single report, a phase would be
   * drawn through single reports, and one article added moves boundaries anywhere: the result then
   * says so ({@link PhaseResult.thin}) instead of calling phases. 1 calls phases on any record.
   */
  minPeriodEvents: number;
}

export const phaseDefaults: PhaseOptions = { threshold: 1, minSize: 1, smooth: true, minPeriodEvents: 2 };

export interface PhaseModel {
  method: "PELT";
  cost: string;
  bucket: Bucket;
  sigma: number;
  penalty: number;
  threshold: number;
  minSize: number;
  smooth: boolean;
  minPeriodEvents: number;
  /** Events in the median observed period (null: no events). */
  medianPeriodEvents: number | null;
}

export interface PhaseResult {
  model: PhaseModel;
  phases: Phase[];
  turningPoints: TurningPoint[];
  /**
   * Why no phases are called, when the record is too thin for them: "too few events to call a
   * phase: …" (no phases, no turning points); null when phases were called or there are no events.
   */
  thin: string | null;
}

/**
 * Split a dyad series into phases of constant mean Goldstein (PELT, see changepoint.ts) and label
 * each by its shift from the phase before. Empty periods are not observations: they neither vote
 * for nor against a change. PELT runs on the running median of three periods' means (`smooth`),
 * weighted by their events, with σ from the means themselves unless given; a phase's mean, change
 * and label are its own events'.
 * @example phases(dyadSeries(rows, "year"), "year")
 */
export function phases(
  series: SeriesPoint[],
  bucket: Bucket,
  options: Partial<PhaseOptions> = {},
): PhaseResult {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const opts = { ...phaseDefaults, ...given } satisfies PhaseOptions;
  const observed = series.map((p, i) => ({ p, i })).filter(({ p }) => p.both.count > 0);
  const means = observed.map(({ p }) => p.both.goldsteinMean!);
  const counts = observed.map(({ p }) => p.both.count);
  const typical = counts.length ? [...counts].sort((a, b) => a - b)[(counts.length - 1) >> 1] : null;
  // σ is the noise of the means as observed: the smooth would understate it.
  const sigma = opts.sigma ?? estimateSigma(means, counts);
  const seg = pelt(opts.smooth ? runningMedian3(means) : means, counts, { ...opts, sigma });
  const model: PhaseModel = {
    method: "PELT",
    cost: `Gaussian change in mean of event Goldstein scores${opts.smooth ? ", on the running median of 3 periods" : ""} (σ: pooled within-bucket SD); breaks at bucket boundaries`,
    bucket,
    sigma: round(seg.sigma),
    penalty: round(seg.beta),
    threshold: opts.threshold,
    minSize: opts.minSize,
    smooth: opts.smooth,
    minPeriodEvents: opts.minPeriodEvents,
    medianPeriodEvents: typical,
  };
  if (typical === null) return { model, phases: [], turningPoints: [], thin: null };
  if (typical < opts.minPeriodEvents) {
    const events = counts.reduce((a, b) => a + b, 0);
    const thin = `too few events to call a phase: the median ${bucket} with events holds ${typical} event${typical === 1 ? "" : "s"} (${events} in ${counts.length} ${bucket}s), and phases need ${opts.minPeriodEvents} or more`;
    return { model, phases: [], turningPoints: [], thin };
  }
  // Observation index → series index of each phase start; the first phase starts at the series start.
  const starts = [0, ...seg.changepoints.map((c) => observed[c].i)];
  const out: Phase[] = [];
  starts.forEach((s, k) => {
    const e = k + 1 < starts.length ? starts[k + 1] - 1 : series.length - 1;
    const run = series.slice(s, e + 1);
    const totals = total(run);
    const mean = totals.goldsteinMean ?? 0;
    const prev = out[k - 1];
    const change = prev ? mean - prev.goldsteinMean : null;
    out.push({
      from: run[0].period,
      to: run[run.length - 1].period,
      start: run[0].start,
      end: run[run.length - 1].end,
      totals,
      goldsteinMean: round(mean),
      change: change === null ? null : round(change),
      label: labelOf(change, opts.threshold),
      evidence: [],
    });
  });
  const turningPoints = out.slice(1).map((p) => ({
    period: p.from,
    date: p.start,
    change: p.change!,
    label: p.label,
  }));
  return { model, phases: out, turningPoints, thin: null };
}

/**
 * Pooled within-bucket standard deviation of event Goldstein scores: the σ of the phase model,
 * measured where no phase change can occur (inside one bucket). Null with too few events.
 */
export function withinBucketSigma(
  events: Pick<Event, "date" | "goldstein">[],
  bucket: Bucket,
): number | null {
  const groups = new Map<string, number[]>();
  for (const e of events) {
    const key = periodOf(dateStart(e.date), bucket);
    const g = groups.get(key);
    if (g) g.push(e.goldstein);
    else groups.set(key, [e.goldstein]);
  }
  let ss = 0;
  let dof = 0;
  for (const g of groups.values()) {
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    for (const x of g) ss += (x - mean) ** 2;
    dof += g.length - 1;
  }
  return dof >= 2 && ss > 0 ? Math.sqrt(ss / dof) : null;
}

export function labelOf(change: number | null, threshold: number): PhaseLabel {
  if (change === null || Math.abs(change) < threshold) return "stable";
  return change > 0 ? "warming" : "cooling";
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
