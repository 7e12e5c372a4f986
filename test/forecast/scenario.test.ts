import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { difference, forecast } from "../../src/forecast/forecast.ts";
import { loadForecastFile } from "../../src/forecast/io/input.ts";
import { outcomeJson } from "../../src/forecast/report.ts";
import { differenceSensitivity, sensitivity } from "../../src/forecast/sensitivity.ts";

const BASE = "data/scenarios/china-dprk.yaml";
const VARIANT = "data/scenarios/china-dprk-secondary-sanctions.yaml";

describe("the shipped China–DPRK scenarios", () => {
  it("has the six actors and a rationale beside every capability, position and salience", async () => {
    const s = await loadForecastFile(BASE);
    expect(s.input.actors.map((a) => a.name)).toEqual([
      "China",
      "DPRK",
      "US",
      "South Korea",
      "Japan",
      "Russia",
    ]);
    expect(s.dimensions.map((d) => d.id)).toEqual(["pressure", "sanctions", "usforces"]);
    for (const a of s.input.actors) {
      const r = s.rationale[a.name];
      expect(r.capability, `${a.name} capability`).toBeTruthy();
      for (const d of s.input.dimensions) {
        expect(r.position[d], `${a.name} ${d} position`).toBeTruthy();
        expect(r.salience[d], `${a.name} ${d} salience`).toBeTruthy();
      }
      expect(s.codes[a.name]).toMatch(/^[A-Z]{3}$/);
    }
  });

  it("reads the same scenario written as JSON", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "yalu-scenario-")), "china-dprk.json");
    writeFileSync(file, JSON.stringify(parse(readFileSync(BASE, "utf8")), null, 2));
    expect((await loadForecastFile(file)).input).toEqual((await loadForecastFile(BASE)).input);
  });

  it("the secondary-sanctions variant applies its overrides to the base", async () => {
    const v = await loadForecastFile(VARIANT);
    expect(v.base?.name).toBe("china-dprk");
    expect(v.overrides.length).toBeGreaterThan(0);
    const us = v.input.actors.find((a) => a.name === "US")!;
    const baseUs = v.base!.input.actors.find((a) => a.name === "US")!;
    expect(us.capability).toBeGreaterThan(baseUs.capability);
    const china = v.input.actors.find((a) => a.name === "China")!;
    const k = v.input.dimensions.indexOf("sanctions");
    expect(china.salience[k]).toBeGreaterThan(v.base!.input.actors[0].salience[k]);
    expect(v.rationale.China.salience.sanctions).toContain("override");
    // Untouched values are the base's.
    expect(v.input.actors.find((a) => a.name === "Japan")).toEqual(
      v.base!.input.actors.find((a) => a.name === "Japan"),
    );
  });

  it("forecasts both with SMP and EU, with baselines and a difference", async () => {
    const v = await loadForecastFile(VARIANT);
    for (const model of ["smp", "eu"] as const) {
      const a = forecast(v.input, { model });
      const b = forecast(v.base!.input, { model });
      expect(a.outcome).toHaveLength(3);
      expect(a.baselines.compromise).toHaveLength(3);
      for (const x of [...a.outcome, ...b.outcome]) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(100);
      }
      const d = difference(a, b);
      expect(d.outcome.map((x, k) => x + b.outcome[k])).toEqual(a.outcome.map((x) => expect.closeTo(x, 9)));
    }
    const json = outcomeJson(forecast(v.input), v) as {
      model: string;
      stopTurn: number;
      turns: { turn: number; positions: Record<string, number[]>; probabilities: Record<string, number> }[];
    };
    expect(json.model).toBe("smp");
    expect(json.turns).toHaveLength(json.stopTurn + 1);
    expect(Object.keys(json.turns[0].positions)).toEqual(v.input.actors.map((a) => a.name));
    expect(json.turns[0].positions.China).toEqual(v.input.actors[0].position);
  });

  it("Monte Carlo sensitivity is seeded, and collapses to the forecast with zero spread", async () => {
    const s = await loadForecastFile(BASE);
    const a = sensitivity(s.input, { runs: 4, seed: "9" });
    const b = sensitivity(s.input, { runs: 4, seed: "9" });
    expect(b).toEqual(a);
    const c = sensitivity(s.input, { runs: 4, seed: "10" });
    expect(c.outcome).not.toEqual(a.outcome);
    for (const x of a.outcome) expect(x.p5).toBeLessThanOrEqual(x.p95);
    const zero = sensitivity(s.input, { runs: 2, sdPosition: 0, sdSalience: 0, sdCapability: 0 });
    const f = forecast(s.input);
    zero.outcome.forEach((x, k) => {
      expect(x.sd).toBe(0);
      expect(x.mean).toBeCloseTo(f.outcome[k], 9);
    });
  });

  it("paired Monte Carlo of the variant against its base: zero spread gives the plain difference", async () => {
    const v = await loadForecastFile(VARIANT);
    const zero = differenceSensitivity(v.input, v.base!.input, {
      runs: 2,
      sdPosition: 0,
      sdSalience: 0,
      sdCapability: 0,
    });
    const d = difference(forecast(v.input), forecast(v.base!.input));
    zero.outcome.forEach((x, k) => {
      expect(x.mean).toBeCloseTo(d.outcome[k], 9);
      expect(x.sd).toBe(0);
    });
    const a = differenceSensitivity(v.input, v.base!.input, { runs: 5, seed: "4" });
    expect(differenceSensitivity(v.input, v.base!.input, { runs: 5, seed: "4" })).toEqual(a);
    for (const s of a.shareHigher) expect(s).toBeGreaterThanOrEqual(0);
  });
});
