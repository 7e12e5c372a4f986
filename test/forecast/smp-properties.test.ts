import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runSmp } from "../../src/forecast/smp/run.ts";
import type { ForecastInput } from "../../src/forecast/types.ts";

/** Small random bargaining problems, including degenerate ones (shared positions, zero saliences). */
const problem = fc.integer({ min: 1, max: 3 }).chain((m) =>
  fc
    .array(
      fc.record({
        capability: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 200, noNaN: true })),
        position: fc.array(fc.oneof(fc.constant(50), fc.integer({ min: 0, max: 100 })), {
          minLength: m,
          maxLength: m,
        }),
        salience: fc.array(fc.integer({ min: 0, max: Math.floor(100 / m) }), { minLength: m, maxLength: m }),
      }),
      { minLength: 3, maxLength: 7 },
    )
    .map(
      (actors): ForecastInput => ({
        name: "random",
        description: "",
        dimensions: Array.from({ length: m }, (_, k) => `d${k}`),
        actors: actors.map((a, i) => ({ name: `A${i}`, ...a })),
      }),
    ),
);

describe("SMP invariants on random problems", () => {
  it("stays finite and in range; each turn's moves are interpolations of the old positions", () => {
    fc.assert(
      fc.property(problem, (input) => {
        const r = runSmp(input, { maxTurns: 15 });
        expect(r.stopTurn).toBeLessThanOrEqual(15);
        const m = input.dimensions.length;
        for (const t of r.turns) {
          for (const p of t.probabilities) {
            expect(Number.isFinite(p)).toBe(true);
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1 + 1e-9);
          }
          for (const x of t.positions.flat()) expect(Number.isFinite(x)).toBe(true);
        }
        // Every position ever held lies within the initial range on each dimension.
        for (let k = 0; k < m; k++) {
          const xs = input.actors.map((a) => a.position[k]);
          const lo = Math.min(...xs) - 0.01;
          const hi = Math.max(...xs) + 0.01;
          for (const t of r.turns) for (const row of t.positions) expect(row[k]).toBeGreaterThanOrEqual(lo);
          for (const t of r.turns) for (const row of t.positions) expect(row[k]).toBeLessThanOrEqual(hi);
        }
      }),
      { numRuns: 60, seed: 42 },
    );
  });
});
