import type { Event } from "../../model/event.ts";
import type { ImportResult } from "../store.ts";
import { type Topology, table } from "./cluster.ts";
import { copyNewEvents } from "./copy.ts";
import { quote } from "./quote.ts";
import { eventToTsv } from "./rows.ts";
import { stagingTables } from "./schema.ts";

/** Rows sent per INSERT into staging. */
const CHUNK = 100_000;
/** Staging tables left by an import killed this long ago are dropped by the next import. */
const STALE_MS = 3_600_000;

/** Fault-injection points for the kill -9 tests; unused in production. */
export interface ImportHooks {
  /** Called once every shard holds the batch's rows, just before the commit row is written. */
  beforeCommit?: () => Promise<void>;
  /** Staged rows copied per statement on each shard (default SLICE_ROWS); small in tests. */
  sliceRows?: number;
}

/** A batch id that grows with time (it is the ReplacingMergeTree version) and is unique per import. */
export function newBatchId(now = Date.now()): number {
  return now * 1024 + Math.floor(Math.random() * 1024);
}

/**
 * Import events as one batch. ClickHouse has no transactions, so atomicity comes from visibility:
 * 1. rows go to a per-import staging table on their shard;
 * 2. each shard copies the ids not yet in a committed batch into `events_local`, tagged with the batch
 *    (in id-range slices, so a 100M-event import stays within the per-query memory limit);
 * 3. one row in `batches` commits the batch. Readers only see committed batches, so an import that
 *    fails or is killed before step 3 leaves nothing visible, and re-running it stores each event once.
 */
export async function importBatch(
  t: Topology,
  db: string,
  events: Iterable<Event> | AsyncIterable<Event>,
  hooks: ImportHooks = {},
): Promise<ImportResult> {
  const batch = newBatchId();
  const name = `staging_${batch}`;
  await dropStale(t, db);
  const [local, dist] = stagingTables(db, name, t.cluster);
  await Promise.all(t.shards.map((node) => node.command(local)));
  if (dist) await t.entry.command(dist);
  const copied = false;
  // One chunk is sent while the next is built, so parsing and the servers' work overlap.
  let sending: Promise<void> = Promise.resolve();
  try {
    let total = 0;
    let lines: string[] = [];
    const send = async () => {
      const text = lines.join("");
      lines = [];
      await sending;
      sending = t.entry.insertTsv(table(t, db, name), text);
      sending.catch(() => undefined); // awaited before the next chunk and at the end
    };
    for await (const e of events) {
      lines.push(eventToTsv(e, total++, batch));
      if (lines.length >= CHUNK) await send();
    }
    await send();
    await sending;
    if (total === 0) return { inserted: 0, duplicates: 0 };
    const committed = `SELECT batch FROM ${table(t, db, "batches")}`;
    const counts = await Promise.all(
      t.shards.map((node) => copyNewEvents(node, db, `${name}_local`, batch, committed, hooks.sliceRows)),
    );
    const inserted = counts.reduce((a, b) => a + b, 0);
    await hooks.beforeCommit?.();
    await t.entry.insert(table(t, db, "batches"), [{ batch, events: inserted, committed: now() }]);
    return { inserted, duplicates: total - inserted };
  } catch (err) {
    await sending.catch(() => undefined);
    // Invisible already (never committed); delete copied rows as a courtesy, ignoring failures.
    if (copied) {
      await Promise.allSettled(
        t.shards.map((node) => node.command(`ALTER TABLE ${db}.events_local DELETE WHERE batch = ${batch}`)),
      );
    }
    throw err;
  } finally {
    await Promise.allSettled([
      ...(dist ? [t.entry.command(`DROP TABLE IF EXISTS ${db}.${name}`)] : []),
      ...t.shards.map((node) => node.command(`DROP TABLE IF EXISTS ${db}.${name}_local`)),
    ]);
  }
}

function now(): string {
  return new Date().toISOString().slice(0, 19).replace("T", " ");
}

/** Drop staging tables of imports that started over an hour ago (killed before they cleaned up). */
async function dropStale(t: Topology, db: string): Promise<void> {
  const limit = newBatchId(Date.now() - STALE_MS);
  await Promise.all(
    t.shards.map(async (node) => {
      const rows = await node.rows<{ name: string }>(
        `SELECT name FROM system.tables WHERE database = ${quote(db)} AND name LIKE 'staging\\\\_%'`,
      );
      for (const { name } of rows) {
        const id = Number(/^staging_(\d+)/.exec(name)?.[1] ?? Number.NaN);
        if (id < limit) await node.command(`DROP TABLE IF EXISTS ${db}.${name}`);
      }
    }),
  );
}
