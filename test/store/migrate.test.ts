import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { openDuckDBStore } from "../../src/store/duckdb/index.ts";
import { EVENT_COLUMNS } from "../../src/store/duckdb/schema.ts";
import { fixtureEvents } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("duckdb: a store file of the first release", () => {
  it("gains the confidence column on open and keeps its events", async () => {
    const path = join(dir, "old.duckdb");
    // The first release's events table: every column but confidence, one event in it.
    const old = EVENT_COLUMNS.filter(([name]) => name !== "confidence");
    const db = await DuckDBInstance.create(path);
    const c = await db.connect();
    await c.run(`CREATE TABLE events (${old.map(([n, t]) => `${n} ${t}`).join(", ")})`);
    await c.run(`INSERT INTO events (id, date, date_precision, date_start, date_end, source_code,
      target_code, cameo, root, quad_class, goldstein, origin)
      VALUES ('old-1', '2013-02-12', 'day', '2013-02-12', '2013-02-12', 'CHNGOV', 'PRKGOV', '112', '11', 3, -2, 'yalu')`);
    c.closeSync();
    db.closeSync();

    const store = await openDuckDBStore(path);
    const before = await store.getEvent("old-1");
    expect(before?.confidence).toBeNull();
    expect(before?.source.code).toBe("CHNGOV");
    const coded = fixtureEvents()[0];
    expect(coded.confidence).toBe(0.73);
    expect(await store.importEvents([coded])).toEqual({ inserted: 1, duplicates: 0 });
    expect(await store.getEvent(coded.id)).toEqual(coded);
    await store.close();
  });
});
