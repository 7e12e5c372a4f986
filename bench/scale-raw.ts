// The raw engines bench:scale compares Yalu with: the same GDELT file loaded as plain string
// columns, and the same three queries written directly against it.
import { spawn } from "node:child_process";
import { createReadStream, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { GDELT2_COLUMNS } from "../src/formats/gdelt.ts";

export interface RawEngine {
  load(file: string): Promise<void>;
  size(): number;
  queries: { series(): Promise<unknown>; top(): Promise<unknown>; network(): Promise<unknown> };
  close(): Promise<void>;
}

const DYAD = `((Actor1Code LIKE 'CHN%' AND Actor2Code LIKE 'PRK%') OR (Actor1Code LIKE 'PRK%' AND Actor2Code LIKE 'CHN%'))`;

/** The three figures' SQL over a raw table `t`; `num` converts a string column to a number. */
function sql(t: string, num: (c: string) => string, month: string) {
  return {
    series: `SELECT ${month} AS m, Actor1Code LIKE 'CHN%' AS ab, count(*) AS n, sum(${num("GoldsteinScale")}) AS g
      FROM ${t} WHERE ${DYAD} GROUP BY m, ab ORDER BY m, ab`,
    top: `SELECT Actor1Code, Actor2Code, count(*) AS n FROM ${t} GROUP BY Actor1Code, Actor2Code
      ORDER BY n DESC LIMIT 20`,
    network: `SELECT Actor1Code, Actor2Code, count(*) AS n, sum(${num("GoldsteinScale")}) AS g FROM ${t}
      WHERE SQLDATE >= '20150101' AND SQLDATE <= '20151231' GROUP BY Actor1Code, Actor2Code
      ORDER BY n DESC LIMIT 100000`,
  };
}

/** DuckDB's read_csv into a table of VARCHAR columns; `options` are DuckDB settings (e.g. memory_limit). */
export async function rawDuckDB(path: string, options?: Record<string, string>): Promise<RawEngine> {
  const db = await DuckDBInstance.create(path, options);
  const c = await db.connect();
  const q = sql("raw", (col) => `CAST(${col} AS DOUBLE)`, "substr(SQLDATE, 1, 6)");
  const cols = `{${GDELT2_COLUMNS.map((col) => `'${col}': 'VARCHAR'`).join(", ")}}`;
  return {
    load: async (file) => {
      await c.run(
        `CREATE TABLE raw AS SELECT * FROM read_csv($1, delim='\t', header=false, quote='', escape='', columns=${cols})`,
        [file],
      );
      await c.run("CHECKPOINT");
    },
    size: () => statSync(path).size,
    queries: {
      series: () => c.runAndReadAll(q.series),
      top: () => c.runAndReadAll(q.top),
      network: () => c.runAndReadAll(q.network),
    },
    close: async () => {
      c.closeSync();
      db.closeSync();
    },
  };
}

function du(path: string): number {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  return s.isDirectory() ? readdirSync(path).reduce((sum, n) => sum + du(join(path, n)), 0) : s.size;
}

/** `clickhouse-client` INSERT (TabSeparated) into a MergeTree of String columns on the first node. */
export async function rawClickHouse(url: string, tcpPort: number, dataDir: string): Promise<RawEngine> {
  const http = `http://127.0.0.1:${new URL(url).port}/`;
  const run = async (query: string) => {
    const res = await fetch(http, { method: "POST", body: query, signal: AbortSignal.timeout(3_600_000) });
    const text = await res.text();
    if (!res.ok) throw new Error(`clickhouse: ${text.split("\n")[0]}`);
    return text;
  };
  await run("CREATE DATABASE IF NOT EXISTS rawbench");
  await run(
    `CREATE TABLE rawbench.raw (${GDELT2_COLUMNS.map((c) => `${c} String`).join(", ")})
     ENGINE = MergeTree ORDER BY tuple()`,
  );
  const q = sql("rawbench.raw", (col) => `toFloat64OrZero(${col})`, "substring(SQLDATE, 1, 6)");
  return {
    load: (file) =>
      new Promise((resolve, reject) => {
        const child = spawn(
          "clickhouse-client",
          [
            "--host",
            "127.0.0.1",
            "--port",
            String(tcpPort),
            "--query",
            "INSERT INTO rawbench.raw FORMAT TabSeparated",
          ],
          { stdio: ["pipe", "inherit", "inherit"] },
        );
        createReadStream(file).pipe(child.stdin);
        child.on("error", reject);
        child.on("exit", (code) =>
          code === 0 ? resolve() : reject(new Error(`clickhouse-client exited ${code}`)),
        );
      }),
    size: () => du(join(dataDir, "data", "rawbench")),
    queries: { series: () => run(q.series), top: () => run(q.top), network: () => run(q.network) },
    close: async () => {
      await run("DROP TABLE IF EXISTS rawbench.raw");
    },
  };
}
