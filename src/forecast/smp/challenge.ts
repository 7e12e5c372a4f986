import { vote } from "../vote.ts";
import { type SmpContext, estimatedRisk } from "./context.ts";
import { utility } from "./geometry.ts";

/** An initiator's best challenge, from its own perspective (SPEC §1.4 step 3). */
export interface Challenge {
  initiator: number;
  target: number;
  /** The initiator's estimate that it wins. */
  p: number;
  /** The initiator's expected gain from the challenge. */
  deltaEU: number;
}

const CHLG_EPS = 1e-10;
const MIN_GAIN = 1e-5;

/**
 * probEduChlg(h, k = h, i, j): h's estimate of the probability that i beats j, with third parties
 * joining sides, and h's expected gain. `d` is the ideal-to-position distance matrix, `R` the risk
 * attitudes; `scratch` holds U^h_n·(i) and U^h_nn for the third-party loop.
 */
export function challengeOdds(
  ctx: SmpContext,
  d: Float64Array,
  R: Float64Array,
  h: number,
  i: number,
  j: number,
): { p: number; deltaEU: number } {
  const { n, params, chlgWeight } = ctx;
  const rule = params.votingRule;
  const adj = params.bigRAdjust;
  const rhi = estimatedRisk(adj, R[h], R[i]);
  const rhj = estimatedRisk(adj, R[h], R[j]);
  const a = vote(rule, chlgWeight[i], utility(d[i * n + i], rhi) - utility(d[i * n + j], rhi));
  const b = vote(rule, chlgWeight[j], utility(d[j * n + i], rhj) - utility(d[j * n + j], rhj));
  const cij = CHLG_EPS + (a > 0 ? a : 0) + (b > 0 ? b : 0);
  const cji = CHLG_EPS + (a < 0 ? -a : 0) + (b < 0 ? -b : 0);
  let tij = 0;
  let tji = 0;
  const commit = params.thirdPartyCommit;
  for (let t = 0; t < n; t++) {
    if (t === i || t === j) continue;
    const r = estimatedRisk(adj, R[h], R[t]);
    const uti = utility(d[t * n + i], r);
    const utj = utility(d[t * n + j], r);
    const utt = utility(d[t * n + t], r);
    const w = chlgWeight[t];
    const v = vote(rule, w, uti - utj);
    const vp = v > 0 ? v : 0;
    const vm = v < 0 ? -v : 0;
    const pi = (cij + vp) / (cij + vp + cji + vm);
    let ei: number;
    let ej: number;
    if (commit === "SemiCommit") {
      ei = pi * (2 * uti + utt) + (1 - pi) * (3 * utj);
      ej = pi * (3 * uti) + (1 - pi) * (2 * utj + utt);
    } else if (commit === "FullCommit") {
      ei = pi * (3 * uti) + (1 - pi) * (3 * utj);
      ej = pi * (3 * uti) + (1 - pi) * (3 * utj);
    } else {
      ei = pi * (2 * uti + utt) + (1 - pi) * (2 * utj + utt);
      ej = pi * (2 * uti + utt) + (1 - pi) * (2 * utj + utt);
    }
    const vn = vote(rule, w, ei - ej);
    if (vn > 0) tij += vn;
    else if (vn < 0) tji -= vn;
  }
  const Cij = cij + tij;
  const Cji = cji + tji;
  const p = Cij / (Cij + Cji);
  const rhh = estimatedRisk(adj, R[h], R[h]);
  const uki = utility(d[h * n + i], rhh);
  const ukj = utility(d[h * n + j], rhh);
  const sj = ctx.salSum[j];
  const deltaEU = (1 - sj) * 2 * uki + sj * (p * 2 * uki + (1 - p) * 2 * ukj) - (uki + ukj);
  return { p, deltaEU };
}

/** Each initiator's most advantageous target (largest ΔEU > 1e-5, lowest index on ties), or null. */
export function bestChallenges(ctx: SmpContext, d: Float64Array, R: Float64Array): (Challenge | null)[] {
  const out: (Challenge | null)[] = [];
  for (let i = 0; i < ctx.n; i++) {
    let best: Challenge | null = null;
    for (let j = 0; j < ctx.n; j++) {
      if (j === i) continue;
      const { p, deltaEU } = challengeOdds(ctx, d, R, i, i, j);
      if (deltaEU > MIN_GAIN && (best === null || deltaEU > best.deltaEU)) {
        best = { initiator: i, target: j, p, deltaEU };
      }
    }
    out.push(best);
  }
  return out;
}
