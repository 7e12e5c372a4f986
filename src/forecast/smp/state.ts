import type { SmpParameters } from "../params.ts";
import { pce } from "../pce.ts";
import type { ForecastInput } from "../types.ts";
import { riskFromProbabilities, type SmpContext } from "./context.ts";
import { utility } from "./geometry.ts";

/** Positions closer than this (Euclidean, [0,1] scale) count as one option. */
const UNIQUE_TOL = 1e-3;

/** Build the fixed arrays of a run. */
export function smpContext(input: ForecastInput, parameters: SmpParameters): SmpContext {
  const n = input.actors.length;
  const m = input.dimensions.length;
  const cap = new Float64Array(n);
  const sal = new Float64Array(n * m);
  const salSum = new Float64Array(n);
  const salSq = new Float64Array(n);
  const chlgWeight = new Float64Array(n);
  input.actors.forEach((a, i) => {
    cap[i] = a.capability;
    for (let k = 0; k < m; k++) {
      const s = a.salience[k] / 100;
      sal[i * m + k] = s;
      salSum[i] += s;
      salSq[i] += s * s;
    }
    chlgWeight[i] = cap[i] * salSum[i];
  });
  let accommodation: Float64Array | null = null;
  if (input.idealAdjustment?.length) {
    accommodation = new Float64Array(n * n);
    for (let i = 0; i < n; i++) accommodation[i * n + i] = 1;
    const index = new Map(input.actors.map((a, i) => [a.name, i]));
    for (const e of input.idealAdjustment) {
      const i = index.get(e.adjusting);
      const j = index.get(e.reference);
      if (i === undefined || j === undefined) {
        throw new Error(
          `ideal adjustment names unknown actor "${i === undefined ? e.adjusting : e.reference}"`,
        );
      }
      accommodation[i * n + j] = e.adjust;
    }
  }
  return { n, m, cap, sal, salSum, salSq, chlgWeight, accommodation, params: parameters };
}

/** Risk attitudes from the PCE over all N positions with risk-neutral utilities (SPEC §1.4 step 1). */
export function inferRisk(ctx: SmpContext, d: Float64Array): Float64Array {
  const { n, params } = ctx;
  const u0 = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) u0[i] = 1 - d[i];
  const { p } = pce(u0, ctx.cap, n, params);
  return riskFromProbabilities(params.bigRRange, p);
}

/** Probability of each actor's position winning: the PCE over unique positions (SPEC §1.5). */
export function positionProbabilities(ctx: SmpContext, pos: Float64Array, d: Float64Array, R: Float64Array) {
  const { n, m } = ctx;
  const same = (i: number, j: number) => {
    let s = 0;
    for (let k = 0; k < m; k++) s += (pos[i * m + k] - pos[j * m + k]) ** 2;
    return Math.sqrt(s) < UNIQUE_TOL;
  };
  // Unique positions: an actor is a representative unless it matches an earlier representative.
  const reps: number[] = [];
  for (let i = 0; i < n; i++) if (!reps.some((r) => same(i, r))) reps.push(i);
  // Like KTAB, each actor takes the *last* representative it matches (not the first or nearest).
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) for (let r = 0; r < reps.length; r++) if (same(i, reps[r])) group[i] = r;
  const M = reps.length;
  const util = new Float64Array(n * M);
  for (let a = 0; a < n; a++) for (let o = 0; o < M; o++) util[a * M + o] = utility(d[a * n + reps[o]], R[a]);
  const { p } = pce(util, ctx.cap, M, ctx.params);
  return Array.from(group, (g) => p[g]);
}
