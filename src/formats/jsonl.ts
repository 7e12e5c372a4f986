import { type Event, EventValidationError, normalizeEvent } from "../model/index.ts";
import { FormatError } from "./error.ts";
import { readLines } from "./lines.ts";
import { badRow, defaultReadOptions, type ReadOptions } from "./options.ts";
import { type TextSink, writeLines } from "./output.ts";

/** Parse one JSON record into an event, or report it as a bad row named by file, line and field. */
export function eventFromJson(
  text: string,
  name: string,
  line: number,
  opts: ReadOptions,
  /** Turns a record into an event input; null marks a well-formed record that is no dyadic event. */
  convert: (record: unknown) => unknown = (r) => r,
): Event | null {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (err) {
    badRow(new FormatError(name, line, null, `invalid JSON (${(err as Error).message})`), opts);
    return null;
  }
  try {
    const input = convert(record);
    if (input === null) {
      opts.onSkip("record without both actors", line);
      return null;
    }
    return normalizeEvent(input);
  } catch (err) {
    if (!(err instanceof EventValidationError || err instanceof FormatError)) throw err;
    if (err instanceof FormatError) badRow(new FormatError(name, line, err.column, err.reason), opts);
    else badRow(new FormatError(name, line, err.path || null, err.message.replace(/^[^:]*: /, "")), opts);
    return null;
  }
}

/** Stream events from JSON Lines: one event JSON object (the form the README documents) per line. */
export async function* readJsonl(path: string, options: Partial<ReadOptions> = {}): AsyncGenerator<Event> {
  const opts = { ...defaultReadOptions, ...options };
  const name = opts.name ?? path;
  let line = 0;
  for await (const text of readLines(path, opts.onBytes)) {
    line++;
    if (text.trim() === "") continue;
    const e = eventFromJson(text, name, line, opts);
    if (e) yield e;
  }
}

/** Write events as JSON Lines of the event JSON form. */
export async function writeJsonl(
  events: AsyncIterable<Event> | Iterable<Event>,
  sink: TextSink,
): Promise<number> {
  return writeLines(events, sink, (e) => JSON.stringify(e));
}
