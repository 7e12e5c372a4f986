// npm run bench:scale [-- --n 10000000,100000000 --backends duckdb,clickhouse --runs 20
//   --input events.gdelt2.csv --dir /big/disk --keep --yalu-first]
// For each size: generate synthetic GDELT 2.0 events (or take the first n rows of --input), import them into DuckDB and into the two-shard
// ClickHouse cluster, and time the same work done by the raw engine (DuckDB read_csv into a plain
// table, clickhouse-client INSERT into a plain MergeTree). Prints one markdown table row per figure,
// then how each figure grew from the first size to the others.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { findServer, startCluster } from "../scripts/clickhouse-cluster.ts";
import { readGdelt } from "../src/formats/gdelt.ts";
import { openClickHouseStore } from "../src/store/clickhouse/index.ts";
import { openDuckDBStore } from "../src/store/duckdb/index.ts";
import type { Store } from "../src/store/store.ts";
import { headRows } from "./scale-input.ts";
import { type RawEngine, rawClickHouse, rawDuckDB } from "./scale-raw.ts";
import { generateScaleGdelt2 } from "./scale-synthetic.ts";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "10000000" },
    backends: { type: "string", default: "duckdb,clickhouse" },
    runs: { type: "string", default: "20" },
    seed: { type: "string", default: "7" },
    /** An existing GDELT 2.0 file whose first n rows are used instead of generating them. */
    input: { type: "string" },
    /** Where the temp files and databases go (default: the OS temp folder). */
    dir: { type: "string", default: tmpdir() },
    /** Keep each size's events file (in --dir) instead of deleting it. */
    keep: { type: "boolean", default: false },
    /** Import with Yalu before the raw engine loads (a run cut short then has Yalu's progress). */
    "yalu-first": { type: "boolean", default: false },
  },
});
const sizes = values.n.split(",").map(Number);
const runs = Number(values.runs);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`invalid --n "${values.n}"`);

const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
const ms = (x: number) => x.toFixed(1);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/** Bytes under a directory (recursive). */
function du(path: string): number {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, name) => sum + du(join(path, name)), 0);
}

/** p50/p95 over `runs` timed calls after 2 warm-ups. */
async function time(task: () => Promise<unknown>): Promise<[number, number]> {
  const xs: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t = performance.now();
    await task();
    if (i >= 2) xs.push(performance.now() - t);
  }
  return [pct(xs, 0.5), pct(xs, 0.95)];
}

/** Pass events through, noting on stderr every 10M read (a long run's partial figures). */
async function* progress<T>(events: AsyncIterable<T>, backend: string, start: number): AsyncGenerator<T> {
  let i = 0;
  for await (const e of events) {
    if (++i % 10_000_000 === 0) {
      const s = (performance.now() - start) / 1000;
      console.error(`${backend}: read ${fmt(i)} events into the import in ${s.toFixed(0)} s`);
    }
    yield e;
  }
}

interface Row {
  n: number;
  backend: string;
  figure: string;
  yalu: string;
  raw: string;
  ratio: string;
  /** The figure as numbers (for p50 / p95 figures, the p50), for the growth table. */
  values: [yalu: number, raw: number];
}
const table: Row[] = [];
function report(row: Row): void {
  table.push(row);
  console.log(`| ${fmt(row.n)} | ${row.backend} | ${row.figure} | ${row.yalu} | ${row.raw} | ${row.ratio} |`);
}

const QUERIES: [string, (s: Store) => Promise<unknown>, keyof RawEngine["queries"]][] = [
  ["dyad monthly series CHN-PRK", (s) => s.aggregate({ dyad: { a: "CHN", b: "PRK" } }, "month"), "series"],
  ["top 20 dyads by volume", (s) => s.dyads({}, 20), "top"],
  ["network of 2015 (all dyads)", (s) => s.dyads({ from: "2015", to: "2015" }, 100_000), "network"],
];

async function bench(n: number, backend: string, file: string, dir: string): Promise<void> {
  let store: Store;
  let raw: RawEngine;
  let size: () => number;
  let stop = async () => {};
  if (backend === "duckdb") {
    const path = join(dir, "yalu.duckdb");
    store = await openDuckDBStore(path);
    raw = await rawDuckDB(join(dir, "raw.duckdb"));
    size = () => du(path) + du(`${path}.wal`);
  } else {
    const binary = findServer();
    if (!binary) throw new Error("clickhouse-server is not installed");
    const cluster = await startCluster({ binary });
    stop = () => cluster.stop();
    store = await openClickHouseStore(`${cluster.url}/bench?timeout=3600`);
    raw = await rawClickHouse(cluster.url, cluster.nodes[0].tcpPort, join(cluster.nodes[0].dir, "data"));
    size = () => cluster.nodes.reduce((sum, node) => sum + du(join(node.dir, "data", "data", "bench")), 0);
  }
  try {
    const loadRaw = async () => {
      const t = performance.now();
      await raw.load(file);
      const s = (performance.now() - t) / 1000;
      const mb = fmt(raw.size() / 2 ** 20);
      console.error(
        `${backend}: raw engine loaded ${fmt(n)} rows in ${s.toFixed(0)} s (${fmt(n / s)}/s, ${mb} MB)`,
      );
      return s;
    };
    const loadYalu = async () => {
      const t = performance.now();
      const result = await store.importEvents(progress(readGdelt(file), backend, t));
      const s = (performance.now() - t) / 1000;
      if (result.inserted !== n) console.warn(`note: inserted ${fmt(result.inserted)} of ${fmt(n)}`);
      const mb = fmt(size() / 2 ** 20);
      console.error(
        `${backend}: yalu imported ${fmt(n)} rows in ${s.toFixed(0)} s (${fmt(n / s)}/s, ${mb} MB)`,
      );
      return s;
    };
    let rawSeconds: number;
    let seconds: number;
    if (values["yalu-first"]) [seconds, rawSeconds] = [await loadYalu(), await loadRaw()];
    else [rawSeconds, seconds] = [await loadRaw(), await loadYalu()];
    report({
      n,
      backend,
      figure: "import rows/s",
      yalu: fmt(n / seconds),
      raw: fmt(n / rawSeconds),
      ratio: (rawSeconds / seconds).toFixed(2),
      values: [n / seconds, n / rawSeconds],
    });
    const [bytes, rawBytes] = [size(), raw.size()];
    report({
      n,
      backend,
      figure: "size on disk (MB)",
      yalu: fmt(bytes / 2 ** 20),
      raw: fmt(rawBytes / 2 ** 20),
      ratio: (bytes / rawBytes).toFixed(2),
      values: [bytes, rawBytes],
    });
    for (const [name, query, rawName] of QUERIES) {
      const [p50, p95] = await time(() => query(store));
      const [r50, r95] = await time(() => raw.queries[rawName]());
      report({
        n,
        backend,
        figure: `${name} p50 / p95 (ms)`,
        yalu: `${ms(p50)} / ${ms(p95)}`,
        raw: `${ms(r50)} / ${ms(r95)}`,
        ratio: `${(r50 / p50).toFixed(2)} / ${(r95 / p95).toFixed(2)}`,
        values: [p50, r50],
      });
    }
  } finally {
    await store.close();
    await raw.close();
    await stop();
  }
}

console.log("| events | backend | figure | yalu | raw engine | raw/yalu |");
console.log("|---:|---|---|---:|---:|---:|");
for (const n of sizes) {
  const dir = mkdtempSync(join(values.dir, "yalu-scale-"));
  try {
    let file = join(dir, "events.gdelt2.csv");
    const t = performance.now();
    if (values.input) file = await headRows(values.input, n, file);
    else await generateScaleGdelt2(file, n, Number(values.seed));
    const how = values.input
      ? `took the first ${fmt(n)} rows of ${values.input}`
      : `generated ${fmt(n)} rows`;
    console.error(`${how} in ${((performance.now() - t) / 1000).toFixed(0)} s (${file})`);
    for (const backend of values.backends.split(",")) {
      const sub = join(dir, backend);
      mkdirSync(sub, { recursive: true });
      await bench(n, backend, file, sub);
      rmSync(sub, { recursive: true, force: true });
    }
  } finally {
    if (values.keep) {
      for (const name of readdirSync(dir)) {
        if (!name.endsWith(".csv")) rmSync(join(dir, name), { recursive: true, force: true });
      }
    } else rmSync(dir, { recursive: true, force: true });
  }
}

// How each figure grows from the smallest size to each larger one (×, p50 for the latency figures).
if (sizes.length > 1) {
  console.log("\n| backend | figure | growth | events × | yalu × | raw engine × |");
  console.log("|---|---|---|---:|---:|---:|");
  for (const row of table) {
    const base = table.find((r) => r.backend === row.backend && r.figure === row.figure && r.n === sizes[0]);
    if (!base || row.n === base.n) continue;
    const x = (a: number, b: number) => (a / b).toFixed(2);
    const growth = `${fmt(base.n)} → ${fmt(row.n)}`;
    const figure = row.figure.replace(" p50 / p95", " p50");
    console.log(
      `| ${row.backend} | ${figure} | ${growth} | ${x(row.n, base.n)} | ${x(row.values[0], base.values[0])} | ${x(row.values[1], base.values[1])} |`,
    );
  }
}
