import type { Event } from "../../model/index.ts";
import type { ImportResult } from "../store.ts";
import { type Topology, table } from "./cluster.ts";
import { copyNewEvents } from "./copy.ts";
import { acquireImportLock, lockHolder } from "./lock.ts";
import { quote } from "./quote.ts";
import { eventToTsv } from "./rows.ts";
import { stagingTables } from "./schema.ts";

/** Rows sent per INSERT into staging. */
const CHUNK = 100_000;
/** Staging tables idle this long (an import killed before it cleaned up) are dropped by the next import. */
const STALE_MS = 3_600_000;

/** Fault-injection points for the kill -9 tests; unused in production. */
export interface ImportHooks {
  /** Called once every shard holds the batch's rows, just before the commit row is written. */
  beforeCommit?: () => Promise<void>;
  /** Staged rows copied per statement on each shard (default SLICE_ROWS); small in tests. */
  sliceRows?: number;
  /** How long leftover staging tables must be idle before an import drops them (default an hour). */
  staleMs?: number;
}

/** An id that grows with time and is unique per import: names its staging tables (and indicator versions). */
export function newBatchId(now = Date.now()): number {
  return now * 1024 + Math.floor(Math.random() * 1024);
}

/**
 * Import events as one batch. ClickHouse has no transactions, so atomicity comes from visibility:
 * 1. rows go to a per-import staging table on their shard;
 * 2. under the database's import lock (see lock.ts), each shard copies the ids not yet in a committed
 *    batch into `events_local`, tagged with the lock's version as the batch (in id-range slices, so a
 *    100M-event import stays within the per-query memory limit);
 * 3. one row in `batches` commits the batch, and the lock is released. Readers only see committed batches, so an import that
 *    fails or is killed before step 3 leaves nothing visible, and re-running it stores each event once.
 */
export async function importBatch(
  t: Topology,
  db: string,
  events: Iterable<Event> | AsyncIterable<Event>,
  hooks: ImportHooks = {},
): Promise<ImportResult> {
  const id = newBatchId();
  const name = `staging_${id}`;
  await dropStale(t, db, hooks.staleMs ?? STALE_MS);
  const [local, dist] = stagingTables(db, name, t.cluster);
  await Promise.all(t.shards.map((node) => node.command(local)));
  if (dist) await t.entry.command(dist);
  /** The version the copied rows carry, once the lock is held. */
  let version: number | null = null;
  // One chunk is sent while the next is built, so parsing and the servers' work overlap.
  let sending: Promise<void> = Promise.resolve();
  try {
    let total = 0;
    let lines: string[] = [];
    const send = async () => {
      const chunk = lines;
      lines = [];
      await sending;
      sending = t.entry.insertTsv(table(t, db, name), chunk);
      sending.catch(() => undefined); // awaited before the next chunk and at the end
    };
    for await (const e of events) {
      lines.push(eventToTsv(e, total++, id));
      if (lines.length >= CHUNK) await send();
    }
    await send();
    await sending;
    if (total === 0) return { inserted: 0, duplicates: 0 };
    // Under the import lock no other batch commits between this copy's duplicate check and its
    // commit, so committed batches never share an id; the copy is written with the lock's version.
    const lock = await acquireImportLock(t.shards[0], db, String(id), t.shards[0].timeoutMs);
    try {
      version = lock.version;
      const committed = `SELECT batch FROM ${table(t, db, "batches")}`;
      const counts = await Promise.all(
        t.shards.map((node) =>
          copyNewEvents(node, db, `${name}_local`, lock.version, committed, hooks.sliceRows),
        ),
      );
      const inserted = counts.reduce((a, b) => a + b, 0);
      await hooks.beforeCommit?.();
      const commit = { batch: lock.version, events: inserted, committed: now() };
      await t.entry.insert(table(t, db, "batches"), [commit]);
      return { inserted, duplicates: total - inserted };
    } finally {
      // A lock that cannot be dropped (server gone) is broken by the next import once silent 60 s.
      await lock.release().catch(() => undefined);
    }
  } catch (err) {
    await sending.catch(() => undefined);
    // Invisible already unless the commit row landed after all (a lost answer): then keep the rows.
    // Otherwise delete the copied rows as a courtesy, ignoring failures.
    if (version !== null && !(await isCommitted(t, db, version))) {
      await Promise.allSettled(
        t.shards.map((node) =>
          node.command(`ALTER TABLE ${db}.events_local DELETE WHERE batch = ${version}`),
        ),
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

async function isCommitted(t: Topology, db: string, batch: number): Promise<boolean> {
  const rows = await t.entry
    .rows(`SELECT 1 FROM ${table(t, db, "batches")} WHERE batch = ${batch} LIMIT 1`)
    .catch(() => [{}]);
  return rows.length > 0;
}

function now(): string {
  return new Date().toISOString().slice(0, 19).replace("T", " ");
}

/**
 * Drop the tables of imports killed before they cleaned up: staging tables (and broken locks) with
 * no new part and no schema change for an hour, except those of the import holding the lock. A
 * running import adds a staging part every chunk, and holds the lock while it copies.
 */
async function dropStale(t: Topology, db: string, staleMs: number): Promise<void> {
  const holder = await lockHolder(t.shards[0], db);
  await Promise.all(
    t.shards.map(async (node) => {
      const rows = await node.rows<{ name: string; idle: string }>(
        `SELECT name, toInt64(now()) - toInt64(greatest(metadata_modification_time, last)) AS idle
         FROM system.tables ANY LEFT JOIN (SELECT table AS name, max(modification_time) AS last
           FROM system.parts WHERE database = ${quote(db)} GROUP BY table) USING name
         WHERE database = ${quote(db)} AND name LIKE 'staging\\\\_%'`,
      );
      const idle = new Map<string, number>();
      for (const r of rows) {
        const id = /^staging_(\d+)/.exec(r.name)?.[1];
        if (id !== undefined) idle.set(id, Math.min(idle.get(id) ?? Infinity, Number(r.idle)));
      }
      for (const { name } of rows) {
        const id = /^staging_(\d+)/.exec(name)?.[1];
        if (id === undefined || id === holder || (idle.get(id) ?? 0) * 1000 < staleMs) continue;
        await node.command(`DROP TABLE IF EXISTS ${db}.${name}`);
      }
    }),
  );
}
