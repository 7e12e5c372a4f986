import { type ForecastOptions, forecast } from "./forecast.ts";
import { createPrng, type Prng } from "./prng.ts";
import {
  differenceRobustness,
  forecastRobustness,
  type Robustness,
  TOLERANCE_OF_SPREAD,
} from "./robustness.ts";
import { type Spread, spread } from "./spread.ts";
import type { ForecastInput } from "./types.ts";

/**
 * Monte Carlo sensitivity: perturb the inputs N times with a stated distribution and report the
 * spread of the forecast.
 * - positions: + Normal(0, sdPosition) points, clipped to 0–100;
 * - saliences: + Normal(0, sdSalience) points, clipped at 0, rescaled to sum ≤ 100;
 * - capabilities: × exp(Normal(0, sdCapability)) (log-normal, median unchanged).
 */
export interface PerturbationSpec {
  runs: number;
  seed: string;
  sdPosition: number;
  sdSalience: number;
  sdCapability: number;
}

export const DEFAULT_PERTURBATION = {
  runs: 100,
  seed: "1",
  sdPosition: 5,
  sdSalience: 5,
  sdCapability: 0.1,
} as const satisfies PerturbationSpec;

export interface SensitivityResult {
  spec: PerturbationSpec;
  dimensions: string[];
  actors: string[];
  /** Spread of the forecast outcome per dimension. */
  outcome: Spread[];
  /** Spread of each actor's final position per dimension. */
  finalPositions: Spread[][];
  /** The unperturbed forecast per dimension. */
  forecast: number[];
  /** Per dimension: a tenth of the spread of the actors' positions, the "close to the forecast" band. */
  tolerance: number[];
  /** Per dimension: robust or not, with the share of runs within ±tolerance of the forecast, in words. */
  robustness: Robustness[];
}

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** One perturbed copy of the input. */
export function perturb(input: ForecastInput, spec: PerturbationSpec, prng: Prng): ForecastInput {
  return {
    ...input,
    actors: input.actors.map((a) => {
      const salience = a.salience.map((s) => clip(s + spec.sdSalience * prng.normal(), 0, 100));
      const total = salience.reduce((t, s) => t + s, 0);
      return {
        ...a,
        capability: a.capability * Math.exp(spec.sdCapability * prng.normal()),
        position: a.position.map((x) => clip(x + spec.sdPosition * prng.normal(), 0, 100)),
        salience: total > 100 ? salience.map((s) => (s * 100) / total) : salience,
      };
    }),
  };
}

/** Run the model on `spec.runs` perturbed inputs drawn from one seeded PRNG. */
export function sensitivity(
  input: ForecastInput,
  partial: Partial<PerturbationSpec> = {},
  options: ForecastOptions = {},
): SensitivityResult {
  const spec: PerturbationSpec = { ...DEFAULT_PERTURBATION, ...partial };
  const prng = createPrng(spec.seed);
  const m = input.dimensions.length;
  const outcomes: number[][] = Array.from({ length: m }, () => []);
  const finals: number[][][] = input.actors.map(() => Array.from({ length: m }, () => []));
  const center = forecast(input, { ...options, trace: false }).outcome;
  const tolerance = input.dimensions.map((_, k) => {
    const xs = input.actors.map((a) => a.position[k]);
    return TOLERANCE_OF_SPREAD * (Math.max(...xs) - Math.min(...xs)) || 1;
  });
  for (let r = 0; r < spec.runs; r++) {
    const f = forecast(perturb(input, spec, prng), { ...options, trace: false, seed: `${spec.seed}${r}` });
    f.outcome.forEach((x, k) => {
      outcomes[k].push(x);
    });
    f.finalPositions.forEach((row, i) => {
      row.forEach((x, k) => {
        finals[i][k].push(x);
      });
    });
  }
  const outcome = outcomes.map(spread);
  return {
    spec,
    dimensions: input.dimensions,
    actors: input.actors.map((a) => a.name),
    outcome,
    finalPositions: finals.map((row) => row.map(spread)),
    forecast: center,
    tolerance,
    robustness: input.dimensions.map((d, k) => {
      const within = outcomes[k].filter((x) => Math.abs(x - center[k]) <= tolerance[k]).length / spec.runs;
      return forecastRobustness(d, center[k], tolerance[k], within, outcome[k], spec.runs);
    }),
  };
}

/** Spread of (scenario − base) under the same perturbation draws, per dimension. */
export interface DifferenceSensitivity {
  spec: PerturbationSpec;
  dimensions: string[];
  outcome: Spread[];
  /** Share of runs in which the scenario's forecast is above the base's, per dimension. */
  shareHigher: number[];
  /** Share of runs in which it is below. */
  shareLower: number[];
  /** Per dimension: whether the variant moves the forecast the same way in at least 90% of runs, in words. */
  robustness: Robustness[];
}

/**
 * Paired Monte Carlo of a scenario against its base: each run perturbs both with the same draws
 * (they share actors and dimensions), so the spread is that of the difference the variant makes.
 */
export function differenceSensitivity(
  scenario: ForecastInput,
  base: ForecastInput,
  partial: Partial<PerturbationSpec> = {},
  options: ForecastOptions = {},
): DifferenceSensitivity {
  const spec: PerturbationSpec = { ...DEFAULT_PERTURBATION, ...partial };
  const same =
    scenario.actors.length === base.actors.length &&
    scenario.actors.every((a, i) => a.name === base.actors[i].name) &&
    scenario.dimensions.join() === base.dimensions.join();
  if (!same) throw new Error("paired sensitivity needs the same actors and dimensions in scenario and base");
  const pa = createPrng(spec.seed);
  const pb = createPrng(spec.seed);
  const diffs: number[][] = scenario.dimensions.map(() => []);
  for (let r = 0; r < spec.runs; r++) {
    const run = { ...options, trace: false, seed: `${spec.seed}${r}` };
    const a = forecast(perturb(scenario, spec, pa), run);
    const b = forecast(perturb(base, spec, pb), run);
    a.outcome.forEach((x, k) => {
      diffs[k].push(x - b.outcome[k]);
    });
  }
  // Differences this small are rounding, not an effect of the variant.
  const rounding = 1e-9;
  const shareHigher = diffs.map((d) => d.filter((x) => x > rounding).length / d.length);
  const shareLower = diffs.map((d) => d.filter((x) => x < -rounding).length / d.length);
  const outcome = diffs.map(spread);
  return {
    spec,
    dimensions: scenario.dimensions,
    outcome,
    shareHigher,
    shareLower,
    robustness: scenario.dimensions.map((d, k) =>
      differenceRobustness(d, shareHigher[k], shareLower[k], outcome[k], spec.runs),
    ),
  };
}
