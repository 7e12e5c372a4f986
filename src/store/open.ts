import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { openDuckDBStore } from "./duckdb/index.ts";
import { FLAGSHIP_DIR, flagshipVersion, readFlagship } from "./flagship.ts";
import { defaultDatabase, isClickHouseUrl } from "./paths.ts";
import type { Store } from "./store.ts";

export interface OpenOptions {
  /**
   * Load the shipped flagship record when the database lacks it (or holds another version).
   * Default: true for the default database (no `location` given), false otherwise.
   */
  flagship?: boolean;
  /** Where the flagship files are (tests point this at temporary files). */
  flagshipDir: string;
  /** Environment for the default location. */
  env: NodeJS.ProcessEnv;
}

const defaults: OpenOptions = { flagshipDir: FLAGSHIP_DIR, env: process.env };

/**
 * Open the event store at `location`: a DuckDB file path (created on first use), ":memory:", or a
 * `clickhouse://host:port/db` URL. Without a location: `$YALU_DB`, else the user data directory.
 * @example const store = await openStore("events.duckdb");
 */
export async function openStore(location?: string, options: Partial<OpenOptions> = {}): Promise<Store> {
  const opts = { ...defaults, ...options } satisfies OpenOptions;
  const path = location ?? defaultDatabase(opts.env);
  if (isClickHouseUrl(path)) {
    // Loaded lazily so DuckDB users never load the ClickHouse client. No flagship sync here: load
    // the record into ClickHouse with `yalu import` like any other file.
    const { openClickHouseStore } = await import("./clickhouse/index.ts");
    return openClickHouseStore(path);
  }
  if (path !== ":memory:") {
    await mkdir(dirname(path), { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(
        `cannot open database "${path}": cannot create its folder (${err.code ?? err.message})`,
      );
    });
  }
  const store = await openDuckDBStore(path);
  const flagship = opts.flagship ?? location === undefined;
  if (flagship && existsSync(join(opts.flagshipDir, "events.jsonl"))) {
    try {
      await syncFlagship(store, opts.flagshipDir);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}

/** Bring the stored flagship record up to the shipped version (no-op when they match). */
async function syncFlagship(store: Awaited<ReturnType<typeof openDuckDBStore>>, dir: string): Promise<void> {
  if ((await store.getMeta("flagship_version")) === (await flagshipVersion(dir))) return;
  const f = await readFlagship(dir);
  const previous = JSON.parse((await store.getMeta("flagship_ids")) ?? "[]") as string[];
  const current = new Set(f.events.map((e) => e.id));
  await store.deleteEvents(previous.filter((id) => !current.has(id)));
  await store.importEvents(f.events);
  await store.putIndicators(f.indicators);
  await store.setMeta("flagship_ids", JSON.stringify([...current]));
  await store.setMeta("flagship_version", f.version);
}
