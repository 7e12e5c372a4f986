import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitCsvLine } from "../../src/formats/csv-parse.ts";
import { createApp } from "../../src/server/app.ts";
import { openStore } from "../../src/store/open.ts";
import { yalu } from "./yalu.ts";

// `yalu check` prints the dashboard's verdicts (POST /api/check) for claims written as an analyst
// writes them; `yalu plot` saves the dashboard's charts as SVG, PNG and CSV.
const dir = mkdtempSync(join(tmpdir(), "yalu-analyst-cli-"));
const db = join(dir, "flagship.duckdb");
const run = (...args: string[]) => yalu(args, { YALU_DB: db });
const hasChromium = existsSync("/usr/bin/chromium");
const inCI = process.env.CI === "true";

beforeAll(async () => {
  const r = await run("import", "--flagship");
  expect([r.code, r.stderr]).toEqual([0, ""]);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLAIMS = `claims:
  - { dyad: CHN-PRK, period: 2022, claim: event, event: Veto, text: China vetoed new sanctions in 2022 }
  - { dyad: CHN-PRK, directed: true, period: 2022, claim: event, event: Veto, across: false }
  - { actor: PRK, to: RUS, than: CHN, period: 2023..2024, claim: closer }
  - { actor: PRK, to: CHN, than: RUS, period: 2023..2024, claim: closer }
  - { dyad: CHN-PRK, period: 2016..2017, claim: worsened }
  - { indicator: trade, subject: CHN-PRK, period: 2017..2024, claim: decreased }
`;

describe("yalu check, as the dashboard checks", () => {
  it("prints the verdicts POST /api/check gives for the same claims", async () => {
    const file = join(dir, "claims.yaml");
    writeFileSync(file, CLAIMS);
    const cli = await run("check", file, "--json");
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    const results = JSON.parse(cli.stdout) as { verdict: string; statement: string; numbers: object }[];
    const store = await openStore(db, { flagship: false });
    try {
      const res = await createApp({ store }).request("/api/check", {
        method: "POST",
        headers: { "content-type": "application/yaml" },
        body: CLAIMS,
      });
      expect(res.status).toBe(200);
      const api = (await res.json()) as { results: typeof results };
      expect(results.map((r) => [r.statement, r.verdict])).toEqual(
        api.results.map((r) => [r.statement, r.verdict]),
      );
      expect(results.map((r) => r.numbers)).toEqual(api.results.map((r) => r.numbers));
    } finally {
      await store.close();
    }
    // The veto is found across dyads; within the dyad alone it is not. One comparison holds, its
    // mirror cannot: a gap of at least 1 one way is at most -1 the other.
    expect(results[0].verdict).toBe("supported");
    expect(results[1].verdict).not.toBe("supported");
    expect(results[2].verdict === "supported" ? results[3].verdict : "contradicted").toBe("contradicted");
    const table = await run("check", file);
    expect(table.stdout).toMatch(
      /\| \*\*supported\*\* \| China vetoed new sanctions in 2022 \| 1 matching \(naming the other actor\)/,
    );
    expect(table.stdout).toMatch(
      /sources: 2017 GACC \(spokesman Huang Songping\) via Global Times · 2024 GACC via Kyodo \(republished\)/,
    );
  }, 120_000);
});

describe("yalu plot", () => {
  it("refuses what it cannot draw, naming the value (exit 2)", async () => {
    const bad = await run("plot", "pie", "--out", join(dir, "x.svg"));
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('unknown plot "pie"')]);
    const ext = await run("plot", "dyad", "--out", join(dir, "x.gif"));
    expect([ext.code, ext.stderr]).toEqual([2, expect.stringContaining("must end in .svg, .png or .csv")]);
    const chart = await run("plot", "indicators", "--chart", "pie", "--out", join(dir, "x.svg"));
    expect([chart.code, chart.stderr]).toEqual([
      2,
      expect.stringContaining("indicators has trade, contacts, conflict"),
    ]);
  });

  it.skipIf(!hasChromium && !inCI)(
    "saves the dashboard's charts as SVG, PNG and CSV",
    async () => {
      const out = (f: string) => join(dir, "plots", f);
      for (const [kind, file, extra] of [
        ["phases", "phases.svg", ["--from", "2006"]],
        ["dyad", "dyad.png", []],
        ["indicators", "trade.csv", []],
        ["dyad", "dyad.csv", ["--from", "2018", "--to", "2019"]],
        ["indicators", "contacts.svg", ["--chart", "contacts"]],
        ["network", "network.png", ["--from", "2017", "--to", "2018"]],
      ] as const) {
        const r = await run("plot", kind, "--out", out(file), ...extra);
        expect([r.code, r.stderr], `${kind} ${file}`).toEqual([0, expect.stringContaining(`→ ${out(file)}`)]);
      }
      const svg = readFileSync(out("phases.svg"), "utf8");
      expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg\b[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
      // Phases on the whole record, shown from 2006: the first drawn phase is the one /api/phases
      // gives first for that window, kept whole (its own start, at or before 2006).
      const store = await openStore(db, { flagship: false });
      let first: { label: string; from: string } | undefined;
      try {
        const res = await createApp({ store }).request("/api/phases?dyad=CHN-PRK&from=2006");
        expect(res.status).toBe(200);
        first = ((await res.json()) as { phases: { label: string; from: string }[] }).phases[0];
      } finally {
        await store.close();
      }
      expect(first?.from <= "2006").toBe(true);
      expect(svg).toMatch(
        new RegExp(`data-testid="phase" data-label="${first?.label}" data-from="${first?.from}"`),
      );
      for (const png of ["dyad.png", "network.png"]) {
        const buf = readFileSync(out(png));
        expect(buf.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
        expect(statSync(out(png)).size).toBeGreaterThan(4000);
      }
      const csv = readFileSync(out("trade.csv"), "utf8").split("\r\n");
      expect(csv[0]).toBe("period,start,series,value,unit,partial,source,url,note");
      expect(csv.some((l) => l.startsWith("2025-H1,2025-01-01,total,1260000000,USD,true,"))).toBe(true);
      // A missing year is a row without a value (the chart's gap), not a dropped row.
      // The China customs total now runs 2000-2025 without a gap; KOTRA's series has none for 2009.
      expect(csv.some((l) => l.startsWith("2009,2009-01-01,kotra-total,,USD,false,"))).toBe(true);
      expect(csv.some((l) => l.startsWith("2008,2008-01-01,total,2790000000,USD,false,"))).toBe(true);
      // The dyad chart's CSV names each period's events, and its events, with their citations, are
      // written beside it: every 2018 event id is a row of dyad-events.csv dated 2018.
      const dyad = readFileSync(out("dyad.csv"), "utf8").split("\r\n");
      const header = splitCsvLine(dyad[0]);
      expect(header).toEqual(expect.arrayContaining(["period", "events", "phase", "eventIds", "sources"]));
      const y2018 = splitCsvLine(dyad.find((l) => l.startsWith("2018,"))!);
      const ids = y2018[header.indexOf("eventIds")].split(" ");
      expect(ids).toHaveLength(Number(y2018[header.indexOf("events")]));
      const events = readFileSync(out("dyad-events.csv"), "utf8").split("\r\n").filter(Boolean);
      const eh = splitCsvLine(events[0]);
      expect(eh.slice(0, 5)).toEqual(["id", "date", "datePrecision", "period", "phase"]);
      expect(eh).toEqual(expect.arrayContaining(["cameo", "goldstein", "publication", "url"]));
      const rows = events.slice(1).map((l) => splitCsvLine(l));
      const byId = new Map(rows.map((r) => [r[0], r]));
      for (const id of ids) expect(byId.get(id)?.[eh.indexOf("period")]).toBe("2018");
      expect(rows.filter((r) => r[eh.indexOf("publication")] !== "").length).toBeGreaterThan(rows.length / 2);
    },
    240_000,
  );
});
