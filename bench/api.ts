// npm run bench:api [-- --n 1000000 --duration 20 --connections 64 --db PATH]: load N synthetic
// events into a temporary DuckDB (or reuse --db PATH when it exists; a new --db PATH is kept), serve
// the API on 127.0.0.1 in a child process, drive GET /api/series with autocannon (bounded, ≤ 30 s)
// and report p50/p99 latency, errors, and the CPU the load generator and the server each used.
// Goal: p99 < 100 ms, 0 errors.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readGdelt } from "../src/formats/gdelt.ts";
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
type Autocannon = (opts: object, cb: (err: Error | null, r: AutocannonResult) => void) => unknown;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "1000000" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "64" },
    serve: { type: "string" },
    db: { type: "string" },
  },
});

/** Child mode: serve the API over an existing database on loopback and print the URL. */
async function serveChild(db: string): Promise<void> {
  const store = await openDuckDBStore(db);
  const server = await startServer({ store, port: 0, host: "127.0.0.1", webRoot: null, log: () => {} });
  process.stdout.write(`${server.url}\n`);
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

    child = spawn(process.execPath, ["--import", "tsx", new URL(import.meta.url).pathname, "--serve", db], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
      child!.once("exit", (code) => reject(new Error(`server exited (${code})`)));
    });
    const base = url.replace("localhost", "127.0.0.1").replace(/\/$/, "");
    console.log(
      `server ${base}; ${connections} connections for ${duration} s over ${PATHS.length} series queries`,
    );
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

function readLoad(): string {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

if (values.serve) await serveChild(values.serve);
else await main();
