import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue, listValue } from "@duckdb/node-api";
import type { AggregateRow, Bucket, DyadRow, Event, EventQuery, IndicatorPoint } from "../../model/index.ts";
import { StorageError } from "../failure.ts";
import { checkIndicatorValues, rowToDyad, rowToIndicator } from "../rows.ts";
import type { ImportResult, Store, StoreStats } from "../store.ts";
import { Serial } from "./lock.ts";
import { mergeStaging } from "./merge.ts";
import { rowObjects } from "./objects.ts";
import { rowToEvent, SELECT_EVENT } from "./rows.ts";
import { CREATE_SCHEMA, CREATE_STAGING, MIGRATIONS, SCHEMA_VERSION } from "./schema.ts";
import { READ_STAGING, stagingRow } from "./stage.ts";
import { compactSummary, ensureSummary, summarize, summaryAnswers } from "./summary.ts";
import { DIRECTIONS, Params, pageClause, selection } from "./where.ts";

/** Events per staging chunk file. */
const CHUNK_ROWS = 50_000;

const year = (y: number) => String(y).padStart(4, "0");

/** Integer bucket keys (fast to group) and their labels: "2018-03-01", "2018-03", "2018-Q1", "2018". */
const BUCKETS: Record<Bucket, [key: string, label: (k: number) => string]> = {
  day: ["date_start - DATE '1970-01-01'", (k) => new Date(k * 86_400_000).toISOString().slice(0, 10)],
  month: [
    "year(date_start) * 12 + month(date_start) - 1",
    (k) => `${year(Math.floor(k / 12))}-${String((k % 12) + 1).padStart(2, "0")}`,
  ],
  quarter: [
    "year(date_start) * 4 + quarter(date_start) - 1",
    (k) => `${year(Math.floor(k / 4))}-Q${(k % 4) + 1}`,
  ],
  year: ["year(date_start)", year],
};

/**
 * DuckDB's buffer pool: half the machine's memory (DuckDB's default is 80%). A 100M-event import
 * stages ~30 GB of rows; past this limit DuckDB spills them to its temp directory (next to the
 * database file) instead of crowding out Node and the rest of the machine.
 */
const MEMORY_LIMIT = `${Math.floor(totalmem() / 2 ** 21)}MB`;

/** Lines written to a staging file per write call. */
const WRITE_LINES = 2000;

/**
 * Write lines to a file a few thousand at a time: encoding a whole 50,000-row chunk (~10 MB) at
 * once held the server's JS thread for ~65 ms; each piece is one short step between awaits.
 */
async function writeLines(file: string, lines: string[]): Promise<void> {
  try {
    const handle = await open(file, "w");
    try {
      for (let i = 0; i < lines.length; i += WRITE_LINES)
        await handle.write(`${lines.slice(i, i + WRITE_LINES).join("\n")}\n`);
    } finally {
      await handle.close();
    }
  } catch (err) {
    // Node's message does not name the file ("EFBIG: file too large, write"): add it.
    if (err instanceof Error) err.message = `cannot write the staging file ${file}: ${err.message}`;
    throw err;
  }
}

/**
 * DuckDB's error once it has invalidated the database (every later call fails the same way), with
 * the first error it quotes: `FATAL Error: Failed: database has been invalidated … Original error:
 * "Could not write file "…": No space left on device"`.
 */
const INVALIDATED = /database has been invalidated|^FATAL Error/;

/** Errors of the file system under the database, as the operating system words them. */
const STORAGE =
  /No space left on device|File too large|Disk quota exceeded|Read-only file system|Input\/output error|\b(ENOSPC|EFBIG|EDQUOT|EROFS|EIO)\b/;

/**
 * A DuckDB error caused by the storage: fatal (the database invalidated; the reason is the original
 * error it quotes) or not (a write refused: its first line), or null for any other error.
 */
export function storageFailure(err: unknown): { reason: string; fatal: boolean } | null {
  const message = err instanceof Error ? err.message : String(err);
  if (INVALIDATED.test(message)) {
    const original = /Original error: "([\s\S]*)"\s*$/.exec(message);
    const reason = original?.[1] ?? message.split("\n")[0];
    const first = reason
      .replace(/^FATAL Error: /, "")
      .replace(/^Failed to create checkpoint because of error: /, "");
    return { reason: first, fatal: true };
  }
  return STORAGE.test(message) ? { reason: message.split("\n")[0], fatal: false } : null;
}

/** Open (creating if missing) a DuckDB event store at a file path or ":memory:". */
export async function openDuckDBStore(path: string): Promise<DuckDBStore> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { memory_limit: MEMORY_LIMIT });
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split("\n")[0];
    throw new Error(`cannot open database "${path}": ${reason}`);
  }
  const read = await instance.connect();
  const write = await instance.connect();
  for (const sql of [...CREATE_SCHEMA, ...MIGRATIONS]) await write.run(sql);
  await ensureSummary(write);
  await write.run("INSERT OR IGNORE INTO meta VALUES ('schema_version', $1)", [SCHEMA_VERSION]);
  return new DuckDBStore(path, instance, read, write);
}

/** The embedded event store on DuckDB: flattened event rows, bulk import through staged CSV chunks. */
export class DuckDBStore implements Store {
  private readonly reads = new Serial();
  private readonly writes = new Serial();

  constructor(
    readonly location: string,
    private readonly instance: DuckDBInstance,
    private readonly read: DuckDBConnection,
    private readonly write: DuckDBConnection,
  ) {}

  /** A DuckDB error of the storage as a {@link StorageError} naming its first cause; others as they are. */
  private failed(err: unknown): unknown {
    const failure = storageFailure(err);
    return failure ? new StorageError(this.location, failure.reason, failure.fatal) : err;
  }

  private async rows(sql: string, values: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    // The connection is free again once the chunks are read; the conversion to objects yields.
    const [names, chunks] = await this.reads
      .run(async () => {
        const result = await this.read.run(sql, values);
        return [result.deduplicatedColumnNames(), await result.fetchAllChunks()] as const;
      })
      .catch((err) => {
        throw this.failed(err);
      });
    return rowObjects(names, chunks);
  }

  /**
   * Run `task` inside one transaction on the write connection; roll back on any error. The error
   * thrown is the first one: a failed COMMIT ends the transaction (and a fatal error the database),
   * so the ROLLBACK's own failure ("no transaction is active") would only hide the cause.
   */
  private transaction<T>(task: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      try {
        await this.write.run("BEGIN TRANSACTION");
        const result = await task(this.write);
        await this.write.run("COMMIT");
        return result;
      } catch (err) {
        await this.write.run("ROLLBACK").catch(() => undefined);
        throw this.failed(err);
      }
    });
  }

  /**
   * Import events, skipping ids already stored. `replacing` names stored events to delete in the
   * same transaction first, so their new versions are imported in their place.
   */
  async importEvents(
    events: Iterable<Event> | AsyncIterable<Event>,
    { replacing = [] }: { replacing?: string[] } = {},
  ): Promise<ImportResult> {
    const dir = await mkdtemp(join(tmpdir(), "yalu-import-"));
    try {
      return await this.transaction(async (c) => {
        await c.run(CREATE_STAGING);
        let total = 0;
        let lines: string[] = [];
        let loading: Promise<unknown> = Promise.resolve();
        // Chunks are written while the previous one loads, so parsing and loading overlap.
        const flush = async () => {
          const file = join(dir, `chunk-${total}.csv`);
          await writeLines(file, lines);
          lines = [];
          await loading;
          loading = c.run(`INSERT INTO staging ${READ_STAGING}`, [file]).then(() => rm(file));
        };
        try {
          for await (const e of events) {
            lines.push(stagingRow(e, total));
            if (++total % CHUNK_ROWS === 0) await flush();
          }
          if (lines.length) await flush();
        } finally {
          // Never roll back under a chunk load still running on this connection.
          await loading.catch(() => undefined);
        }
        await loading;
        await deleteIds(c, replacing);
        // One row per id, and none whose id is already stored: this is what keeps ids unique.
        const inserted = await mergeStaging(c, total);
        await c.run("DROP TABLE staging");
        return { inserted, duplicates: total - inserted };
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async queryEvents(query: EventQuery): Promise<Event[]> {
    const p = new Params();
    const dir = query.order === "desc" ? "DESC" : "ASC";
    const sql = `SELECT ${SELECT_EVENT} FROM ${selection(query, p, `${SELECT_EVENT}, date_start, date_end`)}
      ORDER BY date_start ${dir}, date_end ${dir}, id ${dir}${pageClause(query, p)}`;
    return (await this.rows(sql, p.values)).map(rowToEvent);
  }

  async countEvents(query: EventQuery): Promise<number> {
    const p = new Params();
    const [row] = await this.rows(`SELECT count(*) AS n FROM ${selection(query, p, "1 AS one")}`, p.values);
    return Number(row.n);
  }

  async getEvent(id: string): Promise<Event | null> {
    const rows = await this.rows(`SELECT ${SELECT_EVENT} FROM events WHERE id = $1`, [id]);
    return rows.length ? rowToEvent(rows[0]) : null;
  }

  /** Counts per bucket: from the `dyad_months` summary when it answers the query exactly. */
  aggregate(query: EventQuery, bucket: Bucket): Promise<AggregateRow[]> {
    return this.aggregateFrom(query, bucket, summaryAnswers(query, bucket));
  }

  /** `aggregate` computed from the events themselves, never the summary (for checking it). */
  aggregateEvents(query: EventQuery, bucket: Bucket): Promise<AggregateRow[]> {
    return this.aggregateFrom(query, bucket, false);
  }

  private async aggregateFrom(query: EventQuery, bucket: Bucket, summary: boolean): Promise<AggregateRow[]> {
    const spec = BUCKETS[bucket];
    if (!spec) throw new Error(`invalid bucket "${bucket}"`);
    const p = new Params();
    // On the summary a row stands for `n` events (negative for deletions, hence the HAVING).
    const [n, having] = summary ? ["n", "HAVING sum(n) > 0"] : ["1", ""];
    const from = summary
      ? selection(query, p, "date_start, quad_class, n, goldstein", "dyad_months")
      : selection(query, p, "date_start, quad_class, goldstein");
    const sql = `SELECT ${spec[0]} AS k, direction, sum(${n}) AS n, coalesce(sum(${n}) FILTER (quad_class = 1), 0) AS q1,
        coalesce(sum(${n}) FILTER (quad_class = 2), 0) AS q2, coalesce(sum(${n}) FILTER (quad_class = 3), 0) AS q3,
        coalesce(sum(${n}) FILTER (quad_class = 4), 0) AS q4, sum(goldstein) AS g
      FROM ${from} GROUP BY ALL ${having} ORDER BY k, direction`;
    return (await this.rows(sql, p.values)).map((r) => ({
      period: spec[1](Number(r.k)),
      direction: DIRECTIONS[Number(r.direction)],
      count: Number(r.n),
      q1: Number(r.q1),
      q2: Number(r.q2),
      q3: Number(r.q3),
      q4: Number(r.q4),
      goldsteinSum: Number(r.g),
    }));
  }

  async dyads(query: EventQuery, limit: number): Promise<DyadRow[]> {
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`invalid limit ${limit}`);
    const p = new Params();
    const sql = `SELECT source_code, target_code, count(*) AS n, sum(goldstein) AS g,
        count(*) FILTER (quad_class >= 3) AS conflict, count(*) FILTER (quad_class <= 2) AS cooperation
      FROM ${selection(query, p, "source_code, target_code, quad_class, goldstein")} GROUP BY source_code, target_code
      ORDER BY n DESC, source_code, target_code LIMIT ${p.add(limit)}`;
    return (await this.rows(sql, p.values)).map(rowToDyad);
  }

  async putIndicators(points: IndicatorPoint[]): Promise<number> {
    checkIndicatorValues(points);
    return this.transaction(async (c) => {
      const stmt = await c.prepare(
        "INSERT OR REPLACE INTO indicators VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      );
      for (const pt of points) {
        stmt.bind([
          pt.indicator,
          pt.subject,
          pt.series,
          pt.period,
          pt.value,
          pt.unit,
          pt.source,
          pt.url,
          pt.note,
        ]);
        await stmt.run();
      }
      return points.length;
    });
  }

  async indicators(filter: { indicator?: string; subject?: string }): Promise<IndicatorPoint[]> {
    const p = new Params();
    const c: string[] = [];
    if (filter.indicator !== undefined) c.push(`indicator = ${p.add(filter.indicator)}`);
    if (filter.subject !== undefined) c.push(`subject = ${p.add(filter.subject)}`);
    const where = c.length ? `WHERE ${c.join(" AND ")}` : "";
    const rows = await this.rows(
      `SELECT * FROM indicators ${where} ORDER BY indicator, subject, series, period`,
      p.values,
    );
    return rows.map(rowToIndicator);
  }

  async stats(): Promise<StoreStats> {
    const [head] = await this.rows(`SELECT count(*) AS n, arg_min(date, date_start) AS first,
        arg_max(date, date_start) AS last,
        (SELECT count(DISTINCT code) FROM (SELECT source_code AS code FROM events
          UNION ALL SELECT target_code FROM events)) AS actors,
        (SELECT count(*) FROM indicators) AS indicators
      FROM events`);
    const tally = async (column: string) => {
      const rows = await this.rows(
        `SELECT coalesce(${column}, 'unknown') AS k, count(*) AS n FROM events GROUP BY 1 ORDER BY 1`,
      );
      return Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));
    };
    return {
      events: Number(head.n),
      firstDate: head.first === null ? null : String(head.first),
      lastDate: head.last === null ? null : String(head.last),
      actors: Number(head.actors),
      byRoot: await tally("root"),
      byOrigin: await tally("origin"),
      indicators: Number(head.indicators),
    };
  }

  /** A value from the meta table (schema version, flagship version…), or null. */
  async getMeta(key: string): Promise<string | null> {
    const rows = await this.rows("SELECT value FROM meta WHERE key = $1", [key]);
    return rows.length ? String(rows[0].value) : null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.transaction((c) => c.run("INSERT OR REPLACE INTO meta VALUES ($1, $2)", [key, value]));
  }

  /** Delete events by id (used when a newer flagship record replaces the stored one). */
  async deleteEvents(ids: string[]): Promise<number> {
    if (!ids.length) return 0;
    return this.transaction((c) => deleteIds(c, ids));
  }

  async close(): Promise<void> {
    await this.writes.run(async () => undefined);
    await this.reads.run(async () => undefined);
    this.read.closeSync();
    this.write.closeSync();
    this.instance.closeSync();
  }
}

/** Delete events by id (and their rows of the summary) inside the caller's transaction. */
async function deleteIds(c: DuckDBConnection, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const summary = await c.run(summarize("events WHERE list_contains($1, id)", -1), [listValue(ids)]);
  const r = await c.run("DELETE FROM events WHERE list_contains($1, id)", [listValue(ids)]);
  await compactSummary(c, Number(summary.rowsChanged));
  return Number(r.rowsChanged);
}
