import { afterAll, beforeAll } from "vitest";
import { type Cluster, findServer, startCluster } from "../../scripts/clickhouse-cluster.ts";

/**
 * A running two-shard cluster for tests: the one named by `YALU_TEST_CLICKHOUSE` (started by
 * .ci/run), else a private one started here. Under CI=true a missing clickhouse-server fails.
 */
export const clickhouseAvailable = Boolean(process.env.YALU_TEST_CLICKHOUSE) || findServer() !== null;

if (!clickhouseAvailable) {
  if (process.env.CI === "true") {
    throw new Error("clickhouse-server is not installed: CI must run the ClickHouse tests");
  }
  console.warn(
    "clickhouse-server not found: skipping ClickHouse tests (install clickhouse-server to run them)",
  );
}

let counter = 0;

/** A fresh database name per call, unique across test files and processes. */
export function freshDatabase(prefix = "t"): string {
  return `${prefix}_${process.pid}_${Date.now() % 1_000_000}_${++counter}`;
}

/**
 * Register beforeAll/afterAll hooks that provide a cluster; the returned function gives its base
 * URL (`clickhouse://127.0.0.1:PORT`). `own: true` always starts a private cluster (fault tests
 * that kill shards must not touch a shared one).
 */
export function useCluster(options: { own?: boolean } = {}): { url: () => string; cluster: () => Cluster } {
  let cluster: Cluster | null = null;
  const shared = options.own ? undefined : process.env.YALU_TEST_CLICKHOUSE || undefined;
  beforeAll(async () => {
    if (!shared) cluster = await startCluster({ binary: findServer() ?? "clickhouse-server" });
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  return {
    url: () => shared ?? cluster!.url,
    cluster: () => {
      if (!cluster) throw new Error("no private cluster in this test file");
      return cluster;
    },
  };
}

/** Run SQL on the entry node over plain HTTP and return TSV rows. */
export async function sql(url: string, query: string): Promise<string[][]> {
  const res = await fetch(`http://127.0.0.1:${new URL(url).port}/`, { method: "POST", body: query });
  const text = await res.text();
  if (!res.ok) throw new Error(text);
  return text
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split("\t"));
}
