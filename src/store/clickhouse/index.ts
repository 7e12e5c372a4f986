import type { AggregateRow, Bucket, DyadRow, Event, EventQuery, IndicatorPoint } from "../../model/index.ts";
import { checkIndicatorValues, rowToDyad, rowToIndicator } from "../rows.ts";
import type { ImportResult, Store, StoreStats } from "../store.ts";
import { discover, ensureSchema, type Topology, table } from "./cluster.ts";
import { type ImportHooks, importBatch, newBatchId } from "./import.ts";
import { ClickHouseNode } from "./node.ts";
import { integer, quote } from "./quote.ts";
import { rowToEvent } from "./rows.ts";
import { EVENT_COLUMN_NAMES } from "./schema.ts";
import { parseClickHouseUrl } from "./url.ts";
import { conditions, dyadAB, pageClause } from "./where.ts";

export { parseClickHouseUrl } from "./url.ts";

const PERIODS: Record<Bucket, string> = {
  day: "date_start",
  month: "substring(date_start, 1, 7)",
  quarter:
    "concat(substring(date_start, 1, 4), '-Q', toString(intDiv(toUInt8(substring(date_start, 6, 2)) + 2, 3)))",
  year: "substring(date_start, 1, 4)",
};

type Row = Record<string, unknown>;

/**
 * Open (creating the database and tables if missing) the ClickHouse store at a
 * `clickhouse://host:port/db` URL; a cluster named by `?cluster=` (default "yalu") is sharded over.
 * @example const store = await openClickHouseStore("clickhouse://127.0.0.1:8123/yalu");
 */
export async function openClickHouseStore(location: string): Promise<ClickHouseStore> {
  const loc = parseClickHouseUrl(location);
  const entry = new ClickHouseNode(loc.http, loc.timeoutMs, loc);
  try {
    const topology = await discover(loc, entry);
    await ensureSchema(topology, loc.database);
    return new ClickHouseStore(location, topology, loc.database);
  } catch (err) {
    await entry.close();
    throw err;
  }
}

/** The event record on ClickHouse: one node, or a sharded cluster behind Distributed tables. */
export class ClickHouseStore implements Store {
  private imports: Promise<unknown> = Promise.resolve();
  /** Fault-injection points (tests only). */
  readonly hooks: ImportHooks = {};

  constructor(
    readonly location: string,
    private readonly topology: Topology,
    private readonly db: string,
  ) {}

  private table(name: string): string {
    return table(this.topology, this.db, name);
  }

  /**
   * Events of committed batches, followed by WHERE. No FINAL: imports copy and commit under the
   * import lock, so no two committed batches hold the same id (see import.ts); PREWHERE drops the
   * rows of batches never committed.
   */
  private get events(): string {
    const committed = `SELECT batch FROM ${this.table("batches")}`;
    return `${this.table("events")} PREWHERE batch GLOBAL IN (${committed}) WHERE`;
  }

  private rows(sql: string): Promise<Row[]> {
    return this.topology.entry.rows(sql);
  }

  importEvents(events: Iterable<Event> | AsyncIterable<Event>): Promise<ImportResult> {
    // One import at a time per store, so batches do not race each other's duplicate check.
    const run = this.imports.then(() => importBatch(this.topology, this.db, events, this.hooks));
    this.imports = run.catch(() => undefined);
    return run;
  }

  async queryEvents(query: EventQuery): Promise<Event[]> {
    const dir = query.order === "desc" ? "DESC" : "ASC";
    const sql = `SELECT ${EVENT_COLUMN_NAMES} FROM ${this.events} ${conditions(query)}
      ORDER BY date_start ${dir}, date_end ${dir}, id ${dir}${pageClause(query)}`;
    return (await this.rows(sql)).map(rowToEvent);
  }

  async countEvents(query: EventQuery): Promise<number> {
    const [row] = await this.rows(`SELECT count() AS n FROM ${this.events} ${conditions(query)}`);
    return Number(row.n);
  }

  async getEvent(id: string): Promise<Event | null> {
    const rows = await this.rows(`SELECT ${EVENT_COLUMN_NAMES} FROM ${this.events} id = ${quote(id)}`);
    return rows.length ? rowToEvent(rows[0]) : null;
  }

  async aggregate(query: EventQuery, bucket: Bucket): Promise<AggregateRow[]> {
    const period = PERIODS[bucket];
    if (!Object.hasOwn(PERIODS, bucket)) throw new Error(`invalid bucket "${bucket}"`);
    const direction = query.dyad ? `if(${dyadAB(query.dyad)}, 'ab', 'ba')` : "'all'";
    const sql = `SELECT ${period} AS period, ${direction} AS direction, count() AS n,
        countIf(quad_class = 1) AS q1, countIf(quad_class = 2) AS q2, countIf(quad_class = 3) AS q3,
        countIf(quad_class = 4) AS q4, sum(goldstein) AS g
      FROM ${this.events} ${conditions(query)}
      GROUP BY period, direction ORDER BY period, direction`;
    return (await this.rows(sql)).map((r) => ({
      period: String(r.period),
      direction: r.direction as AggregateRow["direction"],
      count: Number(r.n),
      q1: Number(r.q1),
      q2: Number(r.q2),
      q3: Number(r.q3),
      q4: Number(r.q4),
      goldsteinSum: Number(r.g),
    }));
  }

  async dyads(query: EventQuery, limit: number): Promise<DyadRow[]> {
    const sql = `SELECT source_code, target_code, count() AS n, sum(goldstein) AS g,
        countIf(quad_class >= 3) AS conflict, countIf(quad_class <= 2) AS cooperation
      FROM ${this.events} ${conditions(query)} GROUP BY source_code, target_code
      ORDER BY n DESC, source_code, target_code LIMIT ${integer(limit, "limit")}`;
    return (await this.rows(sql)).map(rowToDyad);
  }

  async putIndicators(points: IndicatorPoint[]): Promise<number> {
    checkIndicatorValues(points);
    // One INSERT to one shard (the indicators' sharding key is constant): all points or none.
    const version = newBatchId();
    await this.topology.entry.insert(
      this.table("indicators"),
      points.map((pt) => ({ ...pt, version })),
    );
    return points.length;
  }

  async indicators(filter: { indicator?: string; subject?: string }): Promise<IndicatorPoint[]> {
    const c: string[] = ["1"];
    if (filter.indicator !== undefined) c.push(`indicator = ${quote(filter.indicator)}`);
    if (filter.subject !== undefined) c.push(`subject = ${quote(filter.subject)}`);
    const rows = await this.rows(`SELECT indicator, subject, series, period, value, unit, source, url, note
      FROM ${this.table("indicators")} FINAL WHERE ${c.join(" AND ")}
      ORDER BY indicator, subject, series, period`);
    return rows.map(rowToIndicator);
  }

  async stats(): Promise<StoreStats> {
    const [head] = await this.rows(`SELECT count() AS n, argMin(date, date_start) AS first,
        argMax(date, date_start) AS last, uniqExactArray([source_code, target_code]) AS actors
      FROM ${this.events} 1`);
    const [ind] = await this.rows(`SELECT count() AS n FROM ${this.table("indicators")} FINAL`);
    const tally = async (column: string) => {
      const rows = await this.rows(
        `SELECT ifNull(${column}, 'unknown') AS k, count() AS n FROM ${this.events} 1 GROUP BY k ORDER BY k`,
      );
      return Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));
    };
    const events = Number(head.n);
    return {
      events,
      firstDate: events ? String(head.first) : null,
      lastDate: events ? String(head.last) : null,
      actors: Number(head.actors),
      byRoot: await tally("root"),
      byOrigin: await tally("origin"),
      indicators: Number(ind.n),
    };
  }

  async close(): Promise<void> {
    await this.imports;
    const nodes = new Set([this.topology.entry, ...this.topology.shards]);
    await Promise.all([...nodes].map((n) => n.close()));
  }
}
