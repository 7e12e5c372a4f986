/**
 * Bueno de Mesquita's expected-utility model (SPEC §2), one issue at a time. The choices the
 * literature disagrees on are named options, recorded in the result; `eu-variants.ts` names the
 * combinations that published texts and code use.
 */
export interface EuOptions {
  /** P_i(i,j) over Σ_k|v_k(i:j)| ("pairwise", the papers) or over all votes ("global", Scholz's code). */
  probabilityDenominator: "pairwise" | "global";
  /** Votes from linear distances ("linear", risk-neutral voters) or from each voter's distances
   * raised to its own risk exponent ("risk", Scholz's code). */
  votes: "linear" | "risk";
  /** "security" (Scholz eqs 32–33, over the other actors), "hypothetical" (BDM 1985/1994: over the
   * positions the actor could have held), or "neutral" (r = 1 for all). */
  risk: "security" | "hypothetical" | "neutral";
  /** Whose risk exponent values the other side's EU in a dyad: the actor reading the dyad, which then
   * moves on its own reading ("evaluator", Scholz's code), or each side's own ("objective"). */
  perspective: "evaluator" | "objective";
  /** Probability the status quo persists absent a challenge (Scholz 1, decisionmechanics 0.5). */
  q: number;
  /** Probability things improve for i absent a challenge; "preana": 1 if |x_i−μ| < |x_i−x_j|, else 0. */
  t: number | "preana";
  /** Range Δ from the initial positions ("initial", Scholz's code) or recomputed each round ("round"). */
  range: "initial" | "round";
  /** The forecast: capability×salience-weighted median, or the Condorcet winner by total votes. */
  median: "weighted" | "condorcet";
  /** Which proposal an actor accepts: the least move; precedence (confrontation, compromise,
   * capitulation) then the least move; or "scholz": precedence, with compromises ranked by the
   * EU-weighted average of the two positions (lowest first), as Scholz's code does. */
  acceptance: "leastMove" | "precedence" | "scholz";
  /** Whether capitulation offers are made ("live") or never ("dead": Scholz's code tests a number
   * against its own absolute value, so that branch never fires). */
  capitulation: "live" | "dead";
  rounds: number;
}

export const DEFAULT_EU_OPTIONS = {
  probabilityDenominator: "pairwise",
  votes: "linear",
  risk: "security",
  perspective: "objective",
  q: 1,
  t: 1,
  range: "initial",
  median: "weighted",
  acceptance: "leastMove",
  capitulation: "live",
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
  /** Each voter's risk exponent in its votes (all 1 unless `o.votes` is "risk"). */
  voterRisk?: number[];
}

/** v_k(i:j): voter k's c·s-weighted preference for x_i over x_j. */
function vote(ctx: EuContext, k: number, i: number, j: number): number {
  const { x, w, delta } = ctx;
  const rk = ctx.voterRisk?.[k] ?? 1;
  if (ctx.o.votes === "linear" || rk === 1)
    return (w[k] * (Math.abs(x[k] - x[j]) - Math.abs(x[k] - x[i]))) / delta;
  return w[k] * ((Math.abs(x[k] - x[j]) / delta) ** rk - (Math.abs(x[k] - x[i]) / delta) ** rk);
}

/** P_i(i, j): the share of votes for i over j (SPEC §2.2, Scholz eq. 30). */
export function probability(ctx: EuContext, i: number, j: number): number {
  const { x } = ctx;
  if (x[i] === x[j]) return 0;
  let pos = 0;
  let abs = 0;
  for (let k = 0; k < x.length; k++) {
    const v = vote(ctx, k, i, j);
    if (v > 0) pos += v;
    abs += Math.abs(v);
  }
  if (ctx.o.probabilityDenominator === "global") abs = globalDenominator(ctx);
  return abs > 0 ? pos / abs : 0;
}

const globalCache = new WeakMap<EuContext, number>();

/** Σ_{k,a,b} |v_k(a:b)|: Scholz's code's denominator, once per context. */
function globalDenominator(ctx: EuContext): number {
  const hit = globalCache.get(ctx);
  if (hit !== undefined) return hit;
  const n = ctx.x.length;
  let abs = 0;
  for (let k = 0; k < n; k++) {
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) abs += Math.abs(vote(ctx, k, a, b));
    }
  }
  globalCache.set(ctx, abs);
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

/** Risk exponents r_i ∈ [½, 2] from "security" (eqs 32–33), computed with every r = 1. */
export function riskExponents(ctx: EuContext): number[] {
  const n = ctx.x.length;
  if (ctx.o.risk === "neutral") return new Array(n).fill(1);
  const neutral: EuContext = { ...ctx, voterRisk: undefined };
  const security = (c: EuContext, i: number) => {
    let sum = 0;
    for (let j = 0; j < n; j++) if (j !== i) sum += expectedUtility(c, j, i, 1);
    return sum;
  };
  const toR = (si: number, smax: number, smin: number) => {
    const R = smax > smin ? (2 * si - smax - smin) / (smax - smin) : 0;
    return (1 - R / 3) / (1 + R / 3);
  };
  const S = ctx.x.map((_, i) => security(neutral, i));
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
      return security({ ...neutral, x }, i);
    });
    return toR(S[i], Math.max(...alt), Math.min(...alt));
  });
}
