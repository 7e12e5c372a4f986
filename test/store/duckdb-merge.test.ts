import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { mergeStaging } from "../../src/store/duckdb/merge.ts";
import { CREATE_SCHEMA, CREATE_STAGING } from "../../src/store/duckdb/schema.ts";
import { READ_STAGING, stagingRow } from "../../src/store/duckdb/stage.ts";
import { ensureSummary } from "../../src/store/duckdb/summary.ts";
import { fixtureEvents } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-merge-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("duckdb: merging staged rows in sorted pieces", () => {
  it("keeps the first row of each id across pieces and skips stored ids", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const c = await instance.connect();
    for (const sql of CREATE_SCHEMA) await c.run(sql);
    await ensureSummary(c);
    const events = fixtureEvents();
    const stage = async (ids: string[]) => {
      const rows = ids.map((id, seq) =>
        stagingRow({ ...events[seq % events.length], id, description: `seq ${seq}` }, seq),
      );
      const file = join(dir, "chunk.csv");
      writeFileSync(file, `${rows.join("\n")}\n`);
      await c.run(CREATE_STAGING);
      await c.run(`INSERT INTO staging ${READ_STAGING}`, [file]);
    };
    await stage(["e0", "e1", "e2"]);
    expect(await mergeStaging(c, 3, 2)).toBe(3);
    const ids = Array.from({ length: 25 }, (_, i) => `e${(i * 3) % 10}`);
    await stage(ids);
    expect(await mergeStaging(c, ids.length, 4)).toBe(7);
    const rows = (await c.runAndReadAll("SELECT id, description FROM events ORDER BY id")).getRowObjectsJS();
    expect(rows.map((r) => r.id)).toEqual(["e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"]);
    // The stored rows e0–e2 stay; each new id keeps its first staged row.
    expect(rows.slice(0, 3).map((r) => r.description)).toEqual(["seq 0", "seq 1", "seq 2"]);
    for (const r of rows.slice(3)) expect(r.description).toBe(`seq ${ids.indexOf(String(r.id))}`);
    const summary = await c.runAndReadAll("SELECT sum(n)::INTEGER AS n FROM dyad_months");
    expect(summary.getRowObjectsJS()[0].n).toBe(10);
    c.closeSync();
    instance.closeSync();
  });
});
