/**
 * The database could not do its work for a reason outside Yalu: a full disk, a file-size limit, a
 * read-only file system. `fatal` when the database now refuses all work (DuckDB "invalidates" a
 * database whose checkpoint failed): nothing more can be read or written until it is reopened, and
 * a server should stop (non-zero) for its supervisor to restart it. Otherwise the write was rolled
 * back and reads go on. The message names the first error as the database gave it (`reason`),
 * never a secondary one such as a failed rollback.
 * @example `the record /data/yalu.duckdb failed and must be reopened: Could not write file "…": No space left on device`
 */
export class StorageError extends Error {
  constructor(
    readonly location: string,
    readonly reason: string,
    readonly fatal: boolean,
  ) {
    super(
      fatal
        ? `the record ${location} failed and must be reopened: ${reason}`
        : `the record ${location} could not be written (nothing was stored): ${reason}`,
    );
    this.name = "StorageError";
  }
}
