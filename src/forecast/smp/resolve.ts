import { pce } from "../pce.ts";
import type { Prng } from "../prng.ts";
import type { Bargain } from "./bargain.ts";
import type { SmpContext } from "./context.ts";
import { distance, utility } from "./geometry.ts";

/** What actor k chose from its queue: the status quo (bargain null) or one bargain. */
export interface Choice {
  actor: number;
  /** Bargain ids in queue order; null is the status quo. */
  queue: (number | null)[];
  /** PCE probability of each queued option. */
  probabilities: number[];
  chosen: number | null;
}

/**
 * Mean utility to each actor of the state after each bargain (SPEC §1.4 step 5). Returns
 * values[b*n + a] for bargain b, and the status-quo values sq[a].
 */
export function bargainValues(
  ctx: SmpContext,
  ideal: Float64Array,
  R: Float64Array,
  d: Float64Array,
  bargains: Bargain[],
): { sq: Float64Array; values: Float64Array } {
  const { n, m, sal, salSq } = ctx;
  const sq = new Float64Array(n);
  const own = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const u = utility(d[a * n + j], R[a]);
      own[a * n + j] = u;
      s += u;
    }
    sq[a] = s / n;
  }
  const values = new Float64Array(bargains.length * n);
  for (let bi = 0; bi < bargains.length; bi++) {
    const b = bargains[bi];
    // The sum runs over j in order with the two moved positions substituted in place, so values
    // are bit-identical to a plain loop (ties between identical bargains stay ties).
    const lo = Math.min(b.initiator, b.receiver);
    const hi = Math.max(b.initiator, b.receiver);
    for (let a = 0; a < n; a++) {
      const ui = utility(distance(ideal, a, b.initiatorPosition, 0, sal, m, salSq[a]), R[a]);
      const uj = utility(distance(ideal, a, b.receiverPosition, 0, sal, m, salSq[a]), R[a]);
      const ulo = lo === b.initiator ? ui : uj;
      const uhi = lo === b.initiator ? uj : ui;
      const row = a * n;
      let s = 0;
      for (let j = 0; j < lo; j++) s += own[row + j];
      s += ulo;
      for (let j = lo + 1; j < hi; j++) s += own[row + j];
      s += uhi;
      for (let j = hi + 1; j < n; j++) s += own[row + j];
      values[bi * n + a] = s / n;
    }
  }
  return { sq, values };
}

/** Each actor's choice among the status quo and the bargains it is part of. */
export function resolveBargains(
  ctx: SmpContext,
  bargains: Bargain[],
  sq: Float64Array,
  values: Float64Array,
  prng: Prng | null,
): Choice[] {
  const { n, params, cap } = ctx;
  const involving: number[][] = Array.from({ length: n }, () => []);
  bargains.forEach((b, bi) => {
    involving[b.initiator].push(bi);
    involving[b.receiver].push(bi);
  });
  const rules = {
    votingRule: params.votingRule,
    victoryProbModel: params.victoryProbModel,
    pceModel: params.pceModel,
  };
  const choices: Choice[] = [];
  for (let k = 0; k < n; k++) {
    const opts = involving[k];
    const M = opts.length + 1;
    if (M === 1) {
      choices.push({ actor: k, queue: [null], probabilities: [1], chosen: null });
      continue;
    }
    const util = new Float64Array(n * M);
    for (let a = 0; a < n; a++) {
      util[a * M] = sq[a];
      for (let o = 0; o < opts.length; o++) util[a * M + o + 1] = values[opts[o] * n + a];
    }
    const { p } = pce(util, cap, M, rules);
    let pick = 0;
    if (params.stateTransitions === "Stochastic" && prng) pick = prng.choose(p);
    else for (let o = 1; o < M; o++) if (p[o] > p[pick]) pick = o;
    choices.push({
      actor: k,
      queue: [null, ...opts.map((o) => bargains[o].id)],
      probabilities: Array.from(p),
      chosen: pick === 0 ? null : bargains[opts[pick - 1]].id,
    });
  }
  return choices;
}
