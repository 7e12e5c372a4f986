import type { SmpParameters } from "./params.ts";

export type VotingRule = SmpParameters["votingRule"];
export type VictoryProbModel = SmpParameters["victoryProbModel"];

const BINARY_SCALE = 1e-8;

function binary(delta: number): number {
  const b = delta / BINARY_SCALE;
  return b > 1 ? 1 : Math.max(b, -1);
}

/**
 * Influence actor k with weight w exerts for option a over option b, where `delta` is
 * u_k(a) − u_k(b) (SPEC §1.2). Every rule but ASymProsp is antisymmetric in delta.
 */
export function vote(rule: VotingRule, w: number, delta: number): number {
  switch (rule) {
    case "Prop":
      return w * delta;
    case "Binary":
      return w * binary(delta);
    case "PropBin":
      return w * (0.8 * delta + 0.2 * binary(delta));
    case "PropCbc":
      return w * (0.5 * delta + 0.5 * delta * delta * delta);
    case "Cubic":
      return w * delta * delta * delta;
    case "ASymProsp":
      return delta < 0 ? w * delta : (2 * w * delta) / 3;
  }
}

const CODES: Record<VotingRule, number> = {
  Prop: 0,
  Binary: 1,
  PropBin: 2,
  PropCbc: 3,
  Cubic: 4,
  ASymProsp: 5,
};

/** A voting rule as a small integer, for `voteByCode` in hot loops. */
export function votingRuleCode(rule: VotingRule): number {
  return CODES[rule];
}

/** `vote` keyed by `votingRuleCode`: the same arithmetic, cheap enough for O(n³) loops. */
export function voteByCode(code: number, w: number, delta: number): number {
  if (code === 0) return w * delta;
  if (code === 3) return w * (0.5 * delta + 0.5 * delta * delta * delta);
  if (code === 1) return w * binary(delta);
  if (code === 2) return w * (0.8 * delta + 0.2 * binary(delta));
  if (code === 4) return w * delta * delta * delta;
  return delta < 0 ? w * delta : (2 * w * delta) / 3;
}

/** Binary model: a 10% advantage (ratio 1.1) wins all but a millionth; linear in between. */
const BINARY_RATIO = 1.1;
const BINARY_FLOOR = 1e-6;

/** Probability that a coalition of strength cab beats one of strength cba (KTAB's vProb). */
export function victoryProbability(model: VictoryProbModel, cab: number, cba: number): number {
  let x1: number;
  let x2: number;
  if (model === "Linear") {
    x1 = cab;
    x2 = cba;
  } else if (model === "Square") {
    x1 = cab * cab;
    x2 = cba * cba;
  } else if (model === "Quartic") {
    x1 = cab * cab * (cab * cab);
    x2 = cba * cba * (cba * cba);
  } else if (model === "Octic") {
    const a = cab * cab * (cab * cab);
    const b = cba * cba * (cba * cba);
    x1 = a * a;
    x2 = b * b;
  } else if (cab >= BINARY_RATIO * cba) {
    x1 = 1;
    x2 = BINARY_FLOOR;
  } else if (cba >= BINARY_RATIO * cab) {
    x1 = BINARY_FLOOR;
    x2 = 1;
  } else {
    // Rescale r = cab/(cab+cba) linearly so that a ratio of 1.1 either way maps to 1 or 0.
    const r = cab / (cab + cba);
    x1 = (r * (BINARY_RATIO + 1) - 1) / (BINARY_RATIO - 1);
    x2 = 1 - x1;
  }
  return x1 / (x1 + x2);
}
