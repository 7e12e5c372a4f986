import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { DuckDBStore } from "./duckdb/index.ts";
import { contentHash, FLAGSHIP_DIR, flagshipVersion, readFlagship } from "./flagship.ts";
import { defaultDatabase, isClickHouseUrl } from "./paths.ts";
import type { Store } from "./store.ts";

export interface OpenOptions {
  /**
   * Load the shipped flagship record when the database lacks it (or holds another version).
   * Default: true for the default database (neither `location` nor `$YALU_DB` given) and for a
   * database that already holds the record (kept current); false for any other database, however
   * it is named (`--db` or `$YALU_DB`): it starts empty (`yalu import --flagship` loads the record).
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
 * A path means the same database whether it comes as `location` or as `$YALU_DB`.
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
  // Loaded when a record is opened, so commands that only validate filters start without DuckDB.
  const { openDuckDBStore } = await import("./duckdb/index.ts");
  const store = await openDuckDBStore(path);
  const isDefault = location === undefined && !opts.env.YALU_DB;
  const flagship = opts.flagship ?? (isDefault || (await store.getMeta("flagship_version")) !== null);
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

/** The store as a DuckDB database, or null for another backend. */
export async function asDuckDBStore(store: Store): Promise<DuckDBStore | null> {
  const { DuckDBStore } = await import("./duckdb/index.ts");
  return store instanceof DuckDBStore ? store : null;
}

/**
 * Bring the stored flagship record up to the shipped version (no-op when they match); returns
 * whether anything was loaded. `yalu import --flagship` runs it on any DuckDB database.
 */
export async function syncFlagship(store: DuckDBStore, dir: string = FLAGSHIP_DIR): Promise<boolean> {
  if ((await store.getMeta("flagship_version")) === (await flagshipVersion(dir))) return false;
  const f = await readFlagship(dir);
  const previous = JSON.parse((await store.getMeta("flagship_ids")) ?? "[]") as string[];
  const stored = JSON.parse((await store.getMeta("flagship_hashes")) ?? "{}") as Record<string, string>;
  const hashes = Object.fromEntries(f.events.map((e) => [e.id, contentHash(e)]));
  // Out go, in the import's transaction, the events gone from the record and those whose content
  // changed under the same id (every previous event, for a record stored before the hashes were kept).
  const stale = previous.filter((id) => hashes[id] === undefined || stored[id] !== hashes[id]);
  await store.importEvents(f.events, { replacing: stale });
  await store.putIndicators(f.indicators);
  await store.setMeta("flagship_ids", JSON.stringify(Object.keys(hashes)));
  await store.setMeta("flagship_hashes", JSON.stringify(hashes));
  await store.setMeta("flagship_version", f.version);
  return true;
}
