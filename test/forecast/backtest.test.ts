import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/error.ts";
import { forecastCommand } from "../../src/cli/forecast.ts";
import { readOutcomes, runBacktest } from "../../src/forecast/backtest.ts";
import { forecast } from "../../src/forecast/forecast.ts";
import { loadBacktestFile } from "../../src/forecast/io/input.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";
import { goldsteinOf } from "../../src/model/taxonomy.ts";
import { forecastRoutes } from "../../src/server/routes/forecast.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { yalu } from "../cli/yalu.ts";

// Errors name the line where the rule is written (an outcome's own line, under its dimension).
// A record of our own: three parties toward BBB, with Goldstein scores given, and a trade series.
// The outcome the backtest reads is worked out by hand below from these numbers.
const ev = (date: string, s: string, t: string, goldstein: number) =>
  normalizeEvent({
    date,
    source: { code: s, country: s, name: null },
    target: { code: t, country: t, name: null },
    cameo: "042",
    goldstein,
    description: `${s} toward ${t} on ${date}`,
  });

/** An actor of the small scenario: capability, then position and salience on talks, trade, troops. */
const actor = (name: string, code: string, c: number, x: number[], sal: number[]) =>
  [
    `  - name: ${name}`,
    `    code: ${code}`,
    `    capability: { value: ${c}, why: "w", source: "s1" }`,
    "    positions:",
    ...["talks", "trade", "troops"].map((d, k) => `      ${d}: { value: ${x[k]}, why: "w", source: "s2" }`),
    "    saliences:",
    ...["talks", "trade", "troops"].map((d, k) => `      ${d}: { value: ${sal[k]}, why: "w", source: "s3" }`),
  ].join("\n");

const SCENARIO = `name: small-2016
dimensions: [{ id: talks }, { id: trade }, { id: troops }]
actors:
${actor("A", "AAA", 60, [80, 90, 70], [50, 30, 20])}
${actor("B", "BBB", 20, [0, 0, 0], [60, 20, 20])}
${actor("C", "CCC", 40, [40, 20, 30], [30, 40, 30])}
`;

const BACKTEST = `name: small
scenario: small-2016.yaml
asOf: 2016-12-31
horizon: { from: 2018-01-01, to: 2018-12-31 }
outcomes:
  talks:
    events: { toward: BBB, from: [AAA, CCC, DDD] }
  trade:
    indicator: { name: trade, subject: AAA-BBB, baseline: "2016" }
  troops:
    observed: { value: 30, why: "seen", source: "a report" }
`;

describe("backtest on a record of our own", () => {
  let dir: string;
  let store: Store;
  let db: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "forecast-backtest-"));
    db = join(dir, "t.duckdb");
    store = await openStore(db, { flagship: false });
    await store.importEvents([
      ev("2018-03-01", "AAA", "BBB", 4),
      ev("2018-07-01", "AAA", "BBB", -2),
      ev("2018-05-01", "CCC", "BBB", -6),
      // Outside the horizon, or the other way round: not read.
      ev("2017-12-31", "AAA", "BBB", -10),
      ev("2019-01-01", "CCC", "BBB", 10),
      ev("2018-04-01", "BBB", "AAA", -10),
    ]);
    const point = (period: string, value: number, series = "total") => ({
      indicator: "trade",
      subject: "AAA-BBB",
      series,
      period,
      value,
      unit: "USD",
      source: null,
      url: null,
      note: null,
    });
    await store.putIndicators([
      point("2016", 200),
      point("2017", 100),
      point("2018", 50),
      point("2018-H1", 1),
      point("2018", 999, "exports"),
    ]);
    writeFileSync(join(dir, "small-2016.yaml"), SCENARIO);
    writeFileSync(join(dir, "small.yaml"), BACKTEST);
  });

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads the outcome by each rule and sets each model's error beside the baselines'", async () => {
    const bt = await loadBacktestFile(join(dir, "small.yaml"));
    const outcome = await readOutcomes(bt, store);
    // AAA: mean Goldstein (4 − 2) / 2 = 1 → 50 − 5 = 45; CCC: −6 → 80; DDD has no events.
    expect(outcome[0].value).toBeCloseTo((45 + 80) / 2, 9);
    expect(outcome[0].dyads?.map((d) => [d.source, d.events])).toEqual([
      ["AAA", 2],
      ["CCC", 1],
      ["DDD", 0],
    ]);
    // Trade 2018 is a quarter of 2016's: 75% of it gone.
    expect(outcome[1].value).toBeCloseTo(75, 9);
    expect(outcome[2]).toMatchObject({ value: 30, how: "observed", source: "a report" });

    const r = runBacktest(bt, outcome);
    const y = [62.5, 75, 30];
    const smp = forecast(bt.scenario.input, { model: "smp" });
    const eu = forecast(bt.scenario.input, { model: "eu" });
    const row = (m: string) => r.rows.find((x) => x.model === m)!;
    expect(row("smp").forecast).toEqual(smp.outcome);
    expect(row("eu").forecast).toEqual(eu.outcome);
    // The compromise on "talks" by hand: Σ c·s·x / Σ c·s.
    const talks = (60 * 50 * 80 + 20 * 60 * 0 + 40 * 30 * 40) / (60 * 50 + 20 * 60 + 40 * 30);
    expect(row("compromise").forecast[0]).toBeCloseTo(talks, 9);
    expect(row("compromise").error[0]).toBeCloseTo(Math.abs(talks - 62.5), 9);
    // Weighted median on "trade": weights A 1800, C 1600, B 400 of 3800; sorted 0 (B), 20 (C), 90 (A):
    // the cumulative weight reaches half at C's 20.
    expect(row("weightedMedian").forecast[1]).toBe(20);
    for (const x of r.rows) {
      const errors = x.forecast.map((f, k) => Math.abs(f - y[k]));
      for (const [k, e] of x.error.entries()) expect(e).toBeCloseTo(errors[k], 9);
      expect(x.meanAbsoluteError).toBeCloseTo(errors.reduce((t, e) => t + e, 0) / 3, 9);
    }
  });

  it("yalu forecast --backtest prints the errors, or their JSON; other run flags are refused", async () => {
    const out: string[] = [];
    await store.close();
    try {
      await forecastCommand(join(dir, "small.yaml"), { backtest: true, db }, (s) => out.push(s));
      const text = out.join("\n");
      expect(text).toContain("backtest small: scenario small-2016 with inputs as of 2016-12-31");
      expect(text).toMatch(/talks\s+62\.5 {2}the record: /);
      expect(text).toMatch(
        /trade\s+75\.0 {2}indicator trade AAA-BBB total: 100 × \(1 − 50 \(2018\) ÷ 200 USD \(2016\)\)/,
      );
      expect(text).toContain("baseline: compromise");
      out.length = 0;
      await forecastCommand(join(dir, "small.yaml"), { backtest: true, db, json: true }, (s) => out.push(s));
      const j = JSON.parse(out[0]);
      expect(j.outcome.map((o: { value: number }) => o.value)).toEqual([62.5, 75, 30]);
      expect(j.rows.map((x: { model: string }) => x.model)).toEqual([
        "smp",
        "eu",
        "compromise",
        "weightedMedian",
      ]);
      const refused = await forecastCommand(join(dir, "small.yaml"), { backtest: true, db, mc: "5" }).catch(
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(CliError);
      expect((refused as CliError).exitCode).toBe(2);
      const unknown = await forecastCommand("no-such-backtest", { backtest: true, db }).catch(
        (e: unknown) => e,
      );
      expect((unknown as Error).message).toContain("china-dprk-2016");
    } finally {
      store = await openStore(db);
    }
  });

  it("the API runs a shipped backtest on the record it holds: the CLI's JSON", async () => {
    const app = forecastRoutes({ reader: store, backtests: dir });
    const json = async (r: Response) =>
      (await r.json()) as { backtests: string[]; error: { message: string; parameter: string } };
    const res = await app.request("/backtests/small/run?eu=variant:scholz-code");
    expect(res.status).toBe(200);
    const bt = await loadBacktestFile(join(dir, "small.yaml"));
    const local = runBacktest(bt, await readOutcomes(bt, store), { eu: { variant: "scholz-code" } });
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(local)));
    expect(local.rows[1].label).toContain("scholz-code");
    expect((await json(await app.request("/backtests"))).backtests).toContain("small");
    const unknown = await app.request("/backtests/nope/run");
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.message).toBe('unknown backtest "nope"');
    const param = await app.request("/backtests/small/run?mc=3");
    expect(param.status).toBe(400);
    expect((await json(param)).error.parameter).toBe("mc");
    const noRecord = await forecastRoutes({ backtests: dir }).request("/backtests/small/run");
    expect(noRecord.status).toBe(404);
  });

  it("a rule the record cannot answer names the line and the field", async () => {
    writeFileSync(join(dir, "empty.yaml"), BACKTEST.replace('baseline: "2016"', 'baseline: "2015"'));
    const bt = await loadBacktestFile(join(dir, "empty.yaml"));
    await expect(readOutcomes(bt, store)).rejects.toThrow(
      `${join(dir, "empty.yaml")}:9: outcomes.trade: the record has no positive indicator trade AAA-BBB total for 2015`,
    );
    writeFileSync(join(dir, "none.yaml"), BACKTEST.replace("from: [AAA, CCC, DDD]", "from: [DDD]"));
    await expect(readOutcomes(await loadBacktestFile(join(dir, "none.yaml")), store)).rejects.toThrow(
      /none\.yaml:7: outcomes\.talks: the record has no events toward BBB from DDD between 2018-01-01 and 2018-12-31/,
    );
  });

  it("a bad backtest file is an error naming the file, line and field", async () => {
    const bad = async (name: string, text: string, scenario = SCENARIO) => {
      writeFileSync(join(dir, `${name}-2016.yaml`), scenario);
      writeFileSync(join(dir, `${name}.yaml`), text.replace("small-2016.yaml", `${name}-2016.yaml`));
      return (await loadBacktestFile(join(dir, `${name}.yaml`)).catch((e: Error) => e)) as Error;
    };
    const file = (name: string) => join(dir, `${name}.yaml`);
    expect((await bad("date", BACKTEST.replace("from: 2018-01-01", "from: 2018-13-01"))).message).toBe(
      `${file("date")}:4: horizon.from: not a calendar date`,
    );
    expect((await bad("order", BACKTEST.replace("asOf: 2016-12-31", "asOf: 2018-06-30"))).message).toBe(
      `${file("order")}:4: horizon.from: 2018-01-01 is not after asOf 2018-06-30: a backtest forecasts what came after its inputs`,
    );
    expect(
      (
        await bad(
          "two",
          BACKTEST.replace("    observed:", "    events: { toward: BBB, from: [AAA] }\n    observed:"),
        )
      ).message,
    ).toBe(`${file("two")}:11: outcomes.troops: give exactly one of events, indicator or observed`);
    expect(
      (
        await bad(
          "unsourced",
          BACKTEST.replace('value: 30, why: "seen", source: "a report"', 'value: 30, why: "seen"'),
        )
      ).message,
    ).toBe(
      `${file("unsourced")}:11: outcomes.troops.observed.source: Invalid input: expected string, received undefined`,
    );
    expect(
      (
        await bad(
          "extra",
          BACKTEST.replace(
            "  talks:\n",
            "  tanks:\n    observed: { value: 1, why: w, source: s }\n  talks:\n",
          ),
        )
      ).message,
    ).toBe(
      `${file("extra")}:7: outcomes.tanks: no such dimension in scenario small-2016 (talks, trade, troops)`,
    );
    expect((await bad("missing", BACKTEST.replace(/ {2}troops:\n.*\n/, ""))).message).toBe(
      `${file("missing")}:6: outcomes.troops: missing (how is the outcome on "troops" read?)`,
    );
    expect((await bad("field", BACKTEST.replace("baseline:", "base:"))).message).toMatch(
      /field\.yaml:9: outcomes\.trade\.indicator\.(base: unknown field|baseline: .*)/,
    );
    const unsourcedInput = await bad(
      "input",
      BACKTEST,
      SCENARIO.replace('talks: { value: 40, why: "w", source: "s2" }', 'talks: { value: 40, why: "w" }'),
    );
    expect(unsourcedInput.message).toBe(
      `${join(dir, "input-2016.yaml")}:1: actor "C": a backtest's inputs each need a source ({ value, why, source }); none for position on "talks"`,
    );
  });
});

describe("the shipped China–DPRK backtest", () => {
  it("loads: inputs as of 2016, each sourced; the outcome over 2018 read from the record where it can be", async () => {
    const bt = await loadBacktestFile("data/backtests/china-dprk-2016.yaml");
    expect(bt.asOf).toBe("2016-12-31");
    expect(bt.horizon).toEqual({ from: "2018-01-01", to: "2018-12-31" });
    expect(Object.values(bt.scenario.codes)).toEqual(["CHN", "PRK", "USA", "KOR", "JPN", "RUS"]);
    expect(bt.outcomes.map((o) => Object.keys(o).find((k) => k !== "dimension" && k !== "line"))).toEqual([
      "events",
      "indicator",
      "observed",
    ]);
  });
});

describe("the shipped backtest on the flagship record, through bin/yalu.js", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "forecast-backtest-flagship-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads 2018 from data/flagship: the events' Goldstein scores and the trade series", async () => {
    const db = join(dir, "flagship.duckdb");
    const store = await openStore(db, { flagship: true });
    await store.close();
    const run = await yalu(["forecast", "china-dprk-2016", "--backtest", "--json", "--db", db]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const j = JSON.parse(run.stdout);
    // The rules worked out again from the files the record is loaded from.
    const events = readFileSync("data/flagship/events.jsonl", "utf8")
      .split("\n")
      .filter(Boolean)
      .map(
        (l) =>
          JSON.parse(l) as {
            date: string;
            source: { code: string };
            target: { code: string };
            cameo: string;
          },
      );
    const positions = ["CHN", "USA", "KOR", "JPN", "RUS"].flatMap((code) => {
      const gs = events
        .filter(
          (e) =>
            e.date.startsWith("2018") && e.source.code.startsWith(code) && e.target.code.startsWith("PRK"),
        )
        .map((e) => goldsteinOf(e.cameo));
      return gs.length ? [50 - (5 * gs.reduce((t, g) => t + g, 0)) / gs.length] : [];
    });
    expect(positions.length).toBeGreaterThan(2);
    expect(j.outcome[0].value).toBeCloseTo(positions.reduce((t, x) => t + x, 0) / positions.length, 9);
    const trade = Object.fromEntries(
      readFileSync("data/flagship/trade.csv", "utf8")
        .split("\n")
        .filter((l) => l.startsWith("trade,CHN-PRK,total,"))
        .map((l) => l.split(","))
        .map((f) => [f[3], Number(f[4])]),
    );
    expect(j.outcome[1].value).toBeCloseTo(100 * (1 - trade["2018"] / trade["2016"]), 9);
    expect(j.outcome[2]).toMatchObject({ dimension: "usforces", how: "observed", value: 45 });
    expect(j.rows).toHaveLength(4);
  }, 120_000);
});
