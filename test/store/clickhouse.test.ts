import { describe, expect, it } from "vitest";
import { openClickHouseStore } from "../../src/store/clickhouse/index.ts";
import { clickhouseAvailable, freshDatabase, sql, useCluster } from "./clickhouse-cluster.ts";
import { fixtureEvents } from "./fixtures.ts";
import { describeStoreSuite } from "./store-suite.ts";

describe.skipIf(!clickhouseAvailable)("clickhouse two-shard cluster", () => {
  const { url } = useCluster();

  describeStoreSuite("clickhouse", () => openClickHouseStore(`${url()}/${freshDatabase()}`));

  it("spreads events over both shards and keeps each country dyad on one shard", async () => {
    const db = freshDatabase();
    const store = await openClickHouseStore(`${url()}/${db}`);
    try {
      await store.importEvents(fixtureEvents());
      const shards = await sql(
        url(),
        "SELECT port FROM system.clusters WHERE cluster = 'yalu' ORDER BY shard_num",
      );
      expect(shards).toHaveLength(2);
      const dyads = await Promise.all(
        shards.map(([port]) =>
          sql(
            url(),
            `SELECT DISTINCT concat(least3, '-', greatest3) FROM (SELECT substring(source_code, 1, 3) AS s,
              substring(target_code, 1, 3) AS t, if(s < t, s, t) AS least3, if(s < t, t, s) AS greatest3
              FROM remote('127.0.0.1:${port}', ${db}.events_local))`,
          ),
        ),
      );
      const [one, two] = dyads.map((rows) => rows.map(([d]) => d));
      expect(one.length).toBeGreaterThan(0);
      expect(two.length).toBeGreaterThan(0);
      expect(one.filter((d) => two.includes(d))).toEqual([]);
      expect([...one, ...two]).toContain("CHN-PRK");
    } finally {
      await store.close();
    }
  });

  it("runs on a single node too (?cluster= empty): local tables only, same answers", async () => {
    const db = freshDatabase("single");
    const store = await openClickHouseStore(`${url()}/${db}?cluster=`);
    try {
      const all = fixtureEvents();
      expect(await store.importEvents(all)).toEqual({ inserted: all.length, duplicates: 0 });
      expect(await store.importEvents(all)).toEqual({ inserted: 0, duplicates: all.length });
      expect(await store.queryEvents({})).toEqual(all);
      const tables = await sql(
        url(),
        `SELECT name FROM system.tables WHERE database = '${db}' ORDER BY name`,
      );
      expect(tables.flat()).toEqual(["batches_local", "events_local", "import_versions", "indicators_local"]);
    } finally {
      await store.close();
    }
  });

  it("copies a large import in id-range slices with the same result (duplicates across slices too)", async () => {
    const store = await openClickHouseStore(`${url()}/${freshDatabase()}`);
    store.hooks.sliceRows = 2;
    try {
      const all = fixtureEvents();
      const half = all.slice(0, Math.ceil(all.length / 2));
      expect(await store.importEvents([...half, ...half])).toEqual({
        inserted: half.length,
        duplicates: half.length,
      });
      expect(await store.importEvents([...all, ...all])).toEqual({
        inserted: all.length - half.length,
        duplicates: all.length + half.length,
      });
      expect(await store.queryEvents({})).toEqual(all);
    } finally {
      await store.close();
    }
  });

  it("names the database and server in errors, and rejects bad URLs", async () => {
    await expect(openClickHouseStore(`${url()}/bad-name`)).rejects.toThrow(
      'invalid clickhouse name "bad-name"',
    );
    await expect(openClickHouseStore(`${url()}/x?timeout=abc`)).rejects.toThrow('invalid timeout "abc"');
    await expect(openClickHouseStore("clickhouse://127.0.0.1:1/x?timeout=2")).rejects.toThrow(
      "clickhouse http://127.0.0.1:1: connection refused",
    );
  });
  it("stores text with tabs, newlines, backslashes, NUL, a literal \\N and lone surrogates", async () => {
    const store = await openClickHouseStore(`${url()}/${freshDatabase()}`);
    try {
      const [first] = fixtureEvents();
      const awkward = ["a\tb\nc\r\\d", "\\N", "nul\u0000 bell\u0007 \b\f", "x\ud800y", ""];
      const events = awkward.map((text, i) => ({
        ...first,
        id: `awkward-${i}`,
        description: text,
        source: { ...first.source, name: text || null },
      }));
      expect(await store.importEvents(events)).toEqual({ inserted: awkward.length, duplicates: 0 });
      for (const [i, text] of awkward.entries()) {
        const got = await store.getEvent(`awkward-${i}`);
        const stored = text.replace("\ud800", "\ufffd");
        expect(got?.description).toBe(stored);
        expect(got?.source.name).toBe(stored || null);
      }
    } finally {
      await store.close();
    }
  });
});
