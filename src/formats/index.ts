import type { Writable } from "node:stream";
import type { Event } from "../model/index.ts";
import { type CsvWriteOptions, readCsv, writeCsv } from "./csv.ts";
import { detectFormat } from "./detect.ts";
import { readGdelt, writeGdelt } from "./gdelt.ts";
import { readIcews, writeIcews } from "./icews.ts";
import { readJsonl, writeJsonl } from "./jsonl.ts";
import type { FormatName, ReadOptions } from "./options.ts";
import { openOutput } from "./output.ts";
import { readPlover, writePlover } from "./plover.ts";

export {
  ACTOR_DATA_DIR,
  loadActorData,
  shippedActorData,
  shippedRegistry,
  stateNames,
} from "./actor-data.ts";
export type { CsvWriteOptions } from "./csv.ts";
export { delimiterOf, splitCsvLine } from "./csv-parse.ts";
export { detectFormat } from "./detect.ts";
export { FormatError } from "./error.ts";
export { readBeside, readText } from "./files.ts";
export { gdeltRow } from "./gdelt.ts";
export { markdownToText } from "./markdown.ts";
export { FORMATS, type FormatName, type ReadOptions } from "./options.ts";
export {
  looksLikePetrarchXml,
  type PetrarchRecord,
  PetrarchXmlError,
  readPetrarchXml,
  readPetrarchXmlStream,
} from "./petrarch-xml.ts";
export { decodeUtf8, firstInvalidUtf8, looksBinary, TextInputError } from "./text.ts";

/** Stream the events of a file in a format (detected from the file when not given). */
export async function* readEvents(
  path: string,
  format?: FormatName,
  options: Partial<ReadOptions> = {},
): AsyncGenerator<Event> {
  const f = format ?? (await detectFormat(path));
  switch (f) {
    case "gdelt1":
      return yield* readGdelt(path, { ...options, version: 1 });
    case "gdelt2":
      return yield* readGdelt(path, { ...options, version: 2 });
    case "icews":
      return yield* readIcews(path, options);
    case "plover":
      return yield* readPlover(path, options);
    case "csv":
      return yield* readCsv(path, options);
    case "jsonl":
      return yield* readJsonl(path, options);
    case "parquet":
      // Loaded when used: DuckDB reads Parquet, and most callers of formats never need it.
      return yield* (await import("./parquet.ts")).readParquet(path, options);
  }
}

/**
 * Write events in a format to `out` (a file; `.gz`/`.zip` compress text formats) or to `stdout`.
 * Parquet needs a file. `csv` options (Excel's byte order mark) apply to CSV only. Returns the
 * number of events written.
 */
export async function writeEvents(
  events: AsyncIterable<Event> | Iterable<Event>,
  format: FormatName,
  out?: string,
  stdout?: Writable,
  csv: Partial<CsvWriteOptions> = {},
): Promise<number> {
  if (format === "parquet") {
    if (out === undefined) throw new Error("parquet output needs a file (--out)");
    return (await import("./parquet.ts")).writeParquet(events, out);
  }
  const sink = openOutput(out, stdout);
  try {
    if (format === "gdelt1" || format === "gdelt2")
      return await writeGdelt(events, sink, format === "gdelt1" ? 1 : 2);
    if (format === "icews") return await writeIcews(events, sink);
    if (format === "plover") return await writePlover(events, sink);
    if (format === "csv") return await writeCsv(events, sink, csv);
    return await writeJsonl(events, sink);
  } finally {
    await sink.close();
  }
}
