import type { FormatError } from "./error.ts";

/** The formats Yalu reads and writes. */
export const FORMATS = ["gdelt1", "gdelt2", "icews", "plover", "csv", "jsonl", "parquet"] as const;
export type FormatName = (typeof FORMATS)[number];

/** How a reader treats rows it cannot use. */
export interface ReadOptions {
  /** Skip malformed rows (reporting each through `onBad`) instead of failing on the first. */
  skipBad: boolean;
  /** Called for each malformed row skipped under `skipBad`. */
  onBad: (error: FormatError) => void;
  /**
   * Called for each well-formed row that is not a dyadic event (e.g. a GDELT row without a
   * second actor), with a short reason; such rows are counted, never silently dropped.
   */
  onSkip: (reason: string, line: number) => void;
  /** Hears the bytes of the file read so far (for a progress bar). */
  onBytes?: (bytes: number) => void;
  /** Name used in messages instead of the path (default: the path). */
  name?: string;
}

export const defaultReadOptions: ReadOptions = { skipBad: false, onBad: () => {}, onSkip: () => {} };

/** Fail on a bad row, or report and skip it under `skipBad`. */
export function badRow(error: FormatError, options: ReadOptions): void {
  if (!options.skipBad) throw error;
  options.onBad(error);
}
