import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { openClickHouseStore } from "../../src/store/clickhouse/index.ts";
import { clickhouseAvailable, freshDatabase, sql, useCluster } from "./clickhouse-cluster.ts";
import { fixtureEvents } from "./fixtures.ts";

/** Create the import lock of `db` by hand, as a holder that beat `ago` seconds ago. */
async function fakeLock(
  url: string,
  db: string,
  holder: { host: string; pid: number; ago: number; id?: string },
) {
  await sql(
    url,
    `CREATE TABLE ${db}.import_lock (holder String, host String, pid UInt32, beat DateTime) ENGINE = Memory`,
  );
  await sql(
    url,
    `INSERT INTO ${db}.import_lock SELECT '${holder.id ?? "123456789"}', '${holder.host}', ${holder.pid}, now() - ${holder.ago}`,
  );
}

/** Committed rows per id on the shards, read without deduplication. */
async function copiesPerId(url: string, db: string): Promise<number[]> {
  const rows = await sql(
    url,
    `SELECT count() AS n FROM ${db}.events WHERE batch GLOBAL IN (SELECT batch FROM ${db}.batches) GROUP BY id`,
  );
  return rows.map(([n]) => Number(n));
}

describe.skipIf(!clickhouseAvailable)("clickhouse import lock", () => {
  const { url } = useCluster();

  beforeAll(async () => {
    // The lock lives on the first shard; these tests create it by hand through the entry node.
    const [[local]] = await sql(
      url(),
      "SELECT is_local FROM system.clusters WHERE cluster = 'yalu' AND shard_num = 1",
    );
    expect(local).toBe("1");
  });

  it("two handles importing the same events at once store each event once", async () => {
    const db = freshDatabase("lock");
    const [a, b] = await Promise.all([1, 2].map(() => openClickHouseStore(`${url()}/${db}`)));
    try {
      const events = fixtureEvents();
      const results = await Promise.all([a.importEvents(events), b.importEvents(events)]);
      expect(results.map((r) => r.inserted).sort()).toEqual([0, events.length]);
      expect(results.map((r) => r.duplicates).sort()).toEqual([0, events.length]);
      expect(await a.countEvents({})).toBe(events.length);
      const copies = await copiesPerId(url(), db);
      expect(copies).toHaveLength(events.length);
      expect(new Set(copies)).toEqual(new Set([1]));
      const [[locks]] = await sql(
        url(),
        `SELECT count() FROM system.tables WHERE database = '${db}' AND name LIKE '%lock%'`,
      );
      expect(locks).toBe("0");
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("breaks a lock left by a dead process on this host at once", async () => {
    const db = freshDatabase("lock");
    const store = await openClickHouseStore(`${url()}/${db}`);
    try {
      const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
      await fakeLock(url(), db, { host: hostname(), pid: Number(String(dead.stdout)), ago: 0 });
      const t = Date.now();
      const events = fixtureEvents();
      expect(await store.importEvents(events)).toEqual({ inserted: events.length, duplicates: 0 });
      expect(Date.now() - t).toBeLessThan(10_000);
    } finally {
      await store.close();
    }
  });

  it("waits for a live holder, then fails naming it; breaks the lock once it is silent for a minute", async () => {
    const db = freshDatabase("lock");
    const store = await openClickHouseStore(`${url()}/${db}?timeout=2`);
    try {
      await fakeLock(url(), db, { host: "elsewhere", pid: 42, ago: 0 });
      await expect(store.importEvents(fixtureEvents())).rejects.toThrow(
        `import 123456789 (pid 42 on elsewhere) holds the import lock of database "${db}"`,
      );
      expect(await store.countEvents({})).toBe(0);
      await sql(url(), `DROP TABLE ${db}.import_lock`);
      await fakeLock(url(), db, { host: "elsewhere", pid: 42, ago: 120 });
      const events = fixtureEvents();
      expect(await store.importEvents(events)).toEqual({ inserted: events.length, duplicates: 0 });
    } finally {
      await store.close();
    }
  });

  it("hands out versions above every earlier one, whatever this client's clock says", async () => {
    const db = freshDatabase("lock");
    const store = await openClickHouseStore(`${url()}/${db}`);
    try {
      const ahead = (Date.now() + 86_400_000) * 1024; // a version from a client a day ahead
      await sql(url(), `INSERT INTO ${db}.import_versions VALUES (${ahead})`);
      await store.importEvents(fixtureEvents());
      const [[batch]] = await sql(url(), `SELECT max(batch) FROM ${db}.batches`);
      expect(Number(batch)).toBe(ahead + 1);
    } finally {
      await store.close();
    }
  });

  it("drops idle leftovers of killed imports, but not a running import's tables", async () => {
    const db = freshDatabase("lock");
    const store = await openClickHouseStore(`${url()}/${db}?timeout=2`);
    const tables = async () =>
      (
        await sql(
          url(),
          `SELECT name FROM system.tables WHERE database = '${db}' AND name LIKE 'staging%' ORDER BY name`,
        )
      ).flat();
    try {
      for (const id of ["5", "6"]) {
        await sql(url(), `CREATE TABLE ${db}.staging_${id}_local (id String) ENGINE = MergeTree ORDER BY id`);
        await sql(url(), `INSERT INTO ${db}.staging_${id}_local VALUES ('x')`);
      }
      await new Promise((r) => setTimeout(r, 3_000));
      await sql(url(), `CREATE TABLE ${db}.staging_7_local (id String) ENGINE = MergeTree ORDER BY id`);
      // Import 6 is alive and copying: it holds the lock (so this import gives up waiting for it).
      await fakeLock(url(), db, { host: "elsewhere", pid: 42, ago: 0, id: "6" });
      store.hooks.staleMs = 2_000;
      await expect(store.importEvents(fixtureEvents())).rejects.toThrow("holds the import lock");
      expect(await tables()).toEqual(["staging_6_local", "staging_7_local"]);
    } finally {
      await store.close();
    }
  });
});
