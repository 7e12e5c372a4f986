/**
 * Bueno de Mesquita's expected-utility model (SPEC §2), one issue at a time. The choices the
 * literature disagrees on are named options, recorded in the result.
 */
export interface EuOptions {
  /** P_i(i,j) over Σ_k|v_k(i:j)| ("pairwise", the papers) or over all votes ("global", jmckib/Scholz code). */
  probabilityDenominator: "pairwise" | "global";
  /** "security" (Scholz eqs 32–33, over the other actors), "hypothetical" (BDM 1985/1994: over the
   * positions the actor could have held), or "neutral" (r = 1 for all). */
  risk: "security" | "hypothetical" | "neutral";
  /** Whose risk exponent values the opponent's EU in a dyad: the evaluating actor's ("evaluator",
   * jmckib) or the opponent's own ("objective"). */
  perspective: "evaluator" | "objective";
  /** Probability the status quo persists absent a challenge (Scholz 1, decisionmechanics 0.5). */
  q: number;
  /** Probability things improve for i absent a challenge; "preana": 1 if |x_i−μ| < |x_i−x_j|, else 0. */
  t: number | "preana";
  /** Range Δ from the initial positions ("initial", jmckib) or recomputed each round ("round"). */
  range: "initial" | "round";
  /** The forecast: capability×salience-weighted median, or the Condorcet winner by total votes. */
  median: "weighted" | "condorcet";
  /** Which proposal an actor accepts: the least move, or Scholz's precedence (conflict, compromise, capitulation). */
  acceptance: "leastMove" | "precedence";
  rounds: number;
}

export const DEFAULT_EU_OPTIONS = {
  probabilityDenominator: "pairwise",
  risk: "security",
  perspective: "objective",
  q: 1,
  t: 1,
  range: "initial",
  median: "weighted",
  acceptance: "leastMove",
  rounds: 10,
} as const satisfies EuOptions;

/** What one round's expected-utility calculations see (SPEC §2.2). */
export interface EuContext {
  x: number[];
  c: number[];
  s: number[];
  w: number[];
  delta: number;
  mu: number;
  o: EuOptions;
}

/** P_i(i, j): the share of votes for i over j (SPEC §2.2, Scholz eq. 30). */
export function probability(ctx: EuContext, i: number, j: number): number {
  const { x, w, delta, o } = ctx;
  if (x[i] === x[j]) return 0;
  let pos = 0;
  let abs = 0;
  for (let k = 0; k < x.length; k++) {
    const v = (w[k] * (Math.abs(x[k] - x[j]) - Math.abs(x[k] - x[i]))) / delta;
    if (v > 0) pos += v;
    abs += Math.abs(v);
  }
  if (o.probabilityDenominator === "global") abs = globalDenominator(ctx);
  return abs > 0 ? pos / abs : 0;
}

const globalCache = new WeakMap<number[], Map<number, number>>();

/** Σ_{k,a,b} |v_k(a:b)|: jmckib's (Scholz's code's) denominator, cached per position vector. */
function globalDenominator(ctx: EuContext): number {
  const { x, w, delta } = ctx;
  let byDelta = globalCache.get(x);
  if (!byDelta) {
    byDelta = new Map();
    globalCache.set(x, byDelta);
  }
  const hit = byDelta.get(delta);
  if (hit !== undefined) return hit;
  let abs = 0;
  for (let a = 0; a < x.length; a++) {
    for (let b = 0; b < x.length; b++) {
      for (let k = 0; k < x.length; k++)
        abs += Math.abs(w[k] * (Math.abs(x[k] - x[b]) - Math.abs(x[k] - x[a]))) / delta;
    }
  }
  byDelta.set(delta, abs);
  return abs;
}

/** EU_i(i, j) with risk exponent r (eqs 25a/b). */
export function expectedUtility(ctx: EuContext, i: number, j: number, r: number): number {
  const { x, s, delta, mu, o } = ctx;
  const dij = Math.abs(x[i] - x[j]) / delta;
  const dmu = Math.abs(x[i] - mu) / delta;
  const us = 2 - 4 * (0.5 - 0.5 * dij) ** r;
  const uf = 2 - 4 * (0.5 + 0.5 * dij) ** r;
  const ub = 2 - 4 * (0.5 - 0.25 * (dmu + dij)) ** r;
  const uw = 2 - 4 * (0.5 + 0.25 * (dmu + dij)) ** r;
  const usq = 2 - 4 * 0.5 ** r;
  const t = o.t === "preana" ? (Math.abs(x[i] - mu) < Math.abs(x[i] - x[j]) ? 1 : 0) : o.t;
  const p = probability(ctx, i, j);
  return s[j] * (p * us + (1 - p) * uf) + (1 - s[j]) * us - o.q * usq - (1 - o.q) * (t * ub + (1 - t) * uw);
}

/** Risk exponents r_i ∈ [½, 2] from "security" (eqs 32–33). */
export function riskExponents(ctx: EuContext): number[] {
  const n = ctx.x.length;
  if (ctx.o.risk === "neutral") return new Array(n).fill(1);
  const security = (c: EuContext, i: number) => {
    let sum = 0;
    for (let j = 0; j < n; j++) if (j !== i) sum += expectedUtility(c, j, i, 1);
    return sum;
  };
  const toR = (si: number, smax: number, smin: number) => {
    const R = smax > smin ? (2 * si - smax - smin) / (smax - smin) : 0;
    return (1 - R / 3) / (1 + R / 3);
  };
  const S = ctx.x.map((_, i) => security(ctx, i));
  if (ctx.o.risk === "security") {
    const smax = Math.max(...S);
    const smin = Math.min(...S);
    return S.map((si) => toR(si, smax, smin));
  }
  // BDM's original: S_max/S_min over the positions actor i could have held (every actor's position).
  return ctx.x.map((_, i) => {
    const alt = ctx.x.map((xa) => {
      const x = ctx.x.slice();
      x[i] = xa;
      return security({ ...ctx, x }, i);
    });
    return toR(S[i], Math.max(...alt), Math.min(...alt));
  });
}
