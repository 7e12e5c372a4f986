import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The default database location: `$YALU_DB`, else `yalu/yalu.duckdb` in the user data directory
 * (`$XDG_DATA_HOME`, else `~/.local/share`).
 */
export function defaultDatabase(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.YALU_DB) return env.YALU_DB;
  const data = env.XDG_DATA_HOME || join(home, ".local", "share");
  return join(data, "yalu", "yalu.duckdb");
}

/** True for a ClickHouse URL (`clickhouse://host:port/db`) rather than a DuckDB file path. */
export function isClickHouseUrl(location: string): boolean {
  return /^clickhouse:\/\//i.test(location);
}
