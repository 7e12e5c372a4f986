import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { openStore } from "../../src/store/open.ts";
import { yalu } from "./yalu.ts";

// `yalu phases` and `yalu indicators` on the flagship record print what /api/phases and
// /api/indicators answer for the same parameters.
const dir = mkdtempSync(join(tmpdir(), "yalu-analysis-cli-"));
const db = join(dir, "flagship.duckdb");
beforeAll(async () => {
  // A named database starts empty (by --db or $YALU_DB alike): load the record into it.
  const r = await run("import", "--flagship");
  expect([r.code, r.stderr]).toEqual([0, ""]);
  expect(r.stdout).toMatch(/^loaded the flagship record: \d+ events, \d+ indicator points in /);
  expect((await run("import", "--flagship")).stdout).toMatch(/^already holds the flagship record/);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => yalu(args, { YALU_DB: db });

/** The API's answer on the same database, in this process (after the CLI has exited). */
async function api(path: string): Promise<unknown> {
  const store = await openStore(db, { flagship: false });
  try {
    const res = await createApp({ store }).request(path);
    expect(res.status).toBe(200);
    return await res.json();
  } finally {
    await store.close();
  }
}

describe("yalu phases", () => {
  it("prints /api/phases' answer with --json, and a table of the same phases", async () => {
    const json = await run("phases", "--dyad", "CHN-PRK", "--json");
    expect(json.stderr).toBe("");
    const cli = JSON.parse(json.stdout);
    expect(cli).toEqual(await api("/api/phases?dyad=CHN-PRK"));
    expect(cli.phases.length).toBeGreaterThan(1);

    const text = await run("phases", "--dyad", "CHN-PRK");
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n")[0]).toBe(
      `CHN-PRK: ${cli.phases.length} phases of mean Goldstein per year (PELT, σ ${cli.model.sigma.toFixed(2)}, penalty ${cli.model.penalty.toFixed(1)}, threshold 1)`,
    );
    for (const p of cli.phases as { from: string; to: string; label: string; goldsteinMean: number }[]) {
      expect(text.stdout).toMatch(
        new RegExp(`^${p.from}\\s+${p.to}\\s+${p.label}\\s+${p.goldsteinMean.toFixed(2)}\\s`, "m"),
      );
    }
    for (const t of cli.turningPoints as { period: string; label: string }[])
      expect(text.stdout).toContain(`  ${t.period} ${t.label} (`);
  }, 120_000);

  it("takes the shared filters and the model's parameters under the API's names", async () => {
    const args = [
      "--dyad",
      "CHN-PRK",
      "--from",
      "2010",
      "--bucket",
      "quarter",
      "--threshold",
      "2",
      "--min-size",
      "2",
    ];
    const cli = JSON.parse((await run("phases", ...args, "--json")).stdout);
    expect(cli).toEqual(await api("/api/phases?dyad=CHN-PRK&from=2010&bucket=quarter&threshold=2&minSize=2"));
    expect(cli.model).toMatchObject({ bucket: "quarter", threshold: 2, minSize: 2 });
  }, 120_000);

  it("says plainly when a dyad's record is too thin to call phases, as /api/phases does", async () => {
    const json = await run("phases", "--dyad", "IGOUNO-PRK", "--json");
    const cli = JSON.parse(json.stdout);
    expect(cli).toEqual(await api("/api/phases?dyad=IGOUNO-PRK"));
    expect([cli.phases, cli.turningPoints, cli.model.medianPeriodEvents]).toEqual([[], [], 1]);
    // Asked to call phases on any record, it does, as the API does.
    const forced = JSON.parse(
      (await run("phases", "--dyad", "IGOUNO-PRK", "--min-period-events", "1", "--json")).stdout,
    );
    expect(forced).toEqual(await api("/api/phases?dyad=IGOUNO-PRK&minPeriodEvents=1"));
    expect([forced.thin, forced.phases.length > 1]).toEqual([null, true]);
    const text = await run("phases", "--dyad", "IGOUNO-PRK");
    expect([text.code, text.stderr]).toEqual([0, ""]);
    expect(text.stdout).toMatch(
      /^IGOUNO-PRK: no phases per year, too few events to call a phase: the median year with events holds 1 event \(\d+ in \d+ years\), and phases need 2 or more\n$/,
    );
  });

  it("names a bad flag (exit 2) and an actor without events (exit 1)", async () => {
    const bucket = await run("phases", "--dyad", "CHN-PRK", "--bucket", "week");
    expect([bucket.code, bucket.stderr]).toEqual([
      2,
      'yalu: invalid --bucket "week": must be day, month, quarter or year\n',
    ]);
    const to = await run("phases", "--dyad", "CHN-PRK", "--from", "2019", "--to", "2018");
    expect([to.code, to.stderr]).toEqual([2, 'yalu: invalid --to "2018": before --from "2019"\n']);
    const missing = await run("phases", "--dyad", "CHN-XYZ");
    expect([missing.code, missing.stderr]).toEqual([
      1,
      'yalu: unknown actor "XYZ" (--dyad): no events in the record\n',
    ]);
  }, 120_000);
});

describe("yalu indicators", () => {
  it("prints /api/indicators' answer with --json, and the trade values with their sources", async () => {
    const cli = JSON.parse((await run("indicators", "--dyad", "CHN-PRK", "--json")).stdout);
    expect(cli).toEqual(await api("/api/indicators?dyad=CHN-PRK"));
    const text = (await run("indicators", "--dyad", "CHN-PRK")).stdout;
    const trade = cli.trade as { period: string; series: string; source: string }[];
    expect(trade.length).toBeGreaterThan(10);
    for (const p of trade)
      expect(text).toMatch(new RegExp(`^${p.period}\\s+${p.series}\\s+\\S+\\s+USD\\s+.*$`, "m"));
    // Each point's own source: the 2019 total is not credited to the 2004 source.
    const y2019 = trade.find((p) => p.period === "2019" && p.series === "total")!;
    expect(text).toContain(y2019.source);
    for (const r of cli.resolutions as { resolution: string }[]) expect(text).toContain(r.resolution);
  }, 120_000);

  it("says plainly when a dyad has no trade series", async () => {
    const r = await run("indicators", "--dyad", "JPN-PRK");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'trade: no series for JPN-PRK in the record (indicator "trade", subject "JPN-PRK")',
    );
    // Russia-DPRK has one since issue 14 (ITC and Russian government figures).
    const rus = await run("indicators", "--dyad", "RUS-PRK");
    expect(rus.stdout).not.toContain("no series for RUS-PRK");
    expect(rus.stdout).toMatch(/^2019\s+total\s+/m);
  }, 120_000);
});

describe("yalu stats --coverage", () => {
  it("prints /api/coverage's answer with --json, and a table of the same counts with thin and silent years marked", async () => {
    const args = ["--dyads", "CHN-PRK,PRK-USA", "--from", "2000", "--to", "2025"];
    const cli = JSON.parse((await run("stats", "--coverage", ...args, "--json")).stdout);
    expect(cli).toEqual(await api("/api/coverage?dyads=CHN-PRK,PRK-USA&from=2000&to=2025"));
    const text = await run("stats", "--coverage", ...args);
    expect([text.code, text.stderr]).toEqual([0, ""]);
    const cell = (n: number) => (n === 0 ? "·" : n < cli.thin ? `${n}\\*` : String(n));
    for (const [i, year] of (cli.years as string[]).entries()) {
      const cells = (cli.dyads as { counts: number[] }[]).map((d) => cell(d.counts[i]));
      expect(text.stdout).toMatch(new RegExp(`^${year}\\s+${cells.join("\\s+")}\\s*$`, "m"));
    }
  }, 120_000);

  it("names a bad flag, and a coverage flag given without --coverage (exit 2)", async () => {
    const from = await run("stats", "--coverage", "--from", "90");
    expect([from.code, from.stderr]).toEqual([2, 'yalu: invalid --from "90": expected a year YYYY\n']);
    const alone = await run("stats", "--thin", "2");
    expect([alone.code, alone.stderr]).toEqual([2, "yalu: --thin needs --coverage\n"]);
  }, 120_000);
});
