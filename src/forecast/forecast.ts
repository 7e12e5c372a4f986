import { type Baselines, baselines } from "./baselines.ts";
import { type Convergence, convergence } from "./convergence.ts";
import { type EuResult, type EuRunOptions, runEu } from "./eu.ts";
import type { SmpParameters } from "./params.ts";
import { runSmp, type SmpResult } from "./smp/run.ts";
import type { ForecastInput } from "./types.ts";

export type ModelName = "smp" | "eu";

export interface ForecastOptions {
  model?: ModelName;
  parameters?: Partial<SmpParameters>;
  /** Expected-utility options: a named `variant` and options on top of it. */
  eu?: EuRunOptions;
  seed?: string;
  /** Keep per-turn challenge/bargain records (SMP). */
  trace?: boolean;
}

/** One model run on one input, summarised per dimension, with the baselines beside it. */
export interface ForecastOutcome {
  name: string;
  model: ModelName;
  actors: string[];
  dimensions: string[];
  /**
   * The forecast per dimension (0–100 scale). SMP: the position most likely to win in the final
   * state; EU: the final round's median.
   */
  outcome: number[];
  /** SMP: probability-weighted mean of the final unique positions; EU: the final c·s-weighted mean. */
  expected: number[];
  /** Baselines from the inputs: compromise (c·s-weighted mean) and c·s-weighted median. */
  baselines: Baselines;
  /** Final positions per actor and dimension. */
  finalPositions: number[][];
  /** Turns (SMP) or rounds (EU) until the end. */
  turns: number;
  /** Per dimension: a fixed point, a cycle (with its period) or still moving, in numbers and words. */
  convergence: Convergence[];
  smp?: SmpResult;
  eu?: EuResult[];
}

/** The first actor whose position is the most probable to win. */
function mostProbable(probabilities: readonly number[]): number {
  let top = 0;
  for (let i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[top]) top = i;
  return top;
}

/** Run the chosen model on a validated input. Pure; the seed is the only source of chance. */
export function forecast(input: ForecastInput, options: ForecastOptions = {}): ForecastOutcome {
  const model = options.model ?? "smp";
  const base = {
    name: input.name,
    model,
    actors: input.actors.map((a) => a.name),
    dimensions: input.dimensions,
    baselines: baselines(input.actors, input.dimensions.length),
  };
  if (model === "eu") {
    const eu = input.dimensions.map((_, k) =>
      runEu(
        input.actors.map((a) => ({
          name: a.name,
          position: a.position[k],
          capability: a.capability,
          salience: a.salience[k] / 100,
        })),
        options.eu,
      ),
    );
    const last = eu.map((r) => r.rounds[r.rounds.length - 1]);
    return {
      ...base,
      outcome: eu.map((r) => r.forecast),
      expected: last.map((r) => r.mean),
      finalPositions: input.actors.map((_, i) => last.map((r) => r.positions[i])),
      turns: eu[0]?.rounds.length ? eu[0].rounds.length - 1 : 0,
      convergence: eu.map((r, k) =>
        convergence(
          input.dimensions[k],
          r.actors,
          r.rounds.map((x) => x.positions),
          r.rounds.map((x) => x.median),
        ),
      ),
      eu,
    };
  }
  const smp = runSmp(input, {
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    trace: options.trace ?? true,
  });
  const last = smp.turns[smp.turns.length - 1];
  const top = mostProbable(last.probabilities);
  // Unique final positions (0.1 apart on the 0–100 scale, as KTAB's 1e-3) carry probabilities summing to 1.
  const reps: number[] = [];
  for (let i = 0; i < last.positions.length; i++) {
    const near = reps.some(
      (r) => Math.hypot(...last.positions[i].map((x, k) => x - last.positions[r][k])) < 0.1,
    );
    if (!near) reps.push(i);
  }
  const mass = reps.reduce((t, r) => t + last.probabilities[r], 0);
  const expected = input.dimensions.map(
    (_, k) => reps.reduce((t, r) => t + last.probabilities[r] * last.positions[r][k], 0) / mass,
  );
  return {
    ...base,
    outcome: last.positions[top].slice(),
    expected,
    finalPositions: last.positions,
    turns: smp.stopTurn,
    convergence: input.dimensions.map((d, k) =>
      convergence(
        d,
        base.actors,
        smp.turns.map((t) => t.positions.map((p) => p[k])),
        smp.turns.map((t) => t.positions[mostProbable(t.probabilities)][k]),
        "turn",
      ),
    ),
    smp,
  };
}

/** The difference between a scenario's forecast and its base's, per dimension and actor. */
export interface ForecastDifference {
  outcome: number[];
  expected: number[];
  finalPositions: number[][];
}

export function difference(scenario: ForecastOutcome, base: ForecastOutcome): ForecastDifference {
  const sub = (a: number[], b: number[]) => a.map((x, k) => x - b[k]);
  const index = new Map(base.actors.map((a, i) => [a, i]));
  return {
    outcome: sub(scenario.outcome, base.outcome),
    expected: sub(scenario.expected, base.expected),
    finalPositions: scenario.actors.map((a, i) => {
      const j = index.get(a);
      return j === undefined
        ? scenario.finalPositions[i].map(() => Number.NaN)
        : sub(scenario.finalPositions[i], base.finalPositions[j]);
    }),
  };
}
