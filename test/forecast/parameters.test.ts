import { describe, expect, it } from "vitest";
import { loadForecastFile } from "../../src/forecast/io/input.ts";
import {
  DEFAULT_PARAMETERS,
  PARAMETER_VALUES,
  type ParameterName,
  resolveParameters,
} from "../../src/forecast/params.ts";
import { runSmp } from "../../src/forecast/smp/run.ts";

describe("SMP model parameters", () => {
  it("accepts the XSD spellings and rejects unknown values naming the parameter", () => {
    expect(resolveParameters({ VotingRule: "Proportional", BigRAdjust: "No" })).toMatchObject({
      votingRule: "Prop",
      bigRAdjust: "None",
    });
    expect(() => resolveParameters({ votingRule: "Majority" })).toThrow(/votingRule/);
    expect(() => resolveParameters({ colour: "red" })).toThrow(/colour/);
  });

  it("runs with every value of every parameter: valid probabilities and positions, a stop turn", async () => {
    const { input } = await loadForecastFile("data/scenarios/china-dprk.yaml");
    for (const [name, values] of Object.entries(PARAMETER_VALUES) as [ParameterName, readonly string[]][]) {
      const outcomes = new Set<string>();
      for (const value of values) {
        const r = runSmp(input, { parameters: { [name]: value }, maxTurns: 12, seed: "3", trace: false });
        expect(r.parameters[name]).toBe(value);
        expect(r.stopTurn).toBeLessThanOrEqual(12);
        for (const t of r.turns) {
          for (const p of t.probabilities) expect(p).toBeGreaterThanOrEqual(0);
          for (const p of t.probabilities) expect(p).toBeLessThanOrEqual(1 + 1e-12);
          for (const x of t.positions.flat()) expect(x).toBeGreaterThanOrEqual(0);
          for (const x of t.positions.flat()) expect(x).toBeLessThanOrEqual(100);
        }
        outcomes.add(JSON.stringify(r.turns.at(-1)?.positions));
      }
      // StateTransitions with one seed may coincide; every other parameter changes the run.
      if (name !== "stateTransitions") expect(outcomes.size, name).toBeGreaterThan(1);
    }
    expect(Object.keys(DEFAULT_PARAMETERS)).toHaveLength(9);
  });
});
