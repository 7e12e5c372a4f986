import { defaultDatabase, findServer, openStore, type Store, sidecarPath } from "../store/index.ts";
import { CliError } from "./error.ts";
import { ServedRecord } from "./served.ts";

/**
 * The record a command works on: the database itself, or — while `yalu serve` (`npm start`) holds
 * the DuckDB file, which DuckDB lets only one process open — the same record through that server's
 * API (see `store/sidecar.ts`). `location` is the --db value (default: $YALU_DB, else the user
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

/** An actor the record has no events of is an error naming the flag (as the API's 404 names it). */
export async function requireActors(store: Store, codes: string[], flag: string): Promise<void> {
  for (const code of codes) {
    if ((await store.countEvents({ actor: code })) === 0)
      throw new CliError(`unknown actor "${code}" (${flag}): no events in the record`);
  }
}

/** The flags of a shape as the API's query parameters (same names, as strings). */
export function apiParams(shape: object, flags: object): Record<string, string> {
  const given = flags as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(shape)
      .filter((k) => given[k] !== undefined)
      .map((k) => [k, String(given[k])]),
  );
}

/**
 * An analysis answer from the record: the running server's route when it holds the database (the
 * same computation, on the record it holds), else `local` on the database itself.
 */
export async function analyse<T>(
  location: string | undefined,
  route: { path: string; params: Record<string, string> },
  local: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openRecord(location);
  try {
    return store instanceof ServedRecord ? await store.get<T>(route.path, route.params) : await local(store);
  } finally {
    await store.close();
  }
}
