import { DuckDBInstance } from "@duckdb/node-api";
import { type Event, EventValidationError, normalizeEvent } from "../model/index.ts";
import { FormatError } from "./error.ts";
import { FLAT_COLUMNS, type FlatColumn, type FlatValue, flatColumnOf, fromFlat, toFlat } from "./flat.ts";
import { badRow, defaultReadOptions, type ReadOptions } from "./options.ts";

const TYPES: Partial<Record<FlatColumn, string>> = {
  quad_class: "INTEGER",
  goldstein: "DOUBLE",
  confidence: "DOUBLE",
  start_offset: "INTEGER",
  end_offset: "INTEGER",
};
const typeOf = (c: FlatColumn) => TYPES[c] ?? "VARCHAR";

/**
 * Stream events from a Parquet file with Yalu's flat columns (as `writeParquet` makes them), read
 * through an in-memory DuckDB. The "line" in messages is the row number.
 */
export async function* readParquet(path: string, options: Partial<ReadOptions> = {}): AsyncGenerator<Event> {
  const opts = { ...defaultReadOptions, ...options };
  const name = opts.name ?? path;
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  try {
    let result: Awaited<ReturnType<typeof c.stream>>;
    try {
      result = await c.stream("SELECT * FROM read_parquet($1)", [path]);
    } catch (err) {
      throw new FormatError(
        name,
        1,
        null,
        `not a readable parquet file (${(err as Error).message.split("\n")[0]})`,
      );
    }
    const columns = new Set(result.columnNames());
    for (const required of ["date", "source_code", "target_code", "cameo"]) {
      if (!columns.has(required)) throw new FormatError(name, 1, required, "missing column");
    }
    let row = 0;
    for await (const rows of result.yieldRowObjectJs()) {
      for (const r of rows) {
        row++;
        const get = (col: FlatColumn) => {
          const v = r[col];
          return v === undefined || v === null ? null : typeof v === "number" ? v : String(v);
        };
        try {
          yield normalizeEvent(fromFlat(get, (col) => columns.has(col)));
        } catch (err) {
          if (!(err instanceof EventValidationError)) throw err;
          badRow(
            new FormatError(name, row, flatColumnOf(err.path), err.message.replace(/^[^:]*: /, "")),
            opts,
          );
        }
      }
    }
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** Write events to a Parquet file (Yalu's flat columns) through an in-memory DuckDB. */
export async function writeParquet(
  events: AsyncIterable<Event> | Iterable<Event>,
  path: string,
): Promise<number> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  try {
    await c.run(`CREATE TABLE events (${FLAT_COLUMNS.map((col) => `${col} ${typeOf(col)}`).join(", ")})`);
    const appender = await c.createAppender("events");
    let n = 0;
    for await (const e of events) {
      toFlat(e).forEach((v: FlatValue, i) => {
        if (v === null) appender.appendNull();
        else if (typeof v === "string") appender.appendVarchar(v);
        else if (typeOf(FLAT_COLUMNS[i]) === "DOUBLE") appender.appendDouble(v);
        else appender.appendInteger(v);
      });
      appender.endRow();
      n++;
    }
    appender.closeSync();
    await c.run("COPY events TO $1 (FORMAT parquet)", [path]);
    return n;
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
