import { describe, expect, it } from "vitest";
import { estimateSigma, pelt } from "../../src/analysis/changepoint.ts";

/** Optimal partitioning by exhaustive dynamic programming: the reference PELT must match. */
function bruteForce(x: number[], w: number[], beta: number, minSize: number): number[] {
  const n = x.length;
  const cost = (s: number, t: number) => {
    let ww = 0;
    let sx = 0;
    let sq = 0;
    for (let i = s; i < t; i++) {
      ww += w[i];
      sx += w[i] * x[i];
      sq += w[i] * x[i] * x[i];
    }
    return sq - (sx * sx) / ww;
  };
  const F = [-beta];
  const last = [0];
  for (let t = 1; t <= n; t++) {
    F[t] = Number.POSITIVE_INFINITY;
    for (let s = 0; s <= t - minSize; s++) {
      const v = F[s] + cost(s, t) + beta;
      if (v < F[t]) {
        F[t] = v;
        last[t] = s;
      }
    }
  }
  const cps: number[] = [];
  for (let t = n; t > 0; t = last[t]) if (last[t] > 0) cps.push(last[t]);
  return cps.reverse();
}

/** A small seeded generator (mulberry32) so the cases are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("PELT", () => {
  it("finds a clear shift in mean at the right bucket", () => {
    const x = [2, 2.2, 1.8, 2.1, -4, -3.8, -4.2, -4, 3, 3.1, 2.9];
    const w = x.map(() => 6);
    const seg = pelt(x, w, { sigma: 1 });
    expect(seg.changepoints).toEqual([4, 8]);
  });

  it("finds nothing in flat data", () => {
    const x = [1, 1.1, 0.9, 1, 1.05, 0.95, 1, 1];
    expect(
      pelt(
        x,
        x.map(() => 3),
      ).changepoints,
    ).toEqual([]);
  });

  it("returns the exact optimum of the penalised cost (checked against full dynamic programming)", () => {
    const random = rng(42);
    for (let round = 0; round < 40; round++) {
      const n = 5 + Math.floor(random() * 30);
      const x = Array.from({ length: n }, (_, i) => (i > n / 2 ? 3 : 0) + (random() - 0.5) * 4);
      const w = Array.from({ length: n }, () => 1 + Math.floor(random() * 8));
      const minSize = 1 + Math.floor(random() * 3);
      const seg = pelt(x, w, { sigma: 1, minSize, penalty: 2 + random() * 10 });
      expect(seg.changepoints).toEqual(bruteForce(x, w, seg.beta, minSize));
    }
  });

  it("estimates σ robustly from bucket means and defaults to 1 on degenerate input", () => {
    const random = rng(7);
    const w = Array.from({ length: 400 }, () => 4);
    const x = w.map(() => {
      // Mean of 4 draws of N(0, 2²) via Box–Muller.
      let s = 0;
      for (let k = 0; k < 4; k++)
        s += 2 * Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
      return s / 4;
    });
    expect(estimateSigma(x, w)).toBeGreaterThan(1.6);
    expect(estimateSigma(x, w)).toBeLessThan(2.4);
    expect(estimateSigma([1], [1])).toBe(1);
    expect(estimateSigma([2, 2, 2], [1, 1, 1])).toBe(1);
  });
});
