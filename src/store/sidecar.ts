import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { isClickHouseUrl } from "./paths.ts";

/**
 * The record's server, announced beside its database: while `yalu serve` (or `npm start`) holds a
 * DuckDB file, `<file>.server.json` names its URL and process, so the CLI, which DuckDB's lock keeps
 * out of the file, reads and writes through the API instead. Removed when the server stops; one left
 * by a killed server is recognised by its process being gone.
 */
export interface ServerNote {
  url: string;
  pid: number;
  /** The database the server holds, as it opened it. */
  database: string;
  started: string;
}

/** The sidecar file of a database path. */
export const sidecarPath = (database: string) => `${database}.server.json`;

/** A DuckDB file (not ":memory:", not ClickHouse, which many clients share anyway). */
const isFile = (database: string) => database !== ":memory:" && !isClickHouseUrl(database);

/** Whether a process runs (signal 0 tests without sending; EPERM means it runs as another user). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Announce the server of `database` at `url`; returns the function that withdraws the note (also
 * run when the process exits). A no-op for in-memory and ClickHouse records.
 */
export function announce(database: string, url: string, pid = process.pid): () => void {
  if (!isFile(database)) return () => {};
  const path = sidecarPath(database);
  const note: ServerNote = { url, pid, database, started: new Date().toISOString() };
  writeFileSync(path, `${JSON.stringify(note)}\n`);
  const withdraw = () => {
    process.off("exit", withdraw);
    try {
      const current = JSON.parse(readFileSync(path, "utf8")) as Partial<ServerNote>;
      if (current.pid === pid) unlinkSync(path);
    } catch {
      // Already gone, or replaced by another server's note: nothing of ours to remove.
    }
  };
  process.on("exit", withdraw);
  return withdraw;
}

/**
 * The running server of `database`, or null. A note whose process is gone is stale: it is removed.
 * An unreadable note is treated as absent (the server writes it in one call).
 */
export function findServer(database: string): ServerNote | null {
  if (!isFile(database)) return null;
  const path = sidecarPath(database);
  if (!existsSync(path)) return null;
  let note: Partial<ServerNote>;
  try {
    note = JSON.parse(readFileSync(path, "utf8")) as Partial<ServerNote>;
  } catch {
    return null;
  }
  if (typeof note.url !== "string" || typeof note.pid !== "number") return null;
  if (!processRuns(note.pid)) {
    try {
      unlinkSync(path);
    } catch {
      // Another client removed it first.
    }
    return null;
  }
  return note as ServerNote;
}
