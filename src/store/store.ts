import type { Event, EventReader, IndicatorPoint } from "../model/index.ts";

export interface ImportResult {
  /** Events newly stored. */
  inserted: number;
  /** Events already present (same id), left as they were. */
  duplicates: number;
}

export interface StoreStats {
  events: number;
  firstDate: string | null;
  lastDate: string | null;
  actors: number;
  byRoot: Record<string, number>;
  byOrigin: Record<string, number>;
  indicators: number;
}

/**
 * The event record. DuckDB (embedded, default) and ClickHouse implement it; one shared test suite
 * runs against both. Implementations keep SQL dialect details inside and parameterise every value.
 */
export interface Store extends EventReader {
  /** Human-readable location (file path or URL) for messages. */
  readonly location: string;
  /**
   * Store a batch atomically: either every event is stored (duplicates by id skipped) or, on any
   * error, none. Importing the same events twice stores each once.
   */
  importEvents(events: Iterable<Event> | AsyncIterable<Event>): Promise<ImportResult>;
  /** Replace-or-insert indicator points (keyed by indicator, subject, series, period). */
  putIndicators(points: IndicatorPoint[]): Promise<number>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
