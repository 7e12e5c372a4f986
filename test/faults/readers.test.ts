import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Event } from "../../src/model/event.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { clickhouseAvailable, freshDatabase, useCluster } from "../store/clickhouse-cluster.ts";
import { fixtureEvents } from "../store/fixtures.ts";

const N = 3_000;

/**
 * Reads done by the reading loop; the writer's events wait on it, so reads interleave with the open
 * batch by construction rather than by sleeping on the clock.
 */
class Reads {
  count = 0;
  private stopped = false;
  private waiting: (() => void)[] = [];
  /** A read finished. */
  done(): void {
    this.count++;
    for (const wake of this.waiting.splice(0)) wake();
  }
  /** The loop stopped reading: nothing waits for it any more. */
  stop(): void {
    this.stopped = true;
    this.done();
  }
  /** Resolves after the next read; rejects if the reads stall (they must not wait for the batch). */
  next(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const stall = setTimeout(() => reject(new Error("reads stalled during the import")), 30_000);
      this.waiting.push(() => {
        clearTimeout(stall);
        resolve();
      });
    });
  }
}

/** N distinct events, pausing every 300 until one more read is done, so readers run while the batch is open. */
async function* slowEvents(reads: Reads): AsyncGenerator<Event> {
  for (let i = 0; i < N; i++) {
    if (i % 300 === 0) await reads.next();
    yield normalizeEvent({
      date: `2020-01-${String((i % 28) + 1).padStart(2, "0")}`,
      source: { code: "CHNGOV" },
      target: { code: "PRKGOV" },
      cameo: "042",
      origin: "reader-test",
      evidence: { docId: `doc-${i}` },
    });
  }
}

/** Import N events while a second handle reads in a loop; every read sees the old or the new state. */
async function readersSeeOldOrNew(writer: Store, reader: Store): Promise<void> {
  const base = fixtureEvents();
  await writer.importEvents(base);
  const yearsOf = async () =>
    (await reader.aggregate({ dyad: { a: "CHN", b: "PRK" } }, "year"))
      .map((r) => `${r.period}${r.direction}`)
      .join();
  const oldYears = await yearsOf();
  const counts = new Set<number>();
  const years = new Set<string>();
  let done = false;
  const reads = new Reads();
  const importing = writer.importEvents(slowEvents(reads)).finally(() => {
    done = true;
  });
  while (!done && reads.count < 10_000) {
    counts.add(await reader.countEvents({}));
    years.add(await yearsOf());
    reads.done();
  }
  reads.stop();
  expect(await importing).toEqual({ inserted: N, duplicates: 0 });
  const newYears = await yearsOf();
  counts.add(await reader.countEvents({}));
  expect(reads.count).toBeGreaterThanOrEqual(N / 300);
  expect(newYears).not.toBe(oldYears);
  expect([...counts].filter((n) => n !== base.length && n !== base.length + N)).toEqual([]);
  expect([...years].filter((y) => y !== oldYears && y !== newYears)).toEqual([]);
  // The reads did overlap the open batch: the old state was seen while importing.
  expect(counts.has(base.length)).toBe(true);
}

describe("readers during an import see the old or the new state", () => {
  const dir = mkdtempSync(join(tmpdir(), "yalu-readers-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("duckdb (one store: separate read and write connections)", async () => {
    const store = await openStore(join(dir, "r.duckdb"), { flagship: false });
    try {
      await readersSeeOldOrNew(store, store);
    } finally {
      await store.close();
    }
  });

  describe.skipIf(!clickhouseAvailable)("clickhouse", () => {
    const { url } = useCluster();
    it("two handles on the two-shard cluster", async () => {
      const location = `${url()}/${freshDatabase("readers")}`;
      const writer = await openStore(location);
      const reader = await openStore(location);
      try {
        await readersSeeOldOrNew(writer, reader);
      } finally {
        await Promise.all([writer.close(), reader.close()]);
      }
    });
  });
});
