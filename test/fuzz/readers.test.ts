import { describe, expect, it } from "vitest";
import { fuzzIsolated } from "./isolate.ts";
import { targets } from "./targets.ts";

/** Cases per target in `npm test` (`npm run fuzz` runs 10,000); a fixed seed keeps runs repeatable. */
const RUNS = 200;
const SEED = 42;

const all = await targets();

describe("fuzz: readers and the coder end in time with a clear, positioned error or a result", () => {
  for (const target of all.filter((t) => !t.known)) {
    it(`${target.name}: ${RUNS} cases`, async () => {
      expect(await fuzzIsolated(target.name, RUNS, SEED)).toBe(RUNS);
    }, 180_000);
  }
});
