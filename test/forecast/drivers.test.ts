import { describe, expect, it } from "vitest";
import { forecastCommand } from "../../src/cli/forecast.ts";
import type { Driver as Found } from "../../src/forecast/drivers.ts";
import { forecast } from "../../src/forecast/forecast.ts";
import { loadForecastFile } from "../../src/forecast/io/input.ts";
import type { ForecastInput } from "../../src/forecast/types.ts";
import { forecastRoutes } from "../../src/server/routes/forecast.ts";

type Driver = Found & { text: string };

/** Apply a driver's change as its words describe it, independently of the code that found it. */
function apply(input: ForecastInput, d: Driver): ForecastInput {
  const k = d.dimension === null ? -1 : input.dimensions.indexOf(d.dimension);
  const n = Number(d.change.slice(1).replace("−", ""));
  return {
    ...input,
    actors: input.actors.map((a) => {
      if (a.name !== d.actor) return a;
      if (d.input === "capability")
        return { ...a, capability: d.change[0] === "×" ? a.capability * n : a.capability / n };
      const delta = d.change[0] === "+" ? n : -n;
      if (d.input === "position")
        return {
          ...a,
          position: a.position.map((x, j) => (j === k ? Math.min(100, Math.max(0, x + delta)) : x)),
        };
      const s = a.salience.map((x, j) => (j === k ? Math.min(100, Math.max(0, x + delta)) : x));
      const total = s.reduce((t, x) => t + x, 0);
      return { ...a, salience: total > 100 ? s.map((x) => (x * 100) / total) : s };
    }),
  };
}

describe("what drives the forecast", () => {
  it("ranks one-at-a-time changes by how far they move the forecast, and each does what it says", async () => {
    const out: string[] = [];
    await forecastCommand("china-dprk", { drivers: true, json: true }, (s) => out.push(s));
    const j = JSON.parse(out.join("\n"));
    const ds: Driver[] = j.drivers;
    expect(ds.length).toBeGreaterThan(0);
    expect(ds.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < ds.length; i++) expect(ds[i].size).toBeLessThanOrEqual(ds[i - 1].size);
    const s = await loadForecastFile("data/scenarios/china-dprk.yaml");
    const base = forecast(s.input, { model: "smp" }).outcome;
    for (const d of ds) {
      const moved = forecast(apply(s.input, d), { model: "smp" }).outcome;
      moved.forEach((x, k) => {
        expect(x - base[k]).toBeCloseTo(d.effect[k], 9);
      });
      expect(d.text).toContain(`${d.actor}'s`);
      expect(d.text).toContain(d.change);
    }
    const res = await forecastRoutes().request("/scenarios/china-dprk/run?drivers=true&trace=false");
    expect(((await res.json()) as { drivers: Driver[] }).drivers).toEqual(ds);
  }, 60_000);
});
