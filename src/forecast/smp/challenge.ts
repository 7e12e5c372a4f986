import { vote, votingRuleCode } from "../vote.ts";
import { estimatedRisk, type SmpContext } from "./context.ts";
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
 * probEduChlg(h, k, i, j): h's estimate of the probability that i beats j, with third parties
 * joining sides, and of k's expected gain (k defaults to h). `d` is the ideal-to-position
 * distance matrix, `R` the risk attitudes.
 */
export function challengeOdds(
  ctx: SmpContext,
  d: Float64Array,
  R: Float64Array,
  h: number,
  i: number,
  j: number,
  k: number = h,
): { p: number; deltaEU: number } {
  const { n, params, chlgWeight } = ctx;
  const rule = params.votingRule;
  const adj = params.bigRAdjust;
  const rhi = estimatedRisk(adj, R[h], R[i]);
  const rhj = estimatedRisk(adj, R[h], R[j]);
  const a = vote(rule, chlgWeight[i], utility(d[i * n + i], rhi) - utility(d[i * n + j], rhi));
  const b = vote(rule, chlgWeight[j], utility(d[j * n + i], rhj) - utility(d[j * n + j], rhj));
  const cij = CHLG_EPS + Math.max(a, 0) + Math.max(b, 0);
  const cji = CHLG_EPS + (a < 0 ? -a : 0) + (b < 0 ? -b : 0);
  let Cij = cij;
  let Cji = cji;
  const commit = params.thirdPartyCommit;
  for (let t = 0; t < n; t++) {
    if (t === i || t === j) continue;
    const r = estimatedRisk(adj, R[h], R[t]);
    const uti = utility(d[t * n + i], r);
    const utj = utility(d[t * n + j], r);
    const utt = utility(d[t * n + t], r);
    const w = chlgWeight[t];
    const v = vote(rule, w, uti - utj);
    const vp = Math.max(v, 0);
    const vm = v < 0 ? -v : 0;
    const cni = cij + vp;
    const cnj = cji + vm;
    const pi = cni / (cni + cnj);
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
    if (vn > 0) Cij += vn;
    else if (vn < 0) Cji -= vn;
  }
  const p = Cij / (Cij + Cji);
  const q = Cji / (Cij + Cji);
  const rhk = estimatedRisk(adj, R[h], R[k]);
  const uki = utility(d[k * n + i], rhk);
  const ukj = utility(d[k * n + j], rhk);
  const sj = ctx.salSum[j];
  const deltaEU = (1 - sj) * 2 * uki + sj * (p * 2 * uki + q * 2 * ukj) - (uki + ukj);
  return { p, deltaEU };
}

/**
 * Each initiator's most advantageous target (largest ΔEU > 1e-5, lowest index on ties), or null.
 * The same arithmetic as `challengeOdds(h = i)`, with the per-initiator quantities hoisted out of
 * the O(n³) loop and the distance matrix read column-wise.
 */
export function bestChallenges(ctx: SmpContext, d: Float64Array, R: Float64Array): (Challenge | null)[] {
  const { n, params, chlgWeight, salSum } = ctx;
  const rule = votingRuleCode(params.votingRule);
  const adj = params.bigRAdjust;
  const commit =
    params.thirdPartyCommit === "SemiCommit" ? 0 : params.thirdPartyCommit === "FullCommit" ? 1 : 2;
  const dT = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) dT[b * n + a] = d[a * n + b];
  const r = new Float64Array(n);
  const uti = new Float64Array(n);
  const utt = new Float64Array(n);
  const bound = new Float64Array(n);
  const out: (Challenge | null)[] = [];
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < n; t++) {
      r[t] = estimatedRisk(adj, R[i], R[t]);
      uti[t] = utility(dT[i * n + t], r[t]);
      utt[t] = utility(d[t * n + t], r[t]);
    }
    const rhh = r[i];
    const uki = utility(d[i * n + i], rhh);
    // Branch and bound: ΔEU is linear in P, so its value at P = 0 or 1 bounds it. Scoring targets
    // by decreasing bound and stopping once the bound falls below the best gain gives the same
    // answer (ties still go to the lowest index) while skipping most O(n) third-party loops.
    const order: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const ukj = utility(d[i * n + j], rhh);
      const sj = salSum[j];
      const at1 = (1 - sj) * 2 * uki + sj * 2 * uki - (uki + ukj);
      const at0 = (1 - sj) * 2 * uki + sj * 2 * ukj - (uki + ukj);
      bound[j] = Math.max(at0, at1) + 1e-12;
      order.push(j);
    }
    order.sort((x, y) => bound[y] - bound[x] || x - y);
    let best: Challenge | null = null;
    for (const j of order) {
      if (bound[j] <= MIN_GAIN || (best !== null && bound[j] < best.deltaEU)) break;
      let p: number;
      let deltaEU: number;
      if (rule === 0 && commit === 0) {
        // The default rules (Prop, SemiCommit) inlined: challengeOdds' arithmetic, several times faster.
        const col = j * n;
        const a = chlgWeight[i] * (uti[i] - utility(dT[col + i], r[i]));
        const b = chlgWeight[j] * (uti[j] - utility(dT[col + j], r[j]));
        const cij = CHLG_EPS + Math.max(a, 0) + Math.max(b, 0);
        const cji = CHLG_EPS + (a < 0 ? -a : 0) + (b < 0 ? -b : 0);
        let Cij = cij;
        let Cji = cji;
        for (let t = 0; t < n; t++) {
          if (t === i || t === j) continue;
          const ui = uti[t];
          const dd = dT[col + t];
          const rt = r[t];
          const uj = dd <= 1 ? (1 - dd) * (1 + dd * rt) : (1 - dd) * (1 + rt);
          const ut = utt[t];
          const w = chlgWeight[t];
          const v = w * (ui - uj);
          const cni = v > 0 ? cij + v : cij;
          const cnj = v < 0 ? cji - v : cji;
          const pi = cni / (cni + cnj);
          const vn =
            w * (pi * (2 * ui + ut) + (1 - pi) * (3 * uj) - (pi * (3 * ui) + (1 - pi) * (2 * uj + ut)));
          if (vn > 0) Cij += vn;
          else if (vn < 0) Cji -= vn;
        }
        p = Cij / (Cij + Cji);
        const q = Cji / (Cij + Cji);
        const ukj = utility(d[i * n + j], rhh);
        const sj = salSum[j];
        deltaEU = (1 - sj) * 2 * uki + sj * (p * 2 * uki + q * 2 * ukj) - (uki + ukj);
      } else {
        ({ p, deltaEU } = challengeOdds(ctx, d, R, i, i, j));
      }
      if (
        deltaEU > MIN_GAIN &&
        (best === null || deltaEU > best.deltaEU || (deltaEU === best.deltaEU && j < best.target))
      ) {
        best = { initiator: i, target: j, p, deltaEU };
      }
    }
    out.push(best);
  }
  return out;
}
