import { Readable } from "node:stream";
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from "@clickhouse/client";

/** One ClickHouse server reached over HTTP, with every call bounded by `timeoutMs`. */
export class ClickHouseNode {
  private readonly client: ClickHouseClient;

  constructor(
    /** `http://host:port`, named in every error. */
    readonly http: string,
    readonly timeoutMs: number,
    auth: { user: string; password: string } = { user: "default", password: "" },
  ) {
    this.client = createClient({
      url: http,
      username: auth.user,
      password: auth.password,
      request_timeout: timeoutMs,
      max_open_connections: 16,
      keep_alive: { enabled: true, idle_socket_ttl: 2000 },
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  /** Settings 18.16 knows: the server stops a query once the client has given up on it. */
  private settings(extra: Record<string, number> = {}) {
    return { max_execution_time: Math.max(1, Math.ceil(this.timeoutMs / 1000)), ...extra };
  }

  /** Run a SELECT and return its rows (64-bit integers arrive as strings). */
  async rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    return this.call(async () => {
      const result = await this.client.query({
        query: sql,
        format: "JSONEachRow",
        clickhouse_settings: this.settings(),
      });
      return (await result.json()) as T[];
    });
  }

  /** Run a statement without a result (DDL, INSERT … SELECT). */
  async command(sql: string, settings: Record<string, number> = {}): Promise<void> {
    await this.call(() => this.client.command({ query: sql, clickhouse_settings: this.settings(settings) }));
  }

  /** Insert rows as JSONEachRow; with `sync`, a Distributed table returns only once every shard has them. */
  async insert(table: string, values: Record<string, unknown>[], sync = true): Promise<void> {
    if (!values.length) return;
    await this.call(() =>
      this.client.insert({
        table,
        values,
        format: "JSONEachRow",
        clickhouse_settings: this.settings(sync ? { insert_distributed_sync: 1 } : {}),
      }),
    );
  }

  /**
   * Insert TabSeparated lines (each ending in a newline); with `sync`, as {@link insert}. The body
   * is joined and encoded 2,000 lines at a time as the request streams, so a large chunk never
   * holds the JS thread for long.
   */
  async insertTsv(table: string, lines: string[], sync = true): Promise<void> {
    if (!lines.length) return;
    await this.call(() =>
      this.client.insert({
        table,
        values: Readable.from(pieces(lines), { objectMode: false }),
        format: "TabSeparated",
        clickhouse_settings: this.settings(sync ? { insert_distributed_sync: 1 } : {}),
      }),
    );
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async call<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (err) {
      throw new Error(this.describe(err), { cause: err });
    }
  }

  /** A one-line message naming the server: refused, timed out, or the server's own first line. */
  private describe(err: unknown): string {
    const e = err as { message?: string; code?: string; cause?: { code?: string } };
    const code = e.code ?? e.cause?.code;
    const message = String(e.message ?? err);
    if (code === "ECONNREFUSED" || /ECONNREFUSED/.test(message)) {
      return `clickhouse ${this.http}: connection refused (is the server running?)`;
    }
    if (/timeout/i.test(message) && !/DB::Exception/.test(message)) {
      return `clickhouse ${this.http}: no answer within ${this.timeoutMs / 1000} s`;
    }
    if (code === "ECONNRESET" || code === "EPIPE")
      return `clickhouse ${this.http}: connection lost (${code})`;
    const first = message.replace(/^Code: \d+, e\.displayText\(\) = DB::Exception: /, "").split("\n")[0];
    const clean = first.replace(/, e\.what\(\) = DB::Exception$/, "").replace(/ \(version [^)]*\)/, "");
    return `clickhouse ${this.http}: ${clean}`;
  }
}

/** Lines joined 2,000 at a time, as UTF-8 (lone surrogates become U+FFFD). */
function* pieces(lines: string[]): Generator<Buffer> {
  for (let i = 0; i < lines.length; i += 2000) yield Buffer.from(lines.slice(i, i + 2000).join(""));
}
