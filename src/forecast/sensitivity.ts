import { type ForecastOptions, forecast } from "./forecast.ts";
import { createPrng, type Prng } from "./prng.ts";
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

/** Summary of a sample: mean, standard deviation, 5th and 95th percentiles. */
export interface Spread {
  mean: number;
  sd: number;
  p5: number;
  p95: number;
}

export interface SensitivityResult {
  spec: PerturbationSpec;
  dimensions: string[];
  actors: string[];
  /** Spread of the forecast outcome per dimension. */
  outcome: Spread[];
  /** Spread of each actor's final position per dimension. */
  finalPositions: Spread[][];
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

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function spread(xs: number[]): Spread {
  const n = xs.length;
  const mean = xs.reduce((t, x) => t + x, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((t, x) => t + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return { mean, sd, p5: quantile(sorted, 0.05), p95: quantile(sorted, 0.95) };
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
  return {
    spec,
    dimensions: input.dimensions,
    actors: input.actors.map((a) => a.name),
    outcome: outcomes.map(spread),
    finalPositions: finals.map((row) => row.map(spread)),
  };
}

/** Spread of (scenario − base) under the same perturbation draws, per dimension. */
export interface DifferenceSensitivity {
  spec: PerturbationSpec;
  dimensions: string[];
  outcome: Spread[];
  /** Share of runs in which the scenario's forecast is above the base's, per dimension. */
  shareHigher: number[];
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
  return {
    spec,
    dimensions: scenario.dimensions,
    outcome: diffs.map(spread),
    shareHigher: diffs.map((d) => d.filter((x) => x > 0).length / d.length),
  };
}
