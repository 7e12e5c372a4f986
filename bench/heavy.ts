// npm run bench:heavy [-- --actors 120 --dimensions 3]: a cheap cached GET /api/events, asked again
// and again while one heavy POST /api/forecast/run is running on the same server (the shipped
// flagship record in a temp DuckDB file); prints the forecast's status and time and the GETs'
// p50, p99 and max. The forecast runs in a worker thread, so the GETs should not wait for it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startServer } from "../src/server/serve.ts";
import { openStore } from "../src/store/open.ts";

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

async function main() {
  const { values } = parseArgs({
    options: { actors: { type: "string", default: "120" }, dimensions: { type: "string", default: "3" } },
  });
  const [actors, dims] = [Number(values.actors), Number(values.dimensions)];
  const dir = mkdtempSync(join(tmpdir(), "yalu-bench-heavy-"));
  const store = await openStore(join(dir, "db.duckdb"), { flagship: true });
  const server = await startServer({ store, port: 0, host: "127.0.0.1", log: () => {} });
  const events = `${server.url}api/events?dyad=CHN-PRK&limit=20`;
  await (await fetch(events)).text();
  const start = performance.now();
  let done = false;
  const forecast = fetch(`${server.url}api/forecast/run`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario: heavyScenario(actors, dims) }),
  }).then(async (r) => {
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
  const status = await forecast;
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  process.stdout.write(
    `forecast ${actors} actors × ${dims} dimensions: ${status} in ${seconds.toFixed(1)} s; ` +
      `${times.length} GETs meanwhile: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms\n`,
  );
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
