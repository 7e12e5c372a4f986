import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { QuadClass } from "../../src/model/event.ts";
import type { AggregateRow, Bucket, EventQuery } from "../../src/model/index.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";
import { openDuckDBStore } from "../../src/store/duckdb/index.ts";
import { CREATE_SCHEMA } from "../../src/store/duckdb/schema.ts";
import { compactSummary, ensureSummary, summaryAnswers } from "../../src/store/duckdb/summary.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-summary-"));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CODES = ["CHN", "CHNGOV", "CHNMIL", "PRK", "PRKGOV", "USA", "USAGOV", "IGOUNO", "IGOUNOSEC", "RUS"];
const PREFIXES = ["", "C", "CH", "CHN", "CHNGOV", "PRK", "PR", "USA", "USAGOV", "IGO", "IGOUNO", "R"];
const CAMEO = ["010", "036", "042", "043", "057", "112", "138", "163", "190", "1041"];
const DATES = [
  "2010",
  "2011-03",
  "2011-03-01",
  "2011-03-15",
  "2011-03-31",
  "2012-02",
  "2012-02-29",
  "2013-12-31",
];
const BUCKETS: Bucket[] = ["day", "month", "quarter", "year"];

const date = fc
  .tuple(
    fc.integer({ min: 2009, max: 2014 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .chain(([y, m, d]) => {
    const mm = String(m).padStart(2, "0");
    return fc.constantFrom(`${y}`, `${y}-${mm}`, `${y}-${mm}-${String(d).padStart(2, "0")}`);
  });

const event = fc
  .record({
    date,
    source: fc.constantFrom(...CODES),
    target: fc.constantFrom(...CODES),
    cameo: fc.constantFrom(...CAMEO),
    doc: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map((r) =>
    normalizeEvent({
      date: r.date,
      source: { code: r.source, country: null, name: null },
      target: { code: r.target, country: null, name: null },
      cameo: r.cameo,
      evidence: { docId: `doc-${r.doc}` },
    }),
  );

const prefix = fc.constantFrom(...PREFIXES);
/** Queries of every shape; now and then with a filter only the events can answer. */
const query: fc.Arbitrary<EventQuery> = fc
  .tuple(
    fc.record(
      {
        dyad: fc.record({ a: prefix, b: prefix, directed: fc.boolean() }),
        actor: prefix,
        source: prefix,
        target: prefix,
        quadClass: fc.subarray<QuadClass>([1, 2, 3, 4], { minLength: 1 }),
        from: fc.constantFrom(...DATES),
        to: fc.constantFrom(...DATES),
      },
      { requiredKeys: [] },
    ),
    fc.oneof(
      { weight: 6, arbitrary: fc.constant<EventQuery>({}) },
      fc.constant<EventQuery>({ cameo: ["04"] }),
      fc.constant<EventQuery>({ root: ["19"] }),
      fc.constant<EventQuery>({ text: "doc" }),
    ),
  )
  .map(([filters, exactOnly]) => ({ ...filters, ...exactOnly }));

/** Goldstein sums agree up to the order floating-point additions were done in. */
const rounded = (rows: AggregateRow[]) =>
  rows.map((r) => ({ ...r, goldsteinSum: Math.round(r.goldsteinSum * 1e6) / 1e6 }));

describe("duckdb: the dyad_months summary", () => {
  it("answers aggregate exactly as the events do, after imports and deletions", async () => {
    let viaSummary = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(event, { maxLength: 40 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 15 }),
        fc.array(fc.tuple(query, fc.constantFrom(...BUCKETS)), { minLength: 1, maxLength: 12 }),
        async (batches, deletions, queries) => {
          const store = await openDuckDBStore(join(dir, `db${++n}.duckdb`));
          try {
            for (const batch of batches) await store.importEvents(batch);
            const all = batches.flat();
            if (all.length) await store.deleteEvents(deletions.map((i) => all[i % all.length].id));
            if (batches.length > 1) await store.importEvents(batches[0]);
            for (const [q, bucket] of queries) {
              if (summaryAnswers(q, bucket)) viaSummary++;
              expect(rounded(await store.aggregate(q, bucket))).toEqual(
                rounded(await store.aggregateEvents(q, bucket)),
              );
            }
          } finally {
            await store.close();
          }
        },
      ),
      { seed: 42, numRuns: 40 },
    );
    expect(viaSummary).toBeGreaterThan(20);
  }, 120_000);

  it("folds appended rows into one per key, dropping keys whose events were all deleted", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const c = await instance.connect();
    for (const sql of CREATE_SCHEMA) await c.run(sql);
    await ensureSummary(c);
    const row = (source: string, n: number, g: number) =>
      `('${source}', 'PRK', DATE '2013-02-01', DATE '2013-02-01', 4, ${n}, ${g})`;
    await c.run(
      `INSERT INTO dyad_months VALUES ${[row("CHN", 2, -9.5), row("CHN", 1, -1), row("USA", 1, 3), row("USA", -1, -3)]}`,
    );
    await compactSummary(c, 0, 0);
    const rows = await c.runAndReadAll("SELECT source_code, n::INTEGER AS n, goldstein FROM dyad_months");
    expect(rows.getRowObjectsJS()).toEqual([{ source_code: "CHN", n: 3, goldstein: -10.5 }]);
    await compactSummary(c, 0, 0); // 1 row is not more than twice the 1 row folded: nothing to do
    c.closeSync();
    instance.closeSync();
  });

  it("is built for a database made before it", async () => {
    const path = join(dir, "old.duckdb");
    const store = await openDuckDBStore(path);
    const events = fc.sample(event, { seed: 7, numRuns: 50 });
    await store.importEvents(events);
    await store.close();
    const instance = await DuckDBInstance.create(path);
    const c = await instance.connect();
    await c.run("DROP TABLE dyad_months");
    c.closeSync();
    instance.closeSync();
    const reopened = await openDuckDBStore(path);
    const q: EventQuery = { dyad: { a: "CHN", b: "PRK" } };
    expect(rounded(await reopened.aggregate(q, "year"))).toEqual(
      rounded(await reopened.aggregateEvents(q, "year")),
    );
    expect((await reopened.aggregate({}, "year")).reduce((s, r) => s + r.count, 0)).toBe(
      await reopened.countEvents({}),
    );
    await reopened.close();
  });
});
