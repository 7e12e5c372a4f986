import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/error.ts";
import { forecastCommand } from "../../src/cli/forecast.ts";
import { deriveInputs } from "../../src/forecast/derive.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";
import { forecastRoutes } from "../../src/server/routes/forecast.ts";
import { openStore } from "../../src/store/open.ts";

async function capture(arg: string, opts: Parameters<typeof forecastCommand>[1]): Promise<string> {
  const out: string[] = [];
  await forecastCommand(arg, opts, (s) => out.push(s));
  return out.join("\n");
}

describe("yalu forecast", () => {
  it("prints the variant, its base and the difference, with who moved and why", async () => {
    const text = await capture("china-dprk-secondary-sanctions", {});
    expect(text).toContain("china-dprk-secondary-sanctions: SMP");
    expect(text).toContain("baseline: compromise");
    expect(text).toContain("who moved and why:");
    expect(text).toContain("difference: china-dprk-secondary-sanctions − china-dprk");
  });

  it("--json has model, stopTurn and per-turn positions and probabilities by actor name", async () => {
    const j = JSON.parse(await capture("china-dprk", { json: true, vs: "china-dprk-secondary-sanctions" }));
    expect(j.model).toBe("smp");
    expect(j.turns[j.stopTurn].turn).toBe(j.stopTurn);
    expect(j.turns[0].positions.DPRK).toEqual([0, 0, 0]);
    expect(typeof j.turns[0].probabilities.China).toBe("number");
    expect(j.base.scenario).toBe("china-dprk-secondary-sanctions");
    expect(j.difference.outcome).toHaveLength(3);
  });

  it("--json is the API's answer to the same run: one comparison of scenario and base", async () => {
    const cli = JSON.parse(
      await capture("china-dprk-secondary-sanctions", { json: true, mc: "2", seed: "3" }),
    );
    const res = await forecastRoutes().request("/scenarios/china-dprk-secondary-sanctions/run?mc=2&seed=3");
    expect(res.status).toBe(200);
    const api = await res.json();
    expect(cli.base.scenario).toBe("china-dprk");
    expect(cli.differenceSensitivity.shareHigher).toHaveLength(3);
    expect(cli.difference.finalPositions.China).toHaveLength(3);
    expect(cli).toEqual(api);
  });

  it("--model eu, --mc and --param work; bad flags are usage errors", async () => {
    expect(await capture("china-dprk", { model: "eu" })).toContain("expected-utility model");
    expect(await capture("china-dprk", { mc: "3", seed: "5", sd: "2,2,0.05", log: false })).toContain(
      "sensitivity: 3 runs",
    );
    const j = JSON.parse(
      await capture("china-dprk", { json: true, param: ["votingRule=Cubic", "pceModel=MarkovUniform"] }),
    );
    expect(j.parameters.votingRule).toBe("Cubic");
    for (const bad of [
      { model: "x" },
      { mc: "0" },
      { sd: "1,2" },
      { param: ["votingRule=Nope"] },
      { eu: ["zzz=1"] },
    ]) {
      const err = await capture("china-dprk", bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CliError);
      expect((err as CliError).exitCode).toBe(2);
    }
    // --derive's dates follow the event filters' rules, checked before any store is opened.
    const dates = await capture("china-dprk", { derive: true, from: "2019-07", to: "2019-06" }).catch(
      (e: unknown) => e,
    );
    expect(dates).toBeInstanceOf(CliError);
    expect((dates as CliError).message).toBe('invalid --to "2019-06": before --from "2019-07"');
    const missing = await capture("no-such-scenario", {}).catch((e: unknown) => e);
    expect((missing as Error).message).toContain("china-dprk");
  });
});

describe("deriveInputs on a small DuckDB store", () => {
  it("position from mean Goldstein toward the DPRK, salience from event volume", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yalu-derive-"));
    const store = await openStore(join(dir, "t.duckdb"), { flagship: false });
    try {
      const ev = (date: string, s: string, t: string, cameo: string) =>
        normalizeEvent({
          date,
          source: { code: s, country: s, name: null },
          target: { code: t, country: t, name: null },
          cameo,
          description: `${s} ${cameo} ${t} ${date}`,
        });
      await store.importEvents([
        ev("2024-01-01", "CHN", "PRK", "042"),
        ev("2024-02-01", "CHN", "PRK", "057"),
        ev("2024-03-01", "PRK", "CHN", "036"),
        ev("2024-01-05", "USA", "PRK", "163"),
        ev("2024-06-01", "JPN", "KOR", "042"),
      ]);
      const rows = await deriveInputs(store, [
        { name: "China", code: "CHN" },
        { name: "US", code: "USA" },
        { name: "Japan", code: "JPN" },
        { name: "DPRK", code: "PRK" },
      ]);
      const china = rows.find((r) => r.actor === "China")!;
      const gs = [ev("2024-01-01", "CHN", "PRK", "042"), ev("2024-02-01", "CHN", "PRK", "057")].map(
        (e) => e.goldstein,
      );
      expect(china.events).toBe(3);
      expect(china.toward).toBe(2);
      expect(china.meanGoldstein).toBeCloseTo((gs[0] + gs[1]) / 2, 9);
      expect(china.position).toBeCloseTo(50 - 5 * china.meanGoldstein!, 9);
      expect(china.salience).toBe(50);
      const us = rows.find((r) => r.actor === "US")!;
      expect(us.salience).toBeCloseTo(50 / 3, 9);
      expect(us.position!).toBeGreaterThan(50);
      expect(rows.find((r) => r.actor === "Japan")!.position).toBeNull();
      expect(rows.find((r) => r.actor === "DPRK")!.salience).toBeNull();
    } finally {
      await store.close();
    }
  });
});
