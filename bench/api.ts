// npm run bench:api [-- --n 1000000 --duration 20 --connections 64 --db PATH]: load N synthetic
// events into a temporary DuckDB (or reuse --db PATH when it exists; a new --db PATH is kept), serve
// the API on 127.0.0.1 in a child process, drive GET /api/series with autocannon (bounded, ≤ 30 s)
// and report p50/p99 latency, errors, and the CPU the load generator and the server each used.
// `--mixed [--import-n 300000]`: instead, a mixed read load over five endpoint classes (series,
// filtered events, network, indicators, event detail) at the same total connections, while ONE import
// of synthetic events runs through POST /api/import (token-guarded, batches of 50,000) into the same
// DuckDB; reports p50/p99 and errors per class and overall, the import's rows/s under load, and how
// long after the import's last commit every path answers from the new data version.
// Both modes first request every path once (warm-up, not measured), and report the server's
// event-loop delay over the measured load (with its longest stalls). `--cpu-prof DIR` writes a V8
// CPU profile of the server child to DIR. Goal: p99 < 100 ms, 0 errors.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { EventEmitter } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { readGdelt } from "../src/formats/gdelt.ts";
import { isCameoCode } from "../src/model/taxonomy.ts";
import { createApp } from "../src/server/app.ts";
import { startServer } from "../src/server/serve.ts";
import { openDuckDBStore } from "../src/store/duckdb/index.ts";
import { generateGdelt2 } from "./synthetic.ts";

interface AutocannonResult {
  latency: { p50: number; p99: number; p90: number; max: number; average: number };
  requests: { total: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: object, cb: (err: Error | null, r: AutocannonResult) => void) => EventEmitter;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "1000000" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "64" },
    serve: { type: "string" },
    db: { type: "string" },
    mixed: { type: "boolean", default: false },
    "import-n": { type: "string", default: "300000" },
    "cpu-prof": { type: "string" },
  },
});

/** Child mode: serve the API over an existing database on loopback and print the URL. */
async function serveChild(db: string): Promise<void> {
  const store = await openDuckDBStore(db);
  const token = process.env.YALU_BENCH_TOKEN || undefined;
  const server = await startServer({
    store,
    port: 0,
    host: "127.0.0.1",
    webRoot: null,
    log: () => {},
    token,
  });
  process.stdout.write(`${server.url}\n`);
  // Event-loop delay between two SIGUSR2 (sent as the measured load starts and ends): how long
  // the server's one JS thread kept requests waiting, apart from the CPU the machine gave it.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let measuring = false;
  let start = 0;
  // Stalls: gaps of more than 50 ms between 10 ms ticks, with when they ended (s into the load).
  let stalls: [at: number, ms: number][] = [];
  let tick = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (measuring && now - tick > 60) stalls.push([(now - start) / 1000, now - tick - 10]);
    tick = now;
  }, 10).unref();
  process.on("SIGUSR2", () => {
    const ms = (ns: number) => (ns / 1e6).toFixed(0);
    if (measuring) {
      const top = [...stalls].sort((a, b) => b[1] - a[1]).slice(0, 8);
      process.stderr.write(
        `server event-loop delay over the load: p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms (10 ms resolution); ${stalls.length} stalls > 50 ms, longest at ${top.map(([at, d]) => `${at.toFixed(1)} s (${d.toFixed(0)} ms)`).join(", ")}\n`,
      );
    }
    measuring = !measuring;
    start = performance.now();
    stalls = [];
    delay.reset();
  });
  process.once("SIGTERM", async () => {
    await server.close();
    await store.close();
    process.exit(0);
  });
}

/** The series queries the load cycles through: dyads of the synthetic record, three buckets. */
const PATHS = ["CHN-PRK", "USA-CHN", "RUS-UKR", "KOR-PRK"].flatMap((d) =>
  ["month", "quarter", "year"].map((b) => `/api/series?dyad=${d}&bucket=${b}`),
);

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** GET each path once (4 at a time) so the measured window starts warm; returns seconds taken. */
async function warmUp(base: string, paths: string[]): Promise<number> {
  const t0 = performance.now();
  const queue = [...paths];
  const worker = async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
      const res = await fetch(`${base}${p}`, { signal: AbortSignal.timeout(300_000) });
      if (!res.ok) throw new Error(`warm-up ${p}: HTTP ${res.status}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return (performance.now() - t0) / 1000;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function main(): Promise<void> {
  const n = Number(values.n);
  const duration = Math.min(30, Number(values.duration));
  const connections = Number(values.connections);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`invalid --n "${values.n}"`);
  const dir = mkdtempSync(join(tmpdir(), "yalu-bench-api-"));
  let child: ReturnType<typeof spawn> | null = null;
  try {
    const csv = join(dir, "events.csv");
    const db = values.db ?? join(dir, "bench.duckdb");
    let t = performance.now();
    const reuse = values.db !== undefined && existsSync(db);
    if (!reuse) await generateGdelt2(csv, n);
    const store = await openDuckDBStore(db);
    if (reuse) console.log(`reusing ${db}: ${(await store.countEvents({})).toLocaleString("en-US")} events`);
    else {
      const { inserted } = await store.importEvents(readGdelt(csv));
      rmSync(csv, { force: true });
      console.log(
        `loaded ${inserted.toLocaleString("en-US")} events in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    }

    // The uncached cost of one series request, in-process, for reference.
    const cold = createApp({ store, cache: { entries: 0 }, log: () => {} });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      for (const p of PATHS) {
        t = performance.now();
        const res = await cold.request(p);
        if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`);
        await res.arrayBuffer();
        times.push(performance.now() - t);
      }
    }
    console.log(
      `uncached series request (store query + analysis): p50 ${pct(times, 0.5).toFixed(1)} ms, p99 ${pct(times, 0.99).toFixed(1)} ms`,
    );
    await store.close();

    const token = randomBytes(16).toString("hex");
    const prof = values["cpu-prof"] ? ["--cpu-prof", "--cpu-prof-dir", values["cpu-prof"]] : [];
    child = spawn(
      process.execPath,
      [...prof, "--import", "tsx", new URL(import.meta.url).pathname, "--serve", db],
      {
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, YALU_BENCH_TOKEN: values.mixed ? token : "" },
      },
    );
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
      child!.once("exit", (code) => reject(new Error(`server exited (${code})`)));
    });
    const base = url.replace("localhost", "127.0.0.1").replace(/\/$/, "");
    if (values.mixed) {
      await mixed(base, connections, duration, token, child.pid!);
      return;
    }
    console.log(
      `server ${base}; warm-up (each path once, not measured) ${(await warmUp(base, PATHS)).toFixed(1)} s; ${connections} connections for ${duration} s over ${PATHS.length} series queries`,
    );
    child.kill("SIGUSR2");
    const serverCpu0 = cpuSeconds(child.pid!);
    const ownCpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const r = await new Promise<AutocannonResult>((resolve, reject) =>
      autocannon(
        { url: base, connections, duration, requests: PATHS.map((path) => ({ method: "GET", path })) },
        (err, res) => (err ? reject(err) : resolve(res)),
      ),
    );
    const wall = (performance.now() - wall0) / 1000;
    child.kill("SIGUSR2");
    const own = process.cpuUsage(ownCpu0);
    const ownCpu = (own.user + own.system) / 1e6;
    const serverCpu1 = cpuSeconds(child.pid!);
    const serverCpu = serverCpu0 !== null && serverCpu1 !== null ? serverCpu1 - serverCpu0 : null;
    const share = (s: number) => `${s.toFixed(1)} s (${Math.round((s / wall) * 100)}% of one core)`;
    console.log(
      `CPU over the ${wall.toFixed(1)} s run: load generator ${share(ownCpu)}, server ${serverCpu === null ? "unknown" : share(serverCpu)}; load average ${readLoad()}`,
    );
    if (serverCpu !== null && r.requests.total > 0)
      console.log(`server CPU per request: ${((serverCpu / r.requests.total) * 1000).toFixed(2)} ms`);
    const errors = r.errors + r.timeouts + r.non2xx;
    console.log(
      `GET /api/series at ${connections} connections: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; ${r.requests.total.toLocaleString("en-US")} requests (${Math.round(r.requests.average)}/s); errors ${errors} (goal p99 < 100 ms, 0 errors)`,
    );
    if (errors > 0) process.exitCode = 1;
  } finally {
    child?.kill("SIGTERM");
    if (child) await new Promise((r) => child!.once("exit", r));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Synthetic events for the concurrent import, as JSON Lines bodies of `batch` events each. */
function importBodies(total: number, batch: number): string[] {
  const actors = [
    "CHN",
    "PRK",
    "USA",
    "RUS",
    "UKR",
    "KOR",
    "JPN",
    "IRN",
    "ISR",
    "IND",
    "PAK",
    "FRA",
    "DEU",
    "GBR",
  ];
  const codes = [
    "010",
    "020",
    "036",
    "042",
    "043",
    "046",
    "051",
    "057",
    "061",
    "071",
    "090",
    "112",
    "120",
    "130",
    "173",
    "190",
  ].filter(isCameoCode);
  let seed = 12345;
  const rnd = (k: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % k;
  };
  const run = Date.now().toString(36);
  const bodies: string[] = [];
  for (let start = 0; start < total; start += batch) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(total, start + batch); i++) {
      const a = actors[rnd(actors.length)];
      let b = actors[rnd(actors.length)];
      if (b === a) b = a === "USA" ? "CHN" : "USA";
      const date = `${2015 + rnd(11)}-${String(1 + rnd(12)).padStart(2, "0")}-${String(1 + rnd(28)).padStart(2, "0")}`;
      lines.push(
        JSON.stringify({
          id: `bench-${run}-${i}`,
          date,
          source: { code: a, country: a },
          target: { code: b, country: b },
          cameo: codes[rnd(codes.length)],
          description: `bench import ${run} #${i}`,
          origin: "bench",
        }),
      );
    }
    bodies.push(lines.join("\n"));
  }
  return bodies;
}

/**
 * Mixed mode: five read classes at once (connections split across them, one autocannon instance
 * each; latencies recorded per response) and one import through POST /api/import, all bounded.
 */
async function mixed(base: string, connections: number, duration: number, token: string, pid: number) {
  const ids = await fetch(`${base}/api/events?dyad=CHN-PRK&limit=50`, { signal: AbortSignal.timeout(30_000) })
    .then((r) => r.json() as Promise<{ events: { id: string }[] }>)
    .then((j) => j.events.map((e) => e.id));
  if (!ids.length) throw new Error("no CHN-PRK events to read back");
  const dyads = ["CHN-PRK", "USA-CHN", "RUS-UKR", "KOR-PRK"];
  const classes: { name: string; share: number; paths: string[] }[] = [
    { name: "series", share: 0.25, paths: PATHS },
    {
      name: "events (filtered)",
      share: 0.25,
      paths: dyads.flatMap((d) => [
        `/api/events?dyad=${d}&limit=50`,
        `/api/events?dyad=${d}&from=2018-01-01&to=2020-12-31&quad=3,4&limit=50`,
        `/api/events?actor=${d.slice(0, 3)}&root=04,05&order=desc&limit=20&offset=100`,
      ]),
    },
    {
      name: "network",
      share: 0.15,
      paths: ["2016", "2019", "2022", "2024"].flatMap((y) => [
        `/api/network?from=${y}-01-01&to=${y}-12-31`,
        `/api/network?from=${y}-01-01&to=${y}-12-31&level=code&limit=200`,
      ]),
    },
    { name: "indicators", share: 0.1, paths: dyads.map((d) => `/api/indicators?dyad=${d}`) },
    { name: "event detail", share: 0.25, paths: ids.map((id) => `/api/events/${encodeURIComponent(id)}`) },
  ];
  const importN = Number(values["import-n"]);
  if (!Number.isInteger(importN) || importN <= 0)
    throw new Error(`invalid --import-n "${values["import-n"]}"`);
  const bodies = importBodies(importN, 50_000);
  const allPaths = classes.flatMap((c) => c.paths);
  console.log(
    `warm-up: ${allPaths.length} paths requested once in ${(await warmUp(base, allPaths)).toFixed(1)} s (not measured)`,
  );
  const conns = classes.map((c) => Math.max(1, Math.round(c.share * connections)));
  conns[0] += connections - conns.reduce((x, y) => x + y, 0);
  console.log(
    `mixed load: ${connections} connections for ${duration} s (${classes.map((c, i) => `${c.name} ${conns[i]}`).join(", ")}); one import of ${importN.toLocaleString("en-US")} events via POST /api/import in ${bodies.length} batches`,
  );
  const all: number[] = [];
  process.kill(pid, "SIGUSR2");
  const serverCpu0 = cpuSeconds(pid);
  const wall0 = performance.now();
  const runs = classes.map(
    (c, i) =>
      new Promise<{ r: AutocannonResult; lat: number[] }>((resolve, reject) => {
        const lat: number[] = [];
        const inst = autocannon(
          {
            url: base,
            connections: conns[i],
            duration,
            requests: c.paths.map((path) => ({ method: "GET", path })),
          },
          (err, r) => (err ? reject(err) : resolve({ r, lat })),
        );
        inst.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => {
          lat.push(ms);
          all.push(ms);
        });
      }),
  );
  // The import: batches in sequence, each bounded; stops issuing batches past duration + 30 s.
  const importing = (async () => {
    const t0 = performance.now();
    let rows = 0;
    let duringLoad = 0;
    let failures = 0;
    for (const body of bodies) {
      if (performance.now() - wall0 > (duration + 30) * 1000) break;
      const res = await fetch(`${base}/api/import`, {
        method: "POST",
        body,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
        signal: AbortSignal.timeout(120_000),
      });
      if (!res.ok) {
        failures++;
        console.log(`import batch: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
        continue;
      }
      const { inserted } = (await res.json()) as { inserted: number };
      rows += inserted;
      console.log(
        `  import batch committed at ${((performance.now() - wall0) / 1000).toFixed(1)} s (data version ${res.headers.get("x-yalu-data-version")})`,
      );
      if (performance.now() - wall0 <= duration * 1000) duringLoad += inserted;
    }
    return { rows, duringLoad, failures, seconds: (performance.now() - t0) / 1000, end: performance.now() };
  })();
  const [results, imp] = await Promise.all([
    Promise.all(runs).finally(() => process.kill(pid, "SIGUSR2")),
    importing,
  ]);
  const wall = (performance.now() - wall0) / 1000;
  const serverCpu1 = cpuSeconds(pid);
  const fmt = (xs: number[]) =>
    xs.length
      ? `p50 ${pct(xs, 0.5).toFixed(1)} ms, p99 ${pct(xs, 0.99).toFixed(1)} ms, max ${pct(xs, 1).toFixed(1)} ms`
      : "no responses";
  let errors = 0;
  for (const [i, { r, lat }] of results.entries()) {
    const e = r.errors + r.timeouts + r.non2xx;
    errors += e;
    console.log(
      `  ${classes[i].name.padEnd(18)} ${fmt(lat)}; ${r.requests.total.toLocaleString("en-US")} requests (${Math.round(r.requests.average)}/s); errors ${e}`,
    );
  }
  const total = results.reduce((s, { r }) => s + r.requests.total, 0);
  console.log(
    `  ${"overall".padEnd(18)} ${fmt(all)}; ${total.toLocaleString("en-US")} requests (${Math.round(total / duration)}/s); errors ${errors} (goal p99 < 100 ms, 0 errors)`,
  );
  console.log(
    `import during the load: ${imp.rows.toLocaleString("en-US")} events in ${imp.seconds.toFixed(1)} s = ${Math.round(imp.rows / imp.seconds).toLocaleString("en-US")} rows/s (${imp.duringLoad.toLocaleString("en-US")} committed within the ${duration} s read window; ${imp.failures} failed batches)`,
  );
  console.log(
    `server CPU ${serverCpu0 !== null && serverCpu1 !== null ? `${(serverCpu1 - serverCpu0).toFixed(1)} s` : "unknown"} over ${wall.toFixed(1)} s wall; load average ${readLoad()}`,
  );
  console.log(await freshness(base, allPaths, imp.end));
  if (errors > 0 || imp.failures > 0) process.exitCode = 1;
}

/**
 * How long after the import's last commit every path answers from the current data version
 * (`X-Yalu-Cache: fresh`), polling each path in turn for up to 120 s.
 */
async function freshness(base: string, paths: string[], importEnd: number): Promise<string> {
  const pending = new Set(paths);
  let version = "";
  while (pending.size && performance.now() - importEnd < 120_000) {
    for (const p of [...pending]) {
      const res = await fetch(`${base}${p}`, { signal: AbortSignal.timeout(120_000) });
      await res.arrayBuffer();
      const cache = res.headers.get("x-yalu-cache");
      if (cache === null) return "freshness: the server does not report X-Yalu-Cache";
      version = res.headers.get("x-yalu-data-version") ?? "";
      if (cache === "fresh") pending.delete(p);
    }
    if (pending.size) await new Promise((r) => setTimeout(r, 250));
  }
  const s = ((performance.now() - importEnd) / 1000).toFixed(1);
  return pending.size
    ? `freshness: ${pending.size} of ${paths.length} paths still stale ${s} s after the import's last commit`
    : `freshness: all ${paths.length} paths answer from data version ${version} ${s} s after the import's last commit`;
}

function readLoad(): string {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

if (values.serve) await serveChild(values.serve);
else await main();
