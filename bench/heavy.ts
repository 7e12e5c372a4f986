// npm run bench:heavy [-- --actors 120 --dimensions 3]: a cheap cached GET /api/events, asked again
// and again while one heavy POST /api/forecast/run is running on the same server (the shipped
// flagship record in a temp DuckDB file); prints the forecast's status and time and the GETs'
// p50, p99 and max. The forecast runs in a worker thread, so the GETs should not wait for it.
// `--request network [--codes 3000]`: instead, one uncached GET /api/network?level=code&limit=5000
// over the flagship and 20,000 events among `codes` actor codes. `--request check [--events 300000]`:
// one POST /api/check of 200 claims over the flagship and `events` synthetic GDELT events.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readGdelt } from "../src/formats/gdelt.ts";
import { normalizeEvent } from "../src/model/normalize.ts";
import { MAX_CLAIMS } from "../src/server/routes/check.ts";
import { startServer } from "../src/server/serve.ts";
import { openStore } from "../src/store/open.ts";
import type { Store } from "../src/store/store.ts";
import { generateGdelt2 } from "./synthetic.ts";

/** A posted scenario of `actors` actors on `dims` dimensions: 80 × 3 is about half a second of SMP. */
export function heavyScenario(actors: number, dims: number) {
  const dimensions = Array.from({ length: dims }, (_, d) => ({ id: `d${d}`, name: `D${d}`, scale: "0–100" }));
  const per = (f: (j: number) => number) =>
    Object.fromEntries(dimensions.map((d, j) => [d.id, { value: f(j), why: "generated" }]));
  return {
    name: "heavy",
    description: "many actors",
    seed: 1,
    dimensions,
    actors: Array.from({ length: actors }, (_, i) => ({
      name: `A${i}`,
      capability: { value: 10 + ((i * 37) % 90), why: "generated" },
      positions: per((j) => (i * 13 + j * 29) % 101),
      saliences: per(() => Math.floor(90 / dims)),
    })),
  };
}

/** `n` events among `codes` actors (deterministic, codes AAA, AAB, …): thousands of nodes. */
export function manyActors(n: number, codes: number) {
  const code = (i: number) =>
    [26 ** 2, 26, 1].map((d) => String.fromCharCode(65 + (Math.floor(i / d) % 26))).join("");
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: n }, (_, i) => {
    const [a, b] = [code(Math.floor(next() * codes)), code(Math.floor(next() * codes))];
    return normalizeEvent({
      date: `20${String(10 + (i % 10))}-01-01`,
      source: { code: a, country: a, name: null },
      target: { code: b, country: b, name: null },
      cameo: next() < 0.5 ? "042" : "190",
    });
  });
}

/** The most claims a request may check, each reading as much as a claim can (thousands of events). */
function heavyClaims() {
  const dyads = ["USA-CHN", "RUS-UKR", "IND-PAK", "ISR-IRN", "JPN-KOR", "CHN-PRK", "GBR-FRA", "TUR-SYR"];
  return Array.from({ length: MAX_CLAIMS }, (_, i) => {
    const dyad = dyads[i % dyads.length];
    const period = `${1995 + (i % 25)}..2025`;
    if (i % 3 === 0) return { dyad, period, claim: "absent", mentions: "Actor" };
    if (i % 3 === 1) return { dyad, period, claim: "event", root: "04" };
    return { dyad, period, claim: i % 2 ? "improved" : "cooperative" };
  });
}

/** The heavy request, its store filled for it first. */
async function heavyRequest(kind: string, store: Store, dir: string, values: Record<string, string>) {
  if (kind === "network") {
    await store.importEvents(manyActors(20_000, Number(values.codes)));
    return { what: `GET /api/network over ${values.codes} codes`, path: "api/network?level=code&limit=5000" };
  }
  if (kind === "check") {
    const file = join(dir, "events.csv");
    await generateGdelt2(file, Number(values.events));
    await store.importEvents(readGdelt(file));
    const body = JSON.stringify(heavyClaims());
    return {
      what: `POST /api/check of ${MAX_CLAIMS} claims over ${values.events} more events`,
      path: "api/check",
      init: { method: "POST", headers: { "content-type": "application/json" }, body },
    };
  }
  const [actors, dims] = [Number(values.actors), Number(values.dimensions)];
  return {
    what: `forecast ${actors} actors × ${dims} dimensions`,
    path: "api/forecast/run",
    init: {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: heavyScenario(actors, dims) }),
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      request: { type: "string", default: "forecast" },
      actors: { type: "string", default: "120" },
      dimensions: { type: "string", default: "3" },
      codes: { type: "string", default: "3000" },
      events: { type: "string", default: "300000" },
    },
  });
  const dir = mkdtempSync(join(tmpdir(), "yalu-bench-heavy-"));
  const store = await openStore(join(dir, "db.duckdb"), { flagship: true });
  const heavy = await heavyRequest(values.request, store, dir, values);
  const server = await startServer({ store, port: 0, host: "127.0.0.1", log: () => {} });
  const events = `${server.url}api/events?dyad=CHN-PRK&limit=20`;
  await (await fetch(events)).text();
  const start = performance.now();
  let done = false;
  const request = fetch(`${server.url}${heavy.path}`, heavy.init).then(async (r) => {
    await r.text();
    done = true;
    return r.status;
  });
  const times: number[] = [];
  while (!done) {
    const t = performance.now();
    await (await fetch(events)).text();
    times.push(performance.now() - t);
  }
  const status = await request;
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  process.stdout.write(
    `${heavy.what}: ${status} in ${seconds.toFixed(1)} s; ` +
      `${times.length} GETs meanwhile: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms\n`,
  );
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
