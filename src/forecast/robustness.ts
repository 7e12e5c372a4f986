import type { Spread } from "./spread.ts";

/**
 * Monte Carlo results in words. A forecast is **robust** on a dimension when at least 90% of the
 * perturbed runs land within a tenth of the actors' spread of positions of the unperturbed
 * forecast; a variant's effect is robust when at least 90% of the paired runs move the forecast the
 * same way (or leave it the same).
 */
export const ROBUST_SHARE = 0.9;
/** The tolerance around the forecast, as a share of the spread of the actors' positions. */
export const TOLERANCE_OF_SPREAD = 0.1;

export interface Robustness {
  dimension: string;
  robust: boolean;
  /** The share of runs that agree (within the tolerance, or in the majority direction). */
  share: number;
  text: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const f1 = (x: number) => x.toFixed(1);
const signed = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(1)}`;

/** Whether the forecast survives the perturbation: the share of runs within ±tolerance of it. */
export function forecastRobustness(
  dimension: string,
  forecast: number,
  tolerance: number,
  within: number,
  spread: Spread,
  runs: number,
): Robustness {
  const robust = within >= ROBUST_SHARE;
  const interval = `5–95%: ${f1(spread.p5)} to ${f1(spread.p95)}`;
  const text = robust
    ? `${dimension}: robust: ${pct(within)} of ${runs} runs within ±${f1(tolerance)} of the forecast ${f1(forecast)} (${interval})`
    : `${dimension}: not robust: only ${pct(within)} of ${runs} runs within ±${f1(tolerance)} of the forecast ${f1(forecast)} (${interval})`;
  return { dimension, robust, share: within, text };
}

/** Whether a variant's effect survives the perturbation: the share of paired runs moving one way. */
export function differenceRobustness(
  dimension: string,
  higher: number,
  lower: number,
  spread: Spread,
  runs: number,
): Robustness {
  const same = Math.max(0, 1 - higher - lower);
  const [share, way] = [
    [higher, "higher"],
    [lower, "lower"],
    [same, "the same"],
  ].sort((a, b) => Number(b[0]) - Number(a[0]))[0] as [number, string];
  const robust = share >= ROBUST_SHARE;
  const interval = `Δ ${signed(spread.mean)} ± ${f1(spread.sd)}, 5–95%: ${signed(spread.p5)} to ${signed(spread.p95)}`;
  const text = robust
    ? `${dimension}: robust: ${way} in ${pct(share)} of ${runs} runs (${interval})`
    : `${dimension}: not robust: higher in ${pct(higher)} of ${runs} runs, lower in ${pct(lower)}, the same in ${pct(same)} (${interval})`;
  return { dimension, robust, share, text };
}
