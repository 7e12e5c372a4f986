import type { SmpParameters } from "../params.ts";

/** Fixed quantities of an SMP run on the [0,1] scale, as flat typed arrays. */
export interface SmpContext {
  n: number;
  m: number;
  /** Capability c_i (raw: the weight in the risk, bargain-choice and probability PCEs). */
  cap: Float64Array;
  /** Saliences s[i*m+k] ∈ [0,1]. */
  sal: Float64Array;
  /** Σ_k s_ik (S_i). */
  salSum: Float64Array;
  /** Σ_k s_ik², the distance normaliser. */
  salSq: Float64Array;
  /** c_i·S_i: the weight in challenge scoring. */
  chlgWeight: Float64Array;
  /** Accommodation matrix A[i*n+j], or null for the identity. */
  accommodation: Float64Array | null;
  params: SmpParameters;
}

/** h's estimate of actor i's risk attitude (BigRAdjust). */
export function estimatedRisk(adjust: SmpParameters["bigRAdjust"], rh: number, ri: number): number {
  switch (adjust) {
    case "None":
      return rh;
    case "OneThird":
      return (2 * rh + ri) / 3;
    case "Half":
      return (rh + ri) / 2;
    case "TwoThirds":
      return (rh + 2 * ri) / 3;
    case "Full":
      return ri;
  }
}

/** Map position probabilities to risk attitudes (BigRRange); the most probable position gets R = 1. */
export function riskFromProbabilities(range: SmpParameters["bigRRange"], p: Float64Array): Float64Array {
  let pmin = Infinity;
  let pmax = -Infinity;
  for (const x of p) {
    if (x < pmin) pmin = x;
    if (x > pmax) pmax = x;
  }
  const r = new Float64Array(p.length);
  // All positions equally probable: KTAB throws; we treat everyone as risk-neutral.
  if (!(pmax > pmin)) return r;
  for (let i = 0; i < p.length; i++) {
    const x = p[i];
    if (range === "Mid") r[i] = (3 * x - (pmax + 2 * pmin)) / (2 * (pmax - pmin));
    else if (range === "Min") r[i] = (x - pmin) / (pmax - pmin);
    else r[i] = (2 * x - (pmax + pmin)) / (pmax - pmin);
  }
  return r;
}
