import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { rowObjects } from "../../src/store/duckdb/objects.ts";

describe("DuckDB result rows as objects", () => {
  it("equal getRowObjectsJS, and leave the event loop free while converting many rows", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const c = await instance.connect();
    try {
      const sql = `SELECT i AS id, 'event ' || i AS description, DATE '2020-01-01' + (i % 365)::INT AS day,
          i / 3.0 AS goldstein, CASE WHEN i % 7 = 0 THEN NULL ELSE i % 4 + 1 END AS quad, i AS id
        FROM range(30000) t(i)`;
      const expected = (await c.runAndReadAll(sql)).getRowObjectsJS();
      const result = await c.run(sql);
      const names = result.deduplicatedColumnNames();
      const chunks = await result.fetchAllChunks();
      let ticks = 0;
      const timer = setInterval(() => ticks++, 0);
      const t0 = performance.now();
      const rows = await rowObjects(names, chunks);
      const ms = performance.now() - t0;
      clearInterval(timer);
      expect(rows).toEqual(expected);
      expect(rows).toHaveLength(30000);
      expect(Object.keys(rows[0])).toEqual(["id", "description", "day", "goldstein", "quad", "id:1"]);
      // Timers ran during the conversion (it takes tens of ms; each slice about 4 ms).
      if (ms > 40) expect(ticks).toBeGreaterThan(1);
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });
});
