// npm run bench:store [-- --n 10000000] [--input FILE]: import N synthetic GDELT 2.0 events with Yalu
// and time it beside DuckDB's own read_csv of the same file; then time the monthly dyad series
// query. --input takes an existing GDELT 2.0 file of N rows (e.g. `head -n N` of bench:scale's
// file) instead of generating one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { GDELT2_COLUMNS, readGdelt } from "../src/formats/gdelt.ts";
import { openDuckDBStore } from "../src/store/duckdb/index.ts";
import { generateGdelt2 } from "./synthetic.ts";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "1000000" },
    seed: { type: "string", default: "7" },
    runs: { type: "string", default: "30" },
    input: { type: "string" },
  },
});
const N = Number(values.n);
if (!Number.isInteger(N) || N <= 0) throw new Error(`invalid --n "${values.n}"`);

const percentile = (xs: number[], p: number) =>
  [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const fmt = (x: number) => Math.round(x).toLocaleString("en-US");

const dir = mkdtempSync(join(tmpdir(), "yalu-bench-"));
try {
  const file = values.input ?? join(dir, "events.gdelt2.csv");
  let t = performance.now();
  if (values.input === undefined) {
    await generateGdelt2(file, N, Number(values.seed));
    console.log(`generated ${fmt(N)} GDELT 2.0 rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  // DuckDB's own CSV reader into a plain table, the reference speed.
  const ref = await DuckDBInstance.create(join(dir, "ref.duckdb"));
  const rc = await ref.connect();
  const cols = `{${GDELT2_COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(", ")}}`;
  t = performance.now();
  await rc.run(
    `CREATE TABLE raw AS SELECT * FROM read_csv($1, delim='\t', header=false, quote='', escape='', columns=${cols})`,
    [file],
  );
  const refSeconds = (performance.now() - t) / 1000;
  rc.closeSync();
  ref.closeSync();

  const store = await openDuckDBStore(join(dir, "yalu.duckdb"));
  t = performance.now();
  const result = await store.importEvents(readGdelt(file));
  const yaluSeconds = (performance.now() - t) / 1000;
  console.log(`duckdb read_csv: ${fmt(N / refSeconds)} rows/s (${refSeconds.toFixed(2)} s)`);
  console.log(
    `yalu import:     ${fmt(N / yaluSeconds)} rows/s (${yaluSeconds.toFixed(2)} s; inserted ${fmt(result.inserted)}, duplicates ${fmt(result.duplicates)})`,
  );
  console.log(`ratio yalu/read_csv: ${(refSeconds / yaluSeconds).toFixed(2)} (goal >= 0.5)`);

  // aggregate() reads the dyad_months summary; aggregateEvents() the events, for comparison.
  const query = { dyad: { a: "CHN", b: "PRK" } };
  for (const [name, series] of [
    ["monthly dyad series CHN-PRK", () => store.aggregate(query, "month")],
    ["  same, from the events table", () => store.aggregateEvents(query, "month")],
  ] as const) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < Number(values.runs) + 3; i++) {
      t = performance.now();
      rows = (await series()).length;
      if (i >= 3) times.push(performance.now() - t);
    }
    console.log(
      `${name} (${rows} rows) over ${fmt(N)} events: p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms (goal p50 < 50 ms at 10M)`,
    );
  }
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
