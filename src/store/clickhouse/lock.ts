import { hostname } from "node:os";
import type { ClickHouseNode } from "./node.ts";
import { integer, quote } from "./quote.ts";

/** The holder writes a heartbeat this often… */
const BEAT_MS = 5_000;
/** …and a lock whose last heartbeat is older than this (server clock) is broken by the next import. */
const STALE_S = 60;
/** Pause between attempts while another import holds the lock. */
const RETRY_MS = 250;

/** The held import lock of one database. */
export interface ImportLock {
  /**
   * The version the holder's rows are written with: larger than every version handed out before
   * under this lock, whatever the clients' clocks say (ReplacingMergeTree keeps the largest).
   */
  version: number;
  release(): Promise<void>;
}

/**
 * Take the import lock of database `db`: the existence of table `import_lock` on `node` (the first
 * shard, the same node for every client). ClickHouse 18.16 has no transactions, but CREATE TABLE of
 * an existing name fails, so one import at a time holds it. Under the lock, an import copies its new
 * events and commits them, so no two committed batches ever hold the same id and readers need no
 * FINAL. The holder beats every 5 s; a lock left by a process that is gone (same host, dead pid) or
 * silent for 60 s is broken by renaming it to a name of its own holder, which only one breaker can
 * do. Waits at most `waitMs`, then fails naming the holder.
 */
export async function acquireImportLock(
  node: ClickHouseNode,
  db: string,
  holder: string,
  waitMs: number,
): Promise<ImportLock> {
  const lock = `${db}.import_lock`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await node.command(
        `CREATE TABLE ${lock} (holder String, host String, pid UInt32, beat DateTime) ENGINE = Memory`,
      );
    } catch (err) {
      if (!/already exists|is creating or attaching right now/i.test(String(err))) throw err;
      const seen = await holderOf(node, db);
      if (seen && /^\d+$/.test(seen.holder) && isStale(seen)) {
        // Only the first breaker's rename succeeds: the target name is the stale holder's own.
        const rename = `RENAME TABLE ${lock} TO ${db}.staging_${seen.holder}_lock`;
        if (
          await node.command(rename).then(
            () => true,
            () => false,
          )
        )
          continue;
      }
      if (Date.now() >= deadline) {
        const who = seen ? `import ${seen.holder} (pid ${seen.pid} on ${seen.host})` : "another import";
        throw new Error(
          `clickhouse ${node.http}: ${who} holds the import lock of database "${db}"; try again when it ends`,
        );
      }
      await new Promise((r) => setTimeout(r, RETRY_MS));
      continue;
    }
    return hold(node, db, holder);
  }
}

interface Holder {
  holder: string;
  host: string;
  pid: number;
  /** Seconds since its last heartbeat (or since the table was created, before its first one). */
  silent: number;
}

async function holderOf(node: ClickHouseNode, db: string): Promise<Holder | null> {
  const rows = await node
    .rows<{ holder: string; host: string; pid: number; silent: number }>(
      `SELECT any(holder) AS holder, any(host) AS host, any(pid) AS pid,
         toInt64(now()) - toInt64(max(beat)) AS silent FROM ${db}.import_lock HAVING count() > 0`,
    )
    .catch(() => []);
  if (rows.length) return { ...rows[0], pid: Number(rows[0].pid), silent: Number(rows[0].silent) };
  // Created but not yet written (or emptied by a server restart): its age is the table's, and its
  // name when broken comes from its creation time.
  const [t] = await node.rows<{ created: string; silent: string }>(
    `SELECT toUInt64(metadata_modification_time) AS created,
       toInt64(now()) - toInt64(metadata_modification_time) AS silent FROM system.tables
     WHERE database = ${quote(db)} AND name = 'import_lock'`,
  );
  if (!t) return null;
  return { holder: String(Number(t.created) * 1024), host: "", pid: 0, silent: Number(t.silent) };
}

/** The import holding the lock of `db` (its staging id), or null. */
export async function lockHolder(node: ClickHouseNode, db: string): Promise<string | null> {
  return (await holderOf(node, db))?.holder ?? null;
}

function isStale(h: Holder): boolean {
  if (h.silent > STALE_S) return true;
  if (h.host !== hostname() || h.pid <= 0) return false;
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

async function hold(node: ClickHouseNode, db: string, holder: string): Promise<ImportLock> {
  const lock = `${db}.import_lock`;
  const beat = () =>
    node.command(
      `INSERT INTO ${lock} SELECT ${quote(holder)}, ${quote(hostname())}, ${integer(process.pid, "pid")}, now()`,
    );
  await beat();
  const timer = setInterval(() => beat().catch(() => {}), BEAT_MS);
  timer.unref();
  try {
    const [row] = await node.rows<{ last: string }>(`SELECT max(version) AS last FROM ${db}.import_versions`);
    const version = Math.max(Date.now() * 1024 + Math.floor(Math.random() * 1024), Number(row.last) + 1);
    await node.command(`INSERT INTO ${db}.import_versions VALUES (${integer(version, "version")})`);
    return {
      version,
      release: async () => {
        clearInterval(timer);
        // Drop the lock only if it is still ours (it is not if we were silent long enough to be broken).
        const seen = await holderOf(node, db);
        if (seen?.holder !== holder) return;
        await node.command(`RENAME TABLE ${lock} TO ${db}.staging_${holder}_lock`);
        await node.command(`DROP TABLE IF EXISTS ${db}.staging_${holder}_lock`);
      },
    };
  } catch (err) {
    clearInterval(timer);
    throw err;
  }
}
