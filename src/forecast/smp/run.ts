import { DEFAULT_PARAMETERS, type SmpParameters } from "../params.ts";
import { createPrng } from "../prng.ts";
import type { ForecastInput } from "../types.ts";
import { type Bargain, proposeBargains } from "./bargain.ts";
import { bestChallenges, type Challenge } from "./challenge.ts";
import type { SmpContext } from "./context.ts";
import { distances } from "./geometry.ts";
import { bargainValues, type Choice, resolveBargains } from "./resolve.ts";
import { inferRisk, positionProbabilities, smpContext } from "./state.ts";

export { inferRisk, positionProbabilities, smpContext };

/** One state of an SMP run and, unless it is the last, the bargaining that led from it. */
export interface SmpTurn {
  turn: number;
  /** Positions per actor, on the input's 0–100 scale. */
  positions: number[][];
  /** Probability that each actor's position wins (actors sharing a position share the number). */
  probabilities: number[];
  /** Inferred risk attitudes R ∈ [−1, 1]. */
  risk: number[];
  /** Each actor's best challenge this turn (null: it makes none). */
  challenges: (Challenge | null)[];
  bargains: {
    id: number;
    initiator: number;
    receiver: number;
    perspective: string;
    initiatorPosition: number[];
    receiverPosition: number[];
  }[];
  /** Each actor's choice among its bargains: the bargain that moved it into the next turn. */
  choices: Choice[];
}

export interface SmpResult {
  model: "smp";
  parameters: SmpParameters;
  seed: string;
  actors: string[];
  dimensions: string[];
  stopTurn: number;
  /** D(s_{t−1}, s_t)/(D(s_0,s_1)+1e-4) after each step t ≥ 1. */
  fractionalChange: number[];
  turns: SmpTurn[];
}

export interface SmpOptions {
  parameters?: Partial<SmpParameters>;
  /** Seed for stochastic transitions (default: the input's, else 0). */
  seed?: string;
  /** Maximum number of steps (KTAB: 100). */
  maxTurns?: number;
  /** Keep challenge/bargain/choice records (default true); off for Monte Carlo speed. */
  trace?: boolean;
}

const STOP_RATIO = 0.02;

function stateDistance(a: Float64Array, b: Float64Array, n: number, m: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += (a[i * m + k] - b[i * m + k]) ** 2;
    total += Math.sqrt(s);
  }
  return total;
}

const scale = (x: ArrayLike<number>, from: number, m: number) =>
  Array.from({ length: m }, (_, k) => x[from * m + k] * 100);

/**
 * Run KTAB's Spatial Model of Politics on a validated input (SPEC §1). Pure and deterministic for
 * a given input, parameters and seed.
 */
export function runSmp(input: ForecastInput, options: SmpOptions = {}): SmpResult {
  const parameters: SmpParameters = { ...DEFAULT_PARAMETERS, ...input.parameters, ...options.parameters };
  const seed = options.seed ?? input.seed ?? "0";
  const maxTurns = options.maxTurns ?? 100;
  const trace = options.trace ?? true;
  const ctx = smpContext(input, parameters);
  const { n, m } = ctx;
  const prng = parameters.stateTransitions === "Stochastic" ? createPrng(seed) : null;
  let pos: Float64Array = new Float64Array(n * m);
  input.actors.forEach((a, i) => {
    for (let k = 0; k < m; k++) pos[i * m + k] = a.position[k] / 100;
  });
  let ideal: Float64Array = pos.slice();
  const states: Float64Array[] = [pos];
  const turns: SmpTurn[] = [];
  const fractionalChange: number[] = [];
  for (let t = 0; ; t++) {
    const d = distances(ideal, pos, ctx.sal, n, m);
    const R = inferRisk(ctx, d);
    const turn: SmpTurn = {
      turn: t,
      positions: Array.from({ length: n }, (_, i) => scale(pos, i, m)),
      probabilities: positionProbabilities(ctx, pos, d, R),
      risk: Array.from(R),
      challenges: [],
      bargains: [],
      choices: [],
    };
    turns.push(turn);
    if (t >= 1) {
      const ratio =
        stateDistance(states[t - 1], pos, n, m) / (stateDistance(states[0], states[1], n, m) + 1e-4);
      fractionalChange.push(ratio);
      if (t >= maxTurns || (t >= 2 && ratio < STOP_RATIO)) break;
    }
    if (t >= maxTurns) break;
    const challenges = bestChallenges(ctx, d, R);
    const bargains = proposeBargains(ctx, d, R, pos, challenges);
    const { sq, values } = bargainValues(ctx, ideal, R, d, bargains);
    const choices = resolveBargains(ctx, bargains, sq, values, prng);
    const next = pos.slice();
    const byId = new Map<number, Bargain>(bargains.map((b) => [b.id, b]));
    for (const c of choices) {
      if (c.chosen === null) continue;
      const b = byId.get(c.chosen)!;
      const np = b.initiator === c.actor ? b.initiatorPosition : b.receiverPosition;
      for (let k = 0; k < m; k++) next[c.actor * m + k] = np[k];
    }
    ideal = updateIdeals(ctx, ideal, next);
    if (trace) {
      turn.challenges = challenges;
      turn.bargains = bargains.map((b) => ({
        ...b,
        initiatorPosition: Array.from(b.initiatorPosition, (x) => x * 100),
        receiverPosition: Array.from(b.receiverPosition, (x) => x * 100),
      }));
      turn.choices = choices;
    }
    pos = next;
    states.push(pos);
  }
  return {
    model: "smp",
    parameters,
    seed,
    actors: input.actors.map((a) => a.name),
    dimensions: input.dimensions,
    stopTurn: turns.length - 1,
    fractionalChange,
    turns,
  };
}

/** ι_i ← Σ_j A_ij x_j + (1 − Σ_j A_ij) ι_i; with A = I the ideals are the new positions. */
function updateIdeals(ctx: SmpContext, ideal: Float64Array, pos: Float64Array): Float64Array {
  const { n, m, accommodation: A } = ctx;
  if (A === null) return pos.slice();
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let j = 0; j < n; j++) rowSum += A[i * n + j];
    for (let k = 0; k < m; k++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i * n + j] * pos[j * m + k];
      out[i * m + k] = s + (1 - rowSum) * ideal[i * m + k];
    }
  }
  return out;
}
