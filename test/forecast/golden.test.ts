import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { forecast } from "../../src/forecast/forecast.ts";
import { loadForecastFile } from "../../src/forecast/io/input.ts";
import { readGolden } from "../golden.ts";

/**
 * Golden file for the shipped scenarios' forecasts (SMP and EU, base and variant). On a mismatch
 * the new output is written beside it as `-changed` for review; copy it over to accept, or rewrite
 * it with `YALU_WRITE_GOLDEN=1 npx vitest run test/forecast/golden.test.ts`.
 */
const GOLDEN = "test/forecast/golden/china-dprk.json";
const round = (x: number) => Math.round(x * 1e4) / 1e4;

async function summary() {
  const out: Record<string, unknown> = {};
  for (const name of ["china-dprk", "china-dprk-secondary-sanctions"]) {
    const s = await loadForecastFile(`data/scenarios/${name}.yaml`);
    for (const model of ["smp", "eu"] as const) {
      const f = forecast(s.input, { model });
      out[`${name}/${model}`] = {
        turns: f.turns,
        outcome: f.outcome.map(round),
        expected: f.expected.map(round),
        baselines: {
          compromise: f.baselines.compromise.map(round),
          weightedMedian: f.baselines.weightedMedian,
        },
        finalPositions: Object.fromEntries(f.actors.map((a, i) => [a, f.finalPositions[i].map(round)])),
      };
    }
  }
  return out;
}

describe("golden forecasts of the shipped scenarios", () => {
  it("match test/forecast/golden/china-dprk.json", async () => {
    const actual = JSON.parse(JSON.stringify(await summary()));
    expect(actual).toEqual(readGolden(GOLDEN, actual));
  });
});

describe("golden files", () => {
  const dir = mkdtempSync(join(tmpdir(), "yalu-golden-"));
  const path = join(dir, "g.json");
  const changed = join(dir, "g-changed.json");

  it("fail when missing, saying how to write one, and write nothing", () => {
    expect(() => readGolden(path, { a: 1 }, { write: false })).toThrow(
      /missing golden file .*g\.json: write it with YALU_WRITE_GOLDEN=1/,
    );
    expect(existsSync(path)).toBe(false);
  });

  it("are written only on request, never in CI, and a mismatch leaves a -changed copy", () => {
    expect(() => readGolden(path, { a: 1 }, { write: true, ci: true })).toThrow("refused in CI");
    expect(existsSync(path)).toBe(false);
    expect(readGolden(path, { a: 1 }, { write: true, ci: false })).toEqual({ a: 1 });
    expect(readGolden(path, { a: 2 }, { write: false })).toEqual({ a: 1 });
    expect(JSON.parse(readFileSync(changed, "utf8"))).toEqual({ a: 2 });
    expect(readGolden(path, { a: 1 }, { write: false })).toEqual({ a: 1 });
    expect(existsSync(changed)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
