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
      return delta < 0 ? w * delta : (2 / 3) * w * delta;
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
  return delta < 0 ? w * delta : (2 / 3) * w * delta;
}

/** True when vote(rule, w, −d) is exactly −vote(rule, w, d), so one pass fills both coalitions. */
export function isAntisymmetric(rule: VotingRule): boolean {
  return rule !== "ASymProsp";
}

const NU: Record<Exclude<VictoryProbModel, "Binary">, number> = {
  Linear: 1,
  Square: 2,
  Quartic: 4,
  Octic: 8,
};

/** Binary model: a 10% relative advantage wins for certain; linear in between. */
const BINARY_MARGIN = 0.1;

/** Probability that a coalition of strength cab beats one of strength cba. */
export function victoryProbability(model: VictoryProbModel, cab: number, cba: number): number {
  if (model === "Binary") {
    const adv = (cab - cba) / ((cab + cba) / 2);
    const v = 0.5 + adv / (2 * BINARY_MARGIN);
    return v > 1 ? 1 : Math.max(v, 0);
  }
  if (model === "Linear") return cab / (cab + cba);
  const nu = NU[model];
  const a = cab ** nu;
  const b = cba ** nu;
  return a / (a + b);
}
