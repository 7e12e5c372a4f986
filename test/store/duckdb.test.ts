import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDuckDBStore } from "../../src/store/duckdb/index.ts";
import { fixtureEvents } from "./fixtures.ts";
import { describeStoreSuite } from "./store-suite.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-store-"));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreSuite("duckdb", () => openDuckDBStore(join(dir, `db${++n}.duckdb`)));

describe("duckdb: big batches", () => {
  it("rolls back a batch that fails after whole chunks were staged", async () => {
    const store = await openDuckDBStore(join(dir, "big.duckdb"));
    const [e] = fixtureEvents();
    async function* many() {
      for (let i = 0; i < 60_000; i++) yield { ...e, id: `big-${i}` };
      throw new Error("source failed late");
    }
    await expect(store.importEvents(many())).rejects.toThrow("source failed late");
    expect(await store.countEvents({})).toBe(0);
    async function* fine() {
      for (let i = 0; i < 60_000; i++) yield { ...e, id: `big-${i % 55_000}` };
    }
    expect(await store.importEvents(fine())).toEqual({ inserted: 55_000, duplicates: 5_000 });
    expect(await store.countEvents({ dyad: { a: "CHN", b: "PRK" } })).toBe(55_000);
    await store.close();
  });
});
