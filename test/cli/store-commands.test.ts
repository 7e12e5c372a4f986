import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDuckDBStore } from "../../src/store/duckdb/index.ts";
import { gdeltLine } from "../formats/gdelt-lines.ts";
import { yalu } from "./yalu.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `node bin/yalu.js …` in a subprocess, as a user would. */
const run = (...args: string[]) => yalu(args, { YALU_DB: join(dir, "unused-default.duckdb") });

const row = (id: string, date: string, a: string, b: string, cameo: string) =>
  gdeltLine({ GLOBALEVENTID: id, SQLDATE: date, Actor1Code: a, Actor2Code: b, EventCode: cameo }, 2);

describe("yalu import, events, export, stats", () => {
  const db = join(dir, "cli.duckdb");
  const file = join(dir, "events.export.CSV");
  writeFileSync(
    file,
    `${[
      row("1", "20130212", "CHNGOV", "PRKGOV", "112"),
      row("2", "20130213", "PRKGOV", "CHNGOV", "99x"),
      row("3", "20180326", "PRKGOV", "CHNGOV", "042"),
      row("4", "20180327", "USAGOV", "", "010"),
    ].join("\n")}\n`,
  );

  it("rejects a batch with a malformed row, naming file, line and column", async () => {
    const r = await run("import", file, "--db", db);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('events.export.CSV:2: column EventCode: invalid CAMEO code "99x"');
    expect(r.stderr).toContain("nothing imported");
    const store = await openDuckDBStore(db);
    expect(await store.countEvents({})).toBe(0);
    await store.close();
  });

  it("imports with --skip-bad, reporting skipped rows, and stores a re-import once", async () => {
    const r = await run("import", file, "--skip-bad", "--db", db);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("inserted 2, duplicates 0\n");
    expect(r.stderr).toContain("skipped");
    expect(r.stderr).toContain(":2: column EventCode");
    expect(r.stderr).toContain("skipped 1 malformed rows");
    expect(r.stderr).toContain("not imported, 1 rows (events.export.CSV: row without both actors)");
    const again = await run("import", file, "--skip-bad", "--db", db, "--format", "gdelt2");
    expect(again.stdout).toBe("inserted 0, duplicates 2\n");
  });

  it("lists events as a table and as JSON Lines, with filters", async () => {
    // A month bound within a year bound is a valid interval (dates are not compared as strings).
    const json = await run(
      "events",
      ...["--dyad", "CHN-PRK", "--directed", "--from", "2013-02", "--to", "2013", "--json", "--db", db],
    );
    expect(json.code).toBe(0);
    const events = json.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events.map((e) => [e.date, e.source.code, e.cameo])).toEqual([["2013-02-12", "CHNGOV", "112"]]);
    const tableRun = await run("events", "--from", "2018", "--db", db);
    expect(tableRun.stdout).toMatch(/^date\s+source\s+target\s+cameo/);
    expect(tableRun.stdout).toContain("2018-03-26  PRKGOV  CHNGOV  042");
    expect(tableRun.stdout).toContain("1 events");
  });

  it("exits 2 naming a bad flag value", async () => {
    const r = await run("events", "--from", "2013-13", "--db", db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid --from "2013-13"');
    const q = await run("events", "--root", "99", "--db", db);
    expect(q.code).toBe(2);
    expect(q.stderr).toBe('yalu: invalid --root "99": "99" is not a CAMEO root 01 to 20\n');
    const f = await run("import", file, "--format", "xml", "--db", db);
    expect(f.code).toBe(2);
  });

  it("exports to a file that imports into another database with the same ids", async () => {
    const out = join(dir, "out.csv.gz");
    const r = await run("export", "--out", out, "--db", db);
    expect(r.code).toBe(0);
    const db2 = join(dir, "cli2.duckdb");
    expect((await run("import", out, "--db", db2)).stdout).toBe("inserted 2, duplicates 0\n");
    const [a, b] = [await openDuckDBStore(db), await openDuckDBStore(db2)];
    expect(await b.queryEvents({})).toEqual(await a.queryEvents({}));
    await a.close();
    await b.close();
  });

  it("exports CSV for Excel with --excel (BOM, CRLF), to stdout too; --excel is for CSV only", async () => {
    const r = await run("export", "--format", "csv", "--excel", "--db", db);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("\uFEFFid,date,date_precision,")).toBe(true);
    const records = r.stdout.slice(1).split("\r\n");
    expect(records.at(-1)).toBe("");
    expect(records.slice(0, -1)).toHaveLength(3);
    const bad = await run("export", "--format", "gdelt2", "--excel", "--db", db);
    expect([bad.code, bad.stderr]).toEqual([2, "yalu: --excel is for CSV, not --format gdelt2\n"]);
  });

  it("prints stats as JSON", async () => {
    const r = await run("stats", "--json", "--db", db);
    expect(JSON.parse(r.stdout)).toMatchObject({
      events: 2,
      firstDate: "2013-02-12",
      lastDate: "2018-03-26",
    });
  });
});
