import { describe, expect, it } from "vitest";
import { forecastCommand } from "../../src/cli/forecast.ts";
import { convergence } from "../../src/forecast/convergence.ts";

async function capture(arg: string, opts: Parameters<typeof forecastCommand>[1]): Promise<string> {
  const out: string[] = [];
  await forecastCommand(arg, opts, (s) => out.push(s));
  return out.join("\n");
}

const actors = ["A", "B", "C"];
/** A run of actors A, B, C on one issue: rounds separated by "/", positions by spaces. */
const issue = (rounds: string, outcome: number[]) =>
  convergence(
    "issue",
    actors,
    rounds.split("/").map((r) => r.trim().split(/\s+/).map(Number)),
    outcome,
  );

describe("convergence in words", () => {
  it("a fixed point: the round it starts, and the forecast", () => {
    const c = issue("0 50 100 / 20 50 80 / 30 50 60 / 30 50 60 / 30 50 60", [50, 50, 50, 50, 50]);
    expect([c.kind, c.from, c.period, c.dependsOnStop, c.moving]).toEqual(["fixed", 2, 1, false, []]);
    expect(c.text).toBe("issue: converged, a fixed point from round 2 (the forecast is 50.0)");
  });

  it("a cycle: its period, the round it starts, who moves, and the forecast's range over it", () => {
    const rounds =
      "0 50 100 / 10 50 90 / 20 40 90 / 20 60 90 / 20 60 70 / 20 40 90 / 20 60 90 / 20 60 70 / 20 40 90";
    const c = issue(rounds, [50, 50, 40, 60, 60, 40, 60, 60, 40]);
    expect([c.kind, c.period, c.from, c.dependsOnStop]).toEqual(["cycle", 3, 2, true]);
    expect(c.outcomeRange).toEqual([40, 60]);
    expect(c.moving).toEqual([
      { actor: "B", range: [40, 60] },
      { actor: "C", range: [70, 90] },
    ]);
    expect(c.text).toBe(
      "issue: does not converge, it cycles with period 3 from round 2 (B 40.0 and 60.0, C 70.0 and 90.0); " +
        "the forecast depends on the stopping round: it lies between 40.0 and 60.0",
    );
  });

  it("a cycle that leaves the forecast where it is says so", () => {
    const c = issue("0 50 100 / 0 50 90 / 0 50 100 / 0 50 90", [50, 50, 50, 50]);
    expect([c.kind, c.period, c.dependsOnStop]).toEqual(["cycle", 2, false]);
    expect(c.text).toContain("the forecast stays at 50.0");
  });

  it("still moving: neither repeats; the last move and the forecast's drift are named", () => {
    const c = issue("0 50 100 / 5 50 95 / 9 50 92 / 12 50 90", [50, 51, 52, 53]);
    expect([c.kind, c.period, c.from, c.dependsOnStop]).toEqual(["moving", null, null, true]);
    expect(c.moving).toEqual([
      { actor: "A", range: [9, 12] },
      { actor: "C", range: [92, 90] },
    ]);
    expect(c.text).toContain("still moving after 3 rounds");
    expect(c.text).toContain("A 9.0 → 12.0, C 92.0 → 90.0");
    expect(c.text).toContain("the forecast moved between 52.0 and 53.0");
  });

  it("the EU base case's pressure dimension cycles: the trace alternates, and the report says so with the range", async () => {
    const j = JSON.parse(await capture("china-dprk", { model: "eu", json: true }));
    // Read the period off the trace itself: each round equals the one two before and differs from the last.
    const rounds: { positions: Record<string, number>; median: number }[] = j.perDimension[0].rounds;
    const row = (t: number) => Object.values(rounds[t].positions);
    for (let t = 2; t < rounds.length; t++) {
      expect(row(t)).toEqual(row(t - 2));
      expect(row(t)).not.toEqual(row(t - 1));
    }
    const medians = rounds.map((r) => r.median);
    const c = j.convergence[0];
    expect([c.dimension, c.kind, c.period, c.dependsOnStop]).toEqual(["pressure", "cycle", 2, true]);
    expect(c.outcomeRange).toEqual([Math.min(...medians.slice(-2)), Math.max(...medians.slice(-2))]);
    const text = await capture("china-dprk", { model: "eu" });
    expect(text).toContain("pressure: does not converge, it cycles with period 2");
    expect(text).toContain(
      `the forecast depends on the stopping round: it lies between ${c.outcomeRange[0].toFixed(1)} and ${c.outcomeRange[1].toFixed(1)}`,
    );
    // The forecast row gives the cycle's range, not the value at round 10.
    expect(text).toMatch(
      new RegExp(`forecast \\(median\\)\\s+${c.outcomeRange[0].toFixed(1)}–${c.outcomeRange[1].toFixed(1)}`),
    );
  });

  it("a run that is not cycling keeps its final forecast in the table", async () => {
    const j = JSON.parse(await capture("china-dprk", { json: true }));
    expect(j.convergence.every((c: { kind: string }) => c.kind !== "cycle")).toBe(true);
    const text = await capture("china-dprk", {});
    const row = j.outcome.map((x: number) => x.toFixed(1)).join("\\s+");
    expect(text).toMatch(new RegExp(`forecast \\(most probable\\)\\s+${row}\\n`));
  });
});
