// npm run bench:phases [-- --dyad CHN-PRK --record DIR --bucket year --articles 4 --window 2 --seed 1
// --raw --verbose]: how stable a dyad's phases are under small changes of the record. Each run loads
// the flagship record (or events.jsonl and trade.csv in --record DIR) into a fresh in-memory DuckDB
// store with one change, and computes the whole record's phases as `yalu phases` and /api/phases do
// (loadPhases; --raw: without the running median, as before it), twice in each run: as now, and
// with phases called on any record ("always": minPeriodEvents 1, as before thin records were refused):
//   - add one article: 1-5 events of the dyad on one day, `--articles` per year of the dyad's span,
//     alternately with codes drawn independently from the dyad's own events and with one drawn code
//     repeated (an article reporting one thing, coded several times);
//   - drop one event: each of the dyad's events in turn.
// A boundary (turning point) that appears, disappears or moves counts as moved, at its distance in
// observed periods (non-empty buckets, the model's observations) from the period changed. Boundaries
// moving more than --window periods away are the defect measured: a local change moving phases far
// ("of which by one bucket": runs whose far moves are all a boundary going to the adjacent observed
// bucket, a boundary wavering between two periods rather than a re-split).
import { parseArgs } from "node:util";
import { loadPhases, periodOf } from "../src/analysis/index.ts";
import { type Bucket, dateStart, type Event, normalizeEvent } from "../src/model/index.ts";
import { mulberry32 } from "../src/parse/train.ts";
import { readFlagship } from "../src/store/flagship.ts";
import { openStore } from "../src/store/index.ts";

const { values } = parseArgs({
  options: {
    dyad: { type: "string", default: "CHN-PRK" },
    record: { type: "string" },
    bucket: { type: "string", default: "year" },
    articles: { type: "string", default: "4" },
    window: { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
    raw: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});
const [a, b] = values.dyad.split("-");
const articles = Number(values.articles);
const window = Number(values.window);
if (!a || !b) throw new Error(`invalid --dyad "${values.dyad}"`);
if (!Number.isInteger(articles) || articles < 0) throw new Error(`invalid --articles "${values.articles}"`);
if (!Number.isInteger(window) || window < 0) throw new Error(`invalid --window "${values.window}"`);
const bucket = values.bucket as Bucket;
if (!["day", "month", "quarter", "year"].includes(bucket)) throw new Error(`invalid --bucket "${bucket}"`);
const dyad = { a, b };

// Seeded: the same perturbations on every run.
const random = mulberry32(Number(values.seed));
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];

interface Result {
  boundaries: string[];
  labels: string[];
  observed: string[];
  called: boolean;
}

/** How phases are called: as now, and on any record (before thin records were refused). */
const MODELS = { now: {}, always: { minPeriodEvents: 1 } } as const;
type Model = keyof typeof MODELS;
type Run = Record<Model, Result>;

/** The whole record's phases of the dyad with `events` in a fresh store, under each model. */
async function run(events: Event[]): Promise<Run> {
  const store = await openStore(":memory:", { flagship: false });
  try {
    await store.importEvents(events);
    const one = async (model: Model): Promise<Result> => {
      const options = { smooth: !values.raw, ...MODELS[model] };
      const r = await loadPhases(store, { dyad }, bucket, options, { evidence: 0 });
      return {
        boundaries: r.turningPoints.map((t) => t.period),
        labels: r.thin ? ["no phases (too few events)"] : r.phases.map((p) => `${p.from}–${p.to} ${p.label}`),
        observed: r.series.filter((p) => p.both.count > 0).map((p) => p.period),
        called: !r.thin,
      };
    };
    return { now: await one("now"), always: await one("always") };
  } finally {
    await store.close();
  }
}

const { events: record } = await readFlagship(values.record);
const probe = await openStore(":memory:", { flagship: false });
await probe.importEvents(record);
const dyadEvents = await probe.queryEvents({ dyad, limit: 100_000 });
await probe.close();
const base = await run(record);
const years = dyadEvents.map((e) => Number(e.date.slice(0, 4)));
const [first, last] = [Math.min(...years), Math.max(...years)];

/** One plausible article: `k` events of the dyad on one day of `year`. */
function article(year: number, k: number, oneCode: boolean, n: number): Event[] {
  const day = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-15`;
  const lead = pick(dyadEvents);
  return Array.from({ length: k }, (_, i) => {
    const e = oneCode ? lead : pick(dyadEvents);
    return normalizeEvent({
      date: day,
      source: e.source,
      target: e.target,
      cameo: e.cameo,
      description: `perturbation ${n}, event ${i + 1} of ${k}`,
      // Each event from its own sentence of the article: the store keeps events with one content id once.
      evidence: {
        docId: `perturbation-${n}`,
        sentence: `Sentence ${i + 1}.`,
        start: null,
        end: null,
        citation: null,
      },
    });
  });
}

interface Change {
  kind: "add" | "drop";
  what: string;
  at: string;
  run: Run;
}
type Moved = { period: string; distance: number; shift: boolean }[];

/** Boundaries in one run and not the other, each with its distance in observed buckets from `at`. */
function compare(r: Result, base: Result, at: string): Moved {
  const observed = new Set([...base.observed, ...r.observed]);
  const distance = (p: string) => {
    const [lo, hi] = p < at ? [p, at] : [at, p];
    return [...observed].filter((o) => o > lo && o <= hi).length;
  };
  const inBase = new Set(base.boundaries);
  const inRun = new Set(r.boundaries);
  const gone = base.boundaries.filter((p) => !inRun.has(p));
  const come = r.boundaries.filter((p) => !inBase.has(p));
  // A boundary that went to the next or previous observed bucket: one boundary shifted, not a re-split.
  const order = [...observed].sort();
  const adjacent = (p: string, q: string) => Math.abs(order.indexOf(p) - order.indexOf(q)) === 1;
  const shifted = (p: string, others: string[]) => others.some((q) => adjacent(p, q));
  return [
    ...gone.map((period) => ({ period, distance: distance(period), shift: shifted(period, come) })),
    ...come.map((period) => ({ period, distance: distance(period), shift: shifted(period, gone) })),
  ].sort((x, y) => x.period.localeCompare(y.period));
}

const started = performance.now();
const changes: Change[] = [];
let n = 0;
for (let year = first; year <= last; year++) {
  for (let i = 0; i < articles; i++) {
    const k = 1 + Math.floor(random() * 5);
    const oneCode = i % 2 === 1;
    const added = article(year, k, oneCode, ++n);
    const r = await run([...record, ...added]);
    const at = periodOf(added[0].date, bucket);
    const codes = added.map((e) => e.cameo).join(",");
    changes.push({ kind: "add", what: `+${k} (${codes})`, at, run: r });
  }
}
for (const e of dyadEvents) {
  const r = await run(record.filter((x) => x.id !== e.id));
  const at = periodOf(dateStart(e.date), bucket);
  changes.push({ kind: "drop", what: `-${e.date} ${e.cameo}`, at, run: r });
}
const seconds = (performance.now() - started) / 1000;

const pct = (k: number, of: number) => `${k}/${of} (${((100 * k) / of).toFixed(1)}%)`;
console.log(`${values.dyad} per ${bucket}: ${dyadEvents.length} events ${first}–${last}`);
console.log(
  `${changes.length} runs in ${seconds.toFixed(0)} s; boundaries moved more than ${window} buckets away`,
);
for (const model of ["always", "now"] as const) {
  const moved = (c: Change) => compare(c.run[model], base[model], c.at);
  const title = model === "now" ? "as now" : "phases called on any record (minPeriodEvents 1, before)";
  console.log(`\n${title}: whole-record phases ${base[model].labels.join(", ")}\n`);
  console.log(
    "change         runs  phases called      any boundary moved  moved > window  of which by one bucket  farthest (buckets)",
  );
  for (const kind of ["add", "drop"] as const) {
    const cs = changes.filter((c) => c.kind === kind);
    const far = cs.filter((c) => moved(c).some((m) => m.distance > window));
    const farthest = Math.max(0, ...cs.flatMap((c) => moved(c).map((m) => m.distance)));
    const called = cs.filter((c) => c.run[model].called).length;
    // Runs whose far moves are all one boundary going to the adjacent observed bucket.
    const byOne = far.filter((c) => moved(c).every((m) => m.distance <= window || m.shift)).length;
    console.log(
      `${(kind === "add" ? "add an article" : "drop an event").padEnd(14)} ${String(cs.length).padStart(4)}  ${pct(called, cs.length).padEnd(17)}  ${pct(cs.filter((c) => moved(c).length).length, cs.length).padEnd(18)}  ${pct(far.length, cs.length).padEnd(14)}  ${String(byOne).padEnd(22)}  ${farthest}`,
    );
  }
  const far = changes.filter((c) => moved(c).some((m) => m.distance > window));
  const byPeriod = new Map<string, number>();
  for (const c of far)
    for (const m of moved(c))
      if (m.distance > window) byPeriod.set(m.period, (byPeriod.get(m.period) ?? 0) + 1);
  if (byPeriod.size)
    console.log(
      `\nfar boundaries, by period (runs): ${[...byPeriod]
        .sort((x, y) => y[1] - x[1])
        .map(([p, k]) => `${p} ${k}`)
        .join(", ")}`,
    );
  const shapes = new Map<string, number>();
  for (const c of changes) {
    const shape = c.run[model].labels.join(", ");
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
  }
  console.log("\nsegmentations seen (runs):");
  for (const [shape, k] of [...shapes].sort((x, y) => y[1] - x[1]).slice(0, 8))
    console.log(`  ${String(k).padStart(4)}  ${shape}`);
  if (values.verbose)
    for (const c of far)
      console.log(
        `  ${c.at} ${c.what}: ${moved(c)
          .map((m) => `${m.period} (${m.distance})`)
          .join(" ")}`,
      );
}
