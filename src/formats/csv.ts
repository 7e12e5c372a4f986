import { type Event, EventValidationError, normalizeEvent } from "../model/index.ts";
import { CsvParser, csvField } from "./csv-parse.ts";
import { FormatError } from "./error.ts";
import { FLAT_COLUMNS, type FlatColumn, flatColumnOf, fromFlat, toFlat } from "./flat.ts";
import { readLines } from "./lines.ts";
import { badRow, defaultReadOptions, type ReadOptions } from "./options.ts";
import { type TextSink, writeLines } from "./output.ts";

/**
 * Stream the events of a Yalu CSV file: a header row naming `FLAT_COLUMNS` (any order; unknown
 * columns are ignored), then one event per record. Empty fields are null, `""` is an empty string.
 */
export async function* readCsv(path: string, options: Partial<ReadOptions> = {}): AsyncGenerator<Event> {
  const opts = { ...defaultReadOptions, ...options };
  const name = opts.name ?? path;
  const parser = new CsvParser();
  let header: Map<string, number> | null = null;
  let line = 0;
  let start = 1;
  for await (const text of readLines(path, opts.onBytes)) {
    line++;
    if (!parser.pending) start = line;
    if (text === "" && !parser.pending) continue;
    const record = parser.push(text);
    if (!record) continue;
    if (!header) {
      header = new Map(record.map((c, i) => [c ?? "", i]));
      for (const required of ["date", "source_code", "target_code", "cameo"]) {
        if (!header.has(required)) throw new FormatError(name, start, required, "missing column in header");
      }
      continue;
    }
    const cols = header;
    if (record.length !== cols.size) {
      badRow(
        new FormatError(name, start, null, `expected ${cols.size} columns, found ${record.length}`),
        opts,
      );
      continue;
    }
    const get = (c: FlatColumn) => {
      const i = cols.get(c);
      return i === undefined ? null : record[i];
    };
    try {
      yield normalizeEvent(fromFlat(get, (c) => cols.has(c)));
    } catch (err) {
      if (!(err instanceof EventValidationError)) throw err;
      const reason = err.message.replace(/^[^:]*: /, "");
      const column = flatColumnOf(err.path);
      badRow(new FormatError(name, start, column, withValue(reason, get, column)), opts);
    }
  }
  if (parser.pending) badRow(new FormatError(name, start, null, "unterminated quoted field"), opts);
}

/** The reason, naming the bad value when the message does not already. */
function withValue(reason: string, get: (c: FlatColumn) => unknown, column: string): string {
  if (!(FLAT_COLUMNS as readonly string[]).includes(column)) return reason;
  const v = get(column as FlatColumn);
  if (v === null || v === undefined) return `${reason} (empty)`;
  return reason.includes(`"${v}"`) ? reason : `${reason}, got "${v}"`;
}

export interface CsvWriteOptions {
  /**
   * For Excel: start with a UTF-8 byte order mark (without it Excel reads the file as the system's
   * code page and garbles non-ASCII names) and end records with CRLF, as RFC 4180 and Excel do.
   */
  excel: boolean;
}

/** Write events as Yalu CSV (header + one line per event). */
export async function writeCsv(
  events: AsyncIterable<Event> | Iterable<Event>,
  sink: TextSink,
  options: Partial<CsvWriteOptions> = {},
): Promise<number> {
  const { excel } = { excel: false, ...options } satisfies CsvWriteOptions;
  const row = (e: Event) => toFlat(e).map(csvField).join(",");
  const header = FLAT_COLUMNS.join(",");
  if (!excel) return writeLines(events, sink, row, header);
  // writeLines ends each line with LF; the CR goes before it.
  await sink.write("\uFEFF");
  return writeLines(events, sink, (e) => `${row(e)}\r`, `${header}\r`);
}
