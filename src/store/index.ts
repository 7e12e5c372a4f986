/**
 * The event record: the Store interface, DuckDB behind it (ClickHouse is opened by `openStore` when
 * named, and loaded only then), the filter schema the CLI and API validate with, the database's
 * location and the note a running server leaves beside it.
 */
export type { DuckDBStore } from "./duckdb/index.ts";
export { StorageError } from "./failure.ts";
export {
  bucket,
  coverageShape,
  dyadCode,
  filterShape,
  flag,
  num,
  pageShape,
  phaseShape,
  toEventQuery,
  validateFilters,
  whole,
} from "./filter.ts";
export { asDuckDBStore, openStore, syncFlagship } from "./open.ts";
export { defaultDatabase } from "./paths.ts";
export { announce, findServer, type ServerNote, sidecarPath } from "./sidecar.ts";
export type { ImportResult, Store, StoreStats } from "./store.ts";
