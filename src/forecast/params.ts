/**
 * The nine KTAB SMP model parameters (SPEC §1.1), with KTAB's defaults. Names are the ones KTAB's
 * code accepts (`Prop`, not `Proportional`; `None`, not `No`).
 */
export const PARAMETER_VALUES = {
  victoryProbModel: ["Linear", "Square", "Quartic", "Octic", "Binary"],
  pceModel: ["Conditional", "MarkovIncentive", "MarkovUniform"],
  stateTransitions: ["Deterministic", "Stochastic"],
  votingRule: ["Binary", "PropBin", "Prop", "PropCbc", "Cubic", "ASymProsp"],
  bigRRange: ["Min", "Mid", "Max"],
  bigRAdjust: ["None", "OneThird", "Half", "TwoThirds", "Full"],
  thirdPartyCommit: ["NoCommit", "SemiCommit", "FullCommit"],
  interVecBrgn: ["S1P1", "S2P2", "S2PMax"],
  bargnModel: ["InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"],
} as const;

export type ParameterName = keyof typeof PARAMETER_VALUES;
export type SmpParameters = { [K in ParameterName]: (typeof PARAMETER_VALUES)[K][number] };

export const DEFAULT_PARAMETERS = {
  victoryProbModel: "Linear",
  pceModel: "Conditional",
  stateTransitions: "Deterministic",
  votingRule: "Prop",
  bigRRange: "Mid",
  bigRAdjust: "OneThird",
  thirdPartyCommit: "SemiCommit",
  interVecBrgn: "S2P2",
  bargnModel: "InitOnlyInterp",
} as const satisfies SmpParameters;

/** KTAB's XML element names for the parameters, and the XSD spellings the code does not take. */
export const XML_PARAMETER_NAMES: Record<string, ParameterName> = {
  VictoryProbModel: "victoryProbModel",
  PCEModel: "pceModel",
  StateTransitions: "stateTransitions",
  VotingRule: "votingRule",
  BigRRange: "bigRRange",
  BigRAdjust: "bigRAdjust",
  ThirdPartyCommit: "thirdPartyCommit",
  InterVecBrgn: "interVecBrgn",
  BargnModel: "bargnModel",
};

const ALIASES: Record<string, string> = { Proportional: "Prop", No: "None" };

/** Check one parameter value (accepting the XSD aliases); returns null when it is not allowed. */
export function parseParameter<K extends ParameterName>(name: K, value: string): SmpParameters[K] | null {
  const v = ALIASES[value.trim()] ?? value.trim();
  const allowed = PARAMETER_VALUES[name] as readonly string[];
  const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  return (hit ?? null) as SmpParameters[K] | null;
}

/** Fill defaults and check every value; throws naming the parameter and the allowed values. */
export function resolveParameters(partial: Partial<Record<string, string>> = {}): SmpParameters {
  const out: Record<string, string> = { ...DEFAULT_PARAMETERS };
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    const name = (XML_PARAMETER_NAMES[key] ?? key) as ParameterName;
    if (!(name in PARAMETER_VALUES)) throw new Error(`unknown model parameter "${key}"`);
    const v = parseParameter(name, value);
    if (v === null) {
      throw new Error(
        `invalid value "${value}" for model parameter ${name} (allowed: ${PARAMETER_VALUES[name].join(", ")})`,
      );
    }
    out[name] = v;
  }
  return out as SmpParameters;
}
