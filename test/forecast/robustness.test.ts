import { describe, expect, it } from "vitest";
import { forecastCommand } from "../../src/cli/forecast.ts";
import { differenceRobustness, forecastRobustness } from "../../src/forecast/robustness.ts";
import { forecastRoutes } from "../../src/server/routes/forecast.ts";

async function capture(arg: string, opts: Parameters<typeof forecastCommand>[1]): Promise<string> {
  const out: string[] = [];
  await forecastCommand(arg, opts, (s) => out.push(s));
  return out.join("\n");
}

const spread = { mean: 1.3, sd: 16, p5: -23.2, p95: 29.9 };

describe("Monte Carlo in words", () => {
  it("a forecast is robust when 90% of runs stay within the band around it, and says how many did", () => {
    const robust = forecastRobustness(
      "pressure",
      78.4,
      9,
      0.96,
      { mean: 77, sd: 3, p5: 70.1, p95: 85.3 },
      200,
    );
    expect(robust.robust).toBe(true);
    expect(robust.text).toBe(
      "pressure: robust: 96% of 200 runs within ±9.0 of the forecast 78.4 (5–95%: 70.1 to 85.3)",
    );
    const not = forecastRobustness("pressure", 90, 9, 0.55, { mean: 50, sd: 40, p5: 0, p95: 90 }, 200);
    expect(not.robust).toBe(false);
    expect(not.text).toBe(
      "pressure: not robust: only 55% of 200 runs within ±9.0 of the forecast 90.0 (5–95%: 0.0 to 90.0)",
    );
    expect(forecastRobustness("x", 1, 1, 0.9, spread, 10).robust).toBe(true);
    expect(forecastRobustness("x", 1, 1, 0.89, spread, 10).robust).toBe(false);
  });

  it("a variant's effect is robust when 90% of paired runs move the same way; otherwise all three shares", () => {
    const not = differenceRobustness("sanctions", 0.55, 0.45, spread, 200);
    expect(not.robust).toBe(false);
    expect(not.text).toBe(
      "sanctions: not robust: higher in 55% of 200 runs, lower in 45%, the same in 0% (Δ +1.3 ± 16.0, 5–95%: −23.2 to +29.9)",
    );
    const up = differenceRobustness("sanctions", 0.97, 0.03, { mean: 5, sd: 2, p5: 2, p95: 9 }, 200);
    expect(up.text).toBe("sanctions: robust: higher in 97% of 200 runs (Δ +5.0 ± 2.0, 5–95%: +2.0 to +9.0)");
    expect(differenceRobustness("x", 0.02, 0.03, spread, 100).text).toMatch(
      /^x: robust: the same in 95% of 100 runs/,
    );
  });

  it("without noise every run is the forecast: robust, in the CLI's words and the API's JSON alike", async () => {
    const text = await capture("china-dprk-secondary-sanctions", { mc: "4", seed: "1", sd: "0,0,0" });
    const j = JSON.parse(
      await capture("china-dprk-secondary-sanctions", { mc: "4", seed: "1", sd: "0,0,0", json: true }),
    );
    expect(j.sensitivity.forecast).toEqual(j.outcome);
    for (const [k, d] of j.dimensions.entries()) {
      expect(text).toContain(`  ${d}: robust: 100% of 4 runs within ±`);
      // Each of the 4 unperturbed pairs differs as the single run does.
      const delta = j.difference.outcome[k];
      const way = delta > 1e-9 ? "higher" : delta < -1e-9 ? "lower" : "the same";
      expect(j.differenceSensitivity.robustness[k].text).toMatch(
        new RegExp(`^${d}: robust: ${way} in 100% of 4 runs`),
      );
    }
    expect(text).toContain("is the forecast robust to this noise?");
    expect(text).toContain("is the difference robust to this noise?");
    const res = await forecastRoutes().request(
      "/scenarios/china-dprk-secondary-sanctions/run?mc=4&seed=1&sd=0,0,0",
    );
    const api = (await res.json()) as Record<
      "sensitivity" | "differenceSensitivity",
      { robustness: unknown }
    >;
    expect(api.sensitivity.robustness).toEqual(j.sensitivity.robustness);
    expect(api.differenceSensitivity.robustness).toEqual(j.differenceSensitivity.robustness);
  }, 60_000);

  it("under noise, the verdict follows the shares it prints", async () => {
    const j = JSON.parse(
      await capture("china-dprk-secondary-sanctions", { mc: "40", seed: "7", json: true }),
    );
    const d = j.differenceSensitivity;
    for (const [k, r] of d.robustness.entries()) {
      const shares = [d.shareHigher[k], d.shareLower[k], 1 - d.shareHigher[k] - d.shareLower[k]];
      expect(r.robust).toBe(Math.max(...shares) >= 0.9);
      expect(r.text.startsWith(`${d.dimensions[k]}: ${r.robust ? "robust" : "not robust"}: `)).toBe(true);
      if (!r.robust) expect(r.text).toContain(`higher in ${Math.round(d.shareHigher[k] * 100)}% of 40 runs`);
    }
  }, 60_000);
});
