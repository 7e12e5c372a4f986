import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { forecast } from "../../src/forecast/forecast.ts";
import { loadForecastFile } from "../../src/formats/forecast-input.ts";

/**
 * Golden file for the shipped scenarios' forecasts (SMP and EU, base and variant). On a mismatch
 * the new output is written beside it as `-changed` for review; copy it over to accept.
 */
const GOLDEN = "test/forecast/golden/china-dprk.json";
const round = (x: number) => Math.round(x * 1e4) / 1e4;

async function summary() {
  const out: Record<string, unknown> = {};
  for (const name of ["china-dprk", "china-dprk-secondary-sanctions"]) {
    const s = await loadForecastFile(`data/scenarios/${name}.yaml`);
    for (const model of ["smp", "eu"] as const) {
      const f = forecast(s.input, { model });
      out[`${name}/${model}`] = {
        turns: f.turns,
        outcome: f.outcome.map(round),
        expected: f.expected.map(round),
        baselines: {
          compromise: f.baselines.compromise.map(round),
          weightedMedian: f.baselines.weightedMedian,
        },
        finalPositions: Object.fromEntries(f.actors.map((a, i) => [a, f.finalPositions[i].map(round)])),
      };
    }
  }
  return out;
}

describe("golden forecasts of the shipped scenarios", () => {
  it("match test/forecast/golden/china-dprk.json", async () => {
    const actual = `${JSON.stringify(await summary(), null, 2)}\n`;
    if (!existsSync(GOLDEN)) writeFileSync(GOLDEN, actual);
    const expected = JSON.parse(readFileSync(GOLDEN, "utf8"));
    const same = JSON.stringify(JSON.parse(actual)) === JSON.stringify(expected);
    if (!same) writeFileSync(GOLDEN.replace(/\.json$/, "-changed.json"), actual);
    expect(JSON.parse(actual)).toEqual(expected);
  });
});
