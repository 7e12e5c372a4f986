import { findServer, sidecarPath } from "../server/sidecar.ts";
import { openStore } from "../store/open.ts";
import { defaultDatabase } from "../store/paths.ts";
import type { Store } from "../store/store.ts";
import { CliError } from "./error.ts";
import { ServedRecord } from "./served.ts";

/**
 * The record a command works on: the database itself, or — while `yalu serve` (`npm start`) holds
 * the DuckDB file, which DuckDB lets only one process open — the same record through that server's
 * API (see `server/sidecar.ts`). `location` is the --db value (default: $YALU_DB, else the user
 * data directory). A file locked by a process that announced no server fails with a message
 * naming the process and what to do.
 */
export async function openRecord(location: string | undefined): Promise<Store> {
  const path = location ?? defaultDatabase();
  const server = findServer(path);
  if (server) return new ServedRecord(server);
  try {
    return await openStore(location);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const lock = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message);
    if (!lock) throw err;
    throw new CliError(
      `the database ${path} is in use by process ${lock[2]} (${lock[1]}), and DuckDB lets one process open it: ` +
        `stop that process and run again, or, if it is yalu serve / npm start, restart it with this version so ` +
        `it announces itself in ${sidecarPath(path)} and the CLI goes through its API`,
    );
  }
}
