import { identifier } from "./quote.ts";

/** Where a ClickHouse store lives, parsed from `clickhouse://host:port/db?cluster=yalu&timeout=30`. */
export interface ClickHouseLocation {
  /** HTTP endpoint of the node Yalu talks to: `http://host:port`. */
  http: string;
  database: string;
  /** The `remote_servers` cluster the Distributed tables span; when absent, one node. */
  cluster: string;
  /** Bound on every call, in milliseconds. */
  timeoutMs: number;
  user: string;
  password: string;
}

const defaults = { cluster: "yalu", timeoutMs: 30_000, user: "default", password: "" };

/**
 * Parse a `clickhouse://` store URL. The port is ClickHouse's HTTP port (8123 by default); the path
 * names the database (default "yalu").
 * @example parseClickHouseUrl("clickhouse://127.0.0.1:8123/yalu")
 */
export function parseClickHouseUrl(location: string): ClickHouseLocation {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new Error(`invalid clickhouse url "${location}"`);
  }
  if (url.protocol !== "clickhouse:") throw new Error(`invalid clickhouse url "${location}"`);
  const name = decodeURIComponent(url.pathname.replace(/^\//, "")) || "yalu";
  const database = identifier(name);
  const timeout = url.searchParams.get("timeout");
  const timeoutMs = timeout === null ? defaults.timeoutMs : Number(timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new Error(`invalid timeout "${timeout}" in clickhouse url (seconds)`);
  }
  const cluster = url.searchParams.get("cluster") ?? defaults.cluster;
  if (cluster !== "") identifier(cluster);
  return {
    http: `http://${url.hostname}:${url.port || "8123"}`,
    database,
    cluster,
    timeoutMs,
    user: decodeURIComponent(url.username) || defaults.user,
    password: decodeURIComponent(url.password) || defaults.password,
  };
}
