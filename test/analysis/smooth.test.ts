import { describe, expect, it } from "vitest";
import { runningMedian3 } from "../../src/analysis/smooth.ts";

describe("runningMedian3", () => {
  it("replaces a one-period spike and keeps a shift held for two periods, edge and all", () => {
    expect(runningMedian3([2, 2, -6, 2, 2])).toEqual([2, 2, 2, 2, 2]);
    expect(runningMedian3([2, 2, -6, -6, 2, 2])).toEqual([2, 2, -6, -6, 2, 2]);
    expect(runningMedian3([3, 3, 3, -2, -2, -2])).toEqual([3, 3, 3, -2, -2, -2]);
  });

  it("smooths the ends by Tukey's rule: a lone last value against a level gives way, a trend goes on", () => {
    expect(runningMedian3([1, 1, 1, 1, -7])).toEqual([1, 1, 1, 1, 1]);
    expect(runningMedian3([1, 2, 3, 4, 9])).toEqual([1, 2, 3, 4, 6]);
    expect(runningMedian3([8, 2, 2])).toEqual([2, 2, 2]);
    expect(runningMedian3([5, 1])).toEqual([5, 1]);
    expect(runningMedian3([])).toEqual([]);
  });

  it("a change to one value reaches only its neighbours, within the values beside them", () => {
    const x = [2.5, 3.1, -0.4, 1.9, 4.2, 2.2, -1.3, 2.0, 2.3, 3.4, 3.3, 2.5];
    const before = runningMedian3(x);
    for (let i = 0; i < x.length; i++) {
      for (const v of [-10, 0, 10]) {
        const y = [...x];
        y[i] = v;
        const after = runningMedian3(y);
        after.forEach((s, j) => {
          // An end value follows the two smoothed values beside it, so it may move when i is within 3.
          const end = (j === 0 && i <= 3) || (j === x.length - 1 && i >= x.length - 4);
          if (Math.abs(j - i) > 1 && !end) expect(s).toBe(before[j]);
          if (Math.abs(j - i) === 1 && j > 0 && j < x.length - 1) {
            const others = [x[j - 1], x[j], x[j + 1]].filter((_, k) => j - 1 + k !== i);
            expect(s).toBeGreaterThanOrEqual(Math.min(...others));
            expect(s).toBeLessThanOrEqual(Math.max(...others));
          }
        });
      }
    }
  });
});
