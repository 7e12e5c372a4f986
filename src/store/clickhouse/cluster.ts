import { ClickHouseNode } from "./node.ts";
import { quote } from "./quote.ts";
import { ADDED_COLUMNS, distributedTables, localTables } from "./schema.ts";
import type { ClickHouseLocation } from "./url.ts";

/** The node Yalu talks to and every shard node (the entry node among them), with the cluster name. */
export interface Topology {
  entry: ClickHouseNode;
  shards: ClickHouseNode[];
  /** Null on a single node without the named cluster. */
  cluster: string | null;
}

/**
 * Find the shards of `loc.cluster` from `system.clusters`, then each shard's HTTP address from its
 * `yalu_http` macro (read through `remote()` over the native port). Without that cluster: one node.
 */
export async function discover(loc: ClickHouseLocation, entry: ClickHouseNode): Promise<Topology> {
  await entry.rows("SELECT 1");
  if (!loc.cluster) return { entry, shards: [entry], cluster: null };
  const rows = await entry.rows<{ host: string; port: number; local: number }>(
    `SELECT host_address AS host, port, is_local AS local FROM system.clusters
     WHERE cluster = ${quote(loc.cluster)} ORDER BY shard_num, replica_num`,
  );
  if (!rows.length) return { entry, shards: [entry], cluster: null };
  const shards: ClickHouseNode[] = [];
  for (const r of rows) {
    if (Number(r.local) === 1) {
      shards.push(entry);
      continue;
    }
    const remote = `remote(${quote(`${r.host}:${r.port}`)}, system.macros)`;
    const [m] = await entry.rows<{ http: string }>(
      `SELECT substitution AS http FROM ${remote} WHERE macro = 'yalu_http'`,
    );
    if (!m) {
      throw new Error(
        `clickhouse shard ${r.host}:${r.port} of cluster "${loc.cluster}" has no yalu_http macro ` +
          "(see docs/clickhouse-operations.md)",
      );
    }
    shards.push(new ClickHouseNode(`http://${m.http}`, loc.timeoutMs, loc));
  }
  return { entry, shards, cluster: loc.cluster };
}

/** Create the database and tables where missing: local tables on every shard, Distributed on each. */
export async function ensureSchema(t: Topology, db: string): Promise<void> {
  await Promise.all(
    t.shards.map(async (node) => {
      for (const sql of localTables(db)) await node.command(sql);
      await addColumns(node, db, "events_local");
      if (!t.cluster) return;
      for (const sql of distributedTables(db, t.cluster)) await node.command(sql);
      await addColumns(node, db, "events");
    }),
  );
}

/** Add the columns of later releases that `table` lacks (a table created by an earlier release). */
async function addColumns(node: ClickHouseNode, db: string, table: string): Promise<void> {
  const rows = await node.rows<{ name: string }>(
    `SELECT name FROM system.columns WHERE database = ${quote(db)} AND table = ${quote(table)}`,
  );
  const have = new Set(rows.map((r) => r.name));
  for (const [name, type, after] of ADDED_COLUMNS)
    if (!have.has(name))
      await node.command(`ALTER TABLE ${db}.${table} ADD COLUMN ${name} ${type} AFTER ${after}`);
}

/** The table a reader names: the Distributed table in a cluster, the local table on one node. */
export function table(t: Topology, db: string, name: string): string {
  return t.cluster ? `${db}.${name}` : `${db}.${name}_local`;
}
