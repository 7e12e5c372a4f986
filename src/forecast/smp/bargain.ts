import type { SmpParameters } from "../params.ts";
import type { Challenge } from "./challenge.ts";
import { challengeOdds } from "./challenge.ts";
import type { SmpContext } from "./context.ts";
import { round4 } from "./geometry.ts";

/** A proposed bargain: the initiator and receiver each adopt a new position ([0,1] scale). */
export interface Bargain {
  id: number;
  initiator: number;
  receiver: number;
  /** Whose view the interpolation used: "initiator", "receiver" or "compromise". */
  perspective: "initiator" | "receiver" | "compromise";
  initiatorPosition: Float64Array;
  receiverPosition: Float64Array;
}

const BRGN_EPS = 1e-6;

/**
 * Interpolate a bargain between a (who wins with probability p) and b on every dimension
 * (SPEC §1.4 step 4). Returns [a's new position, b's new position].
 */
export function interpolate(
  ctx: SmpContext,
  pos: Float64Array,
  a: number,
  b: number,
  p: number,
  rule: SmpParameters["interVecBrgn"],
): [Float64Array, Float64Array] {
  const { m, sal } = ctx;
  const na = new Float64Array(m);
  const nb = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const sa = sal[a * m + k];
    const sb = sal[b * m + k];
    const xa = pos[a * m + k];
    const xb = pos[b * m + k];
    const pa = p;
    const pb = 1 - p;
    if (rule === "S2PMax") {
      // Each side moves toward the other by the other's probability surplus, weighted by the
      // other's squared salience (KTAB's S2PMax; not rounded).
      const da = pb > pa ? pb - pa : 0;
      const db = pa > pb ? pa - pb : 0;
      const sa2 = sa * sa;
      const sb2 = sb * sb;
      const fa = (da * sb2) / (da * sb2 + BRGN_EPS + (1 - da) * sa2);
      const fb = (db * sa2) / (db * sa2 + BRGN_EPS + (1 - db) * sb2);
      na[k] = xa + fa * (xb - xa);
      nb[k] = xb + fb * (xa - xb);
      continue;
    }
    const wa = rule === "S2P2" ? sa * sa * (pa * pa) : sa * pa;
    const wb = rule === "S2P2" ? sb * sb * (pb * pb) : sb * pb;
    na[k] = round4(((wa + BRGN_EPS) * xa + wb * xb) / (wa + BRGN_EPS + wb));
    nb[k] = round4((wa * xa + (wb + BRGN_EPS) * xb) / (wa + wb + BRGN_EPS));
  }
  return [na, nb];
}

/** The bargains proposed this turn, in initiator-index order (SPEC §1.4 step 4, BargnModel). */
export function proposeBargains(
  ctx: SmpContext,
  d: Float64Array,
  R: Float64Array,
  pos: Float64Array,
  challenges: (Challenge | null)[],
): Bargain[] {
  const { params, cap, salSum } = ctx;
  const out: Bargain[] = [];
  let id = 0;
  for (const c of challenges) {
    if (c === null) continue;
    const i = c.initiator;
    const j = c.target;
    const push = (
      perspective: Bargain["perspective"],
      initiatorPosition: Float64Array,
      receiverPosition: Float64Array,
    ) => out.push({ id: id++, initiator: i, receiver: j, perspective, initiatorPosition, receiverPosition });
    const [bi, bj] = interpolate(ctx, pos, i, j, c.p, params.interVecBrgn);
    if (params.bargnModel === "InitOnlyInterp") {
      push("initiator", bi, bj);
      continue;
    }
    // The receiver's view (KTAB's brgnJIJ). KTAB passes j's estimate of i's expected *gain* where
    // the interpolation expects a probability; we replicate that, as its logs show (SPEC §1.4).
    const pj = challengeOdds(ctx, d, R, j, i, j, i).deltaEU;
    const [ri, rj] = interpolate(ctx, pos, i, j, pj, params.interVecBrgn);
    if (params.bargnModel === "InitRcvrInterp") {
      push("initiator", bi, bj);
      push("receiver", ri, rj);
      continue;
    }
    // PWCompInterp: KTAB weighs the receiver's view by c_i·S_j (the initiator's capability), which
    // looks like a bug (smpbcn.cpp); we replicate it so runs compare with KTAB's.
    const wi = cap[i] * salSum[i];
    const wj = cap[i] * salSum[j];
    const mix = (x: Float64Array, y: Float64Array) => x.map((v, k) => (wi * v + wj * y[k]) / (wi + wj));
    push("compromise", mix(bi, ri), mix(bj, rj));
  }
  return out;
}
