import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { weightedMean, weightedMedian } from "../../src/forecast/baselines.ts";
import { expectedUtility, probability, runEu } from "../../src/forecast/eu.ts";
import { readEuTable } from "../../src/forecast/io/eum.ts";
import { EUM_DIR, haveEum } from "./ktab-log.ts";

const file = `${EUM_DIR}/emission-standards.txt`;

describe.skipIf(!haveEum)("expected-utility model: the EU emission-standards case", () => {
  const text = haveEum ? readFileSync(file, "utf8") : "";
  const actors = haveEum ? readEuTable(text, "emission-standards.txt") : [];
  // The table's own numbers, read independently of the reader under test.
  const rows = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split("\t").map((c) => c.trim()));

  it("reads every actor with position, capability and salience", () => {
    expect(actors.map((a) => a.name)).toEqual(rows.map((r) => r[0]));
    expect(actors.map((a) => [a.position, a.capability, a.salience])).toEqual(
      rows.map((r) => [Number(r[1]), Number(r[2]), Number(r[3])]),
    );
  });

  it("round 0: the forecast starts at the c·s-weighted median, beside the c·s-weighted mean", () => {
    const r = runEu(actors);
    const xs = rows.map((row) => Number(row[1]));
    const ws = rows.map((row) => Number(row[2]) * Number(row[3]));
    expect(r.rounds[0].median).toBe(weightedMedian(xs, ws));
    expect(r.rounds[0].mean).toBeCloseTo(weightedMean(xs, ws), 12);
    expect(r.rounds).toHaveLength(11);
  });

  it("P_i(i,j) + P_j(j,i) = 1 and EU with r = 1, Q = 1 reduces to 2d[s_j(2P−1) + 1 − s_j]", () => {
    const x = actors.map((a) => a.position);
    const c = actors.map((a) => a.capability);
    const s = actors.map((a) => a.salience);
    const w = c.map((ck, k) => ck * s[k]);
    const delta = Math.max(...x) - Math.min(...x);
    const ctx = { x, c, s, w, delta, mu: 7, o: { ...runEu(actors, { rounds: 0 }).options } };
    for (let i = 0; i < x.length; i++) {
      for (let j = 0; j < x.length; j++) {
        if (x[i] === x[j]) continue;
        expect(probability(ctx, i, j) + probability(ctx, j, i)).toBeCloseTo(1, 12);
        const d = Math.abs(x[i] - x[j]) / delta;
        const p = probability(ctx, i, j);
        expect(expectedUtility(ctx, i, j, 1)).toBeCloseTo(2 * d * (s[j] * (2 * p - 1) + 1 - s[j]), 12);
      }
    }
  });

  it("security-based risk exponents span [½, 2]; the variants are recorded and change the run", () => {
    const r = runEu(actors);
    expect(Math.min(...r.rounds[0].risk)).toBeCloseTo(0.5, 12);
    expect(Math.max(...r.rounds[0].risk)).toBeCloseTo(2, 12);
    const neutral = runEu(actors, { risk: "neutral" });
    expect(neutral.rounds[0].risk.every((x) => x === 1)).toBe(true);
    const code = runEu(actors, { probabilityDenominator: "global", perspective: "evaluator" });
    expect(code.options.probabilityDenominator).toBe("global");
    expect(code.rounds.map((x) => x.median)).not.toEqual(r.rounds.map((x) => x.median));
    for (const round of [...r.rounds, ...code.rounds]) {
      for (const x of round.positions) expect(x).toBeGreaterThanOrEqual(4);
      for (const x of round.positions) expect(x).toBeLessThanOrEqual(10);
    }
  });
});

describe("weighted median", () => {
  it("beats or ties every other position in pairwise c·s-weighted votes (1-D, linear loss)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 100 }), w: fc.integer({ min: 1, max: 50 }) }), {
          minLength: 3,
          maxLength: 12,
        }),
        (as) => {
          const xs = as.map((a) => a.x);
          const ws = as.map((a) => a.w);
          const m = weightedMedian(xs, ws);
          for (const y of xs) {
            let votes = 0;
            for (let k = 0; k < xs.length; k++) votes += ws[k] * (Math.abs(xs[k] - y) - Math.abs(xs[k] - m));
            expect(votes).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
