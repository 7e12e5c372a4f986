import { describe, expect, it } from "vitest";
import { openClickHouseStore } from "../../src/store/clickhouse/index.ts";
import { clickhouseAvailable, freshDatabase, useCluster } from "../store/clickhouse-cluster.ts";
import { fixtureEvents } from "../store/fixtures.ts";

const TIMEOUT_S = 3;

/** The error a call ends with, and how long it took to end. */
async function failure(task: () => Promise<unknown>): Promise<{ message: string; ms: number }> {
  const t = performance.now();
  try {
    await task();
  } catch (err) {
    return { message: (err as Error).message, ms: performance.now() - t };
  }
  throw new Error("expected the call to fail");
}

describe.skipIf(!clickhouseAvailable)("a clickhouse shard that is down", () => {
  // A private cluster: these tests stop and kill its servers.
  const { cluster } = useCluster({ own: true });
  const all = fixtureEvents();

  it("hung shard (SIGSTOP): every call ends within the timeout with a clear error", async () => {
    const store = await openClickHouseStore(`${cluster().url}/${freshDatabase()}?timeout=${TIMEOUT_S}`);
    try {
      await store.importEvents(all);
      await cluster().kill(2, "SIGSTOP");
      try {
        for (const call of [
          () => store.countEvents({}),
          () => store.dyads({}, 5),
          () => store.importEvents(all),
        ]) {
          const { message, ms } = await failure(call);
          expect(message).toMatch(/^clickhouse http:\/\/127\.0\.0\.1:\d+: /);
          expect(message).not.toMatch(/\n\s+at /);
          expect(ms).toBeLessThan(TIMEOUT_S * 1000 + 2000);
        }
      } finally {
        await cluster().kill(2, "SIGCONT");
      }
      // Once the shard answers again, the record is whole and the failed import left nothing.
      expect(await store.countEvents({})).toBe(all.length);
    } finally {
      await store.close();
    }
  });

  it("killed shard: a clear error fast, nothing half-imported, and recovery after restart", async () => {
    const db = `${cluster().url}/${freshDatabase()}?timeout=${TIMEOUT_S}`;
    const store = await openClickHouseStore(db);
    try {
      await store.importEvents(all.slice(0, 5));
      await cluster().kill(2, "SIGKILL");
      const read = await failure(() => store.queryEvents({ dyad: { a: "CHN", b: "PRK" } }));
      expect(read.message).toMatch(/^clickhouse http:\/\/127\.0\.0\.1:\d+: .*(connect|Connection)/i);
      expect(read.ms).toBeLessThan(TIMEOUT_S * 1000 + 2000);
      const write = await failure(() => store.importEvents(all));
      expect(write.message).toMatch(/^clickhouse http:\/\/127\.0\.0\.1:\d+: /);
      await cluster().restart(2);
      expect(await store.countEvents({})).toBe(5);
      expect(await store.importEvents(all)).toEqual({ inserted: all.length - 5, duplicates: 5 });
    } finally {
      await store.close();
    }
  });

  it("entry node down: opening the store says the connection was refused", async () => {
    const url = cluster().url;
    await cluster().kill(1, "SIGKILL");
    const { message, ms } = await failure(() =>
      openClickHouseStore(`${url}/${freshDatabase()}?timeout=${TIMEOUT_S}`),
    );
    expect(message).toMatch(/^clickhouse http:\/\/127\.0\.0\.1:\d+: connection refused/);
    expect(ms).toBeLessThan(TIMEOUT_S * 1000 + 2000);
    await cluster().restart(1);
  });
});
