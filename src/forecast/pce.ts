import type { SmpParameters } from "./params.ts";
import {
  type VictoryProbModel,
  type VotingRule,
  victoryProbability,
  voteByCode,
  votingRuleCode,
} from "./vote.ts";

export type PceModel = SmpParameters["pceModel"];

/** How options are voted on and how pairwise victories become option probabilities. */
export interface PceRules {
  votingRule: VotingRule;
  victoryProbModel: VictoryProbModel;
  pceModel: PceModel;
}

/** Result of a Probabilistic Condorcet Election over M options. */
export interface PceResult {
  /** Option probabilities, summing to 1. */
  p: Float64Array;
  /** Coalition strengths C[a*M+b] of a over b. */
  coalitions: Float64Array;
  /** Pairwise victory probabilities V[a*M+b]. */
  victory: Float64Array;
}

const COALITION_EPS = 1e-8;

/**
 * Coalition strengths over options: C_ab = 1e-8 + Σ_k max(0, vote_k(a:b)) (SPEC §1.2).
 * `util` is actor-major: util[k*M + a] is actor k's utility for option a.
 */
export function coalitions(
  util: Float64Array,
  weights: Float64Array,
  M: number,
  rule: VotingRule,
): Float64Array {
  const N = weights.length;
  const c = new Float64Array(M * M);
  const code = votingRuleCode(rule);
  // Option-major copy so the voter loop reads contiguous memory.
  const ut = new Float64Array(M * N);
  for (let k = 0; k < N; k++) for (let a = 0; a < M; a++) ut[a * N + k] = util[k * M + a];
  // Like KTAB: one vote per voter and pair (a over b); its positive part supports a, its negative
  // part b; both sums start from the 1e-8 floor.
  for (let a = 0; a < M; a++) {
    c[a * M + a] = COALITION_EPS;
    const ra = a * N;
    for (let b = a + 1; b < M; b++) {
      const rb = b * N;
      let ab = COALITION_EPS;
      let ba = COALITION_EPS;
      if (code === 0) {
        for (let k = 0; k < N; k++) {
          const v = weights[k] * (ut[ra + k] - ut[rb + k]);
          if (v > 0) ab += v;
          else if (v < 0) ba -= v;
        }
      } else {
        for (let k = 0; k < N; k++) {
          const v = voteByCode(code, weights[k], ut[ra + k] - ut[rb + k]);
          if (v > 0) ab += v;
          else if (v < 0) ba -= v;
        }
      }
      c[a * M + b] = ab;
      c[b * M + a] = ba;
    }
  }
  return c;
}

/** Run the PCE (SPEC §1.3): option probabilities from actor utilities and weights. */
export function pce(util: Float64Array, weights: Float64Array, M: number, rules: PceRules): PceResult {
  const c = coalitions(util, weights, M, rules.votingRule);
  const v = new Float64Array(M * M);
  for (let a = 0; a < M; a++) {
    v[a * M + a] = 0.5;
    for (let b = 0; b < M; b++) {
      if (a !== b) v[a * M + b] = victoryProbability(rules.victoryProbModel, c[a * M + b], c[b * M + a]);
    }
  }
  let p: Float64Array;
  if (rules.pceModel === "Conditional") p = conditional(v, M);
  else if (rules.pceModel === "MarkovUniform") p = markovUniform(v, M);
  else p = markovIncentive(v, c, M);
  return { p, coalitions: c, victory: v };
}

function conditional(v: Float64Array, M: number): Float64Array {
  const p = new Float64Array(M);
  let sum = 0;
  for (let a = 0; a < M; a++) {
    let prod = 1;
    for (let b = 0; b < M; b++) prod *= v[a * M + b];
    p[a] = prod;
    sum += prod;
  }
  if (sum > 0 && Number.isFinite(sum)) {
    for (let a = 0; a < M; a++) p[a] /= sum;
    return p;
  }
  // Products underflowed (many options): the same ratios, in logs.
  const logs = new Float64Array(M);
  let max = -Infinity;
  for (let a = 0; a < M; a++) {
    let s = 0;
    for (let b = 0; b < M; b++) s += Math.log(v[a * M + b]);
    logs[a] = s;
    if (s > max) max = s;
  }
  sum = 0;
  for (let a = 0; a < M; a++) {
    p[a] = Math.exp(logs[a] - max);
    sum += p[a];
  }
  for (let a = 0; a < M; a++) p[a] /= sum;
  return p;
}

function markovUniform(v: Float64Array, M: number): Float64Array {
  let p = new Float64Array(M).fill(1 / M);
  for (let iter = 0; iter < 1000; iter++) {
    const q = new Float64Array(M);
    let change = 0;
    for (let a = 0; a < M; a++) {
      let s = 0;
      for (let b = 0; b < M; b++) s += v[a * M + b] * (p[a] + p[b]);
      q[a] = s / M;
      change = Math.max(change, Math.abs(q[a] - p[a]));
    }
    const next = new Float64Array(M);
    for (let a = 0; a < M; a++) next[a] = (p[a] + q[a]) / 2;
    p = next;
    if (change <= 1e-6) break;
  }
  return p;
}

function markovIncentive(v: Float64Array, c: Float64Array, M: number): Float64Array {
  // chlg[a*M+b] = P[a challenges b | b is current]
  const chlg = new Float64Array(M * M);
  for (let b = 0; b < M; b++) {
    let sum = 0;
    for (let a = 0; a < M; a++) {
      const n = c[a * M + b] * v[a * M + b] + (a === b ? 1e-10 : 0);
      chlg[a * M + b] = n;
      sum += n;
    }
    for (let a = 0; a < M; a++) chlg[a * M + b] /= sum;
  }
  let p = new Float64Array(M).fill(1 / M);
  for (let iter = 0; iter < 1000; iter++) {
    const q = new Float64Array(M);
    for (let a = 0; a < M; a++) {
      let s = 0;
      for (let b = 0; b < M; b++) {
        const ctAB = p[a] * chlg[b * M + a];
        const ctBA = p[b] * chlg[a * M + b];
        s += v[a * M + b] * (ctAB + ctBA);
      }
      q[a] = s;
    }
    let change = 0;
    const next = new Float64Array(M);
    for (let a = 0; a < M; a++) {
      change = Math.max(change, Math.abs(q[a] - p[a]));
      next[a] = (p[a] + q[a]) / 2;
    }
    p = next;
    if (change <= 1e-8) break;
  }
  return p;
}
