import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { forecastCommand } from "../../src/cli/forecast.ts";
import { EUM_DIR } from "./ktab-log.ts";

/**
 * `--eu variant=scholz-code` against the reference run of Scholz et al.'s code on the EU
 * emission-standards case (../shared/reference/bargaining/eum): every actor's position for
 * rounds 0–10, and the risk exponent each round's moves were made with, to 1e-6.
 */
const TRACE = `${EUM_DIR}/scholz-code-emission-standards.trace.json`;
const INPUT = `${EUM_DIR}/emission-standards.txt`;
const have = existsSync(TRACE) && existsSync(INPUT);
if (!have) {
  if (process.env.CI === "true") throw new Error(`${TRACE} is missing: CI must have ../shared`);
  console.warn(`skipping the scholz-code reference-run test: ${TRACE} is absent`);
}

interface TraceRound {
  round: number;
  positions: Record<string, number>;
  risk?: Record<string, number>;
}

interface JsonRound {
  round: number;
  positions: Record<string, number>;
  risk: Record<string, number>;
}

describe.skipIf(!have)("expected utility, variant scholz-code: the emission-standards reference run", () => {
  const trace: { rounds: TraceRound[] } = have ? JSON.parse(readFileSync(TRACE, "utf8")) : { rounds: [] };

  /** Every position and risk exponent of `file`'s scholz-code run against the trace; returns how many. */
  async function compare(file: string): Promise<number> {
    const out: string[] = [];
    await forecastCommand(file, { model: "eu", eu: ["variant=scholz-code"], json: true }, (s) => out.push(s));
    const j = JSON.parse(out.join("\n"));
    expect(j.variant).toBe("scholz-code");
    const rounds: JsonRound[] = j.perDimension[0].rounds;
    expect(rounds.map((r) => r.round)).toEqual(trace.rounds.map((r) => r.round));
    let compared = 0;
    for (const t of trace.rounds) {
      const ours = rounds[t.round];
      expect(Object.keys(ours.positions).sort()).toEqual(Object.keys(t.positions).sort());
      for (const [actor, x] of Object.entries(t.positions)) {
        expect(Math.abs(ours.positions[actor] - x), `${actor} round ${t.round}`).toBeLessThanOrEqual(1e-6);
        compared++;
      }
      // The trace's round k lists the exponents the k-th moves used: ours were computed in round k − 1.
      for (const [actor, r] of Object.entries(t.risk ?? {})) {
        const ourR = rounds[t.round - 1].risk[actor];
        expect(Math.abs(ourR - r), `${actor} r round ${t.round}`).toBeLessThanOrEqual(1e-6);
        compared++;
      }
    }
    return compared;
  }

  it("yalu forecast --model eu --eu variant=scholz-code gives every position and risk exponent to 1e-6", async () => {
    expect(await compare(INPUT)).toBe(10 * 11 + 10 * 10);
  });

  it("the same numbers in the CSV layout of jmckib's ExampleActors.csv give the same run", async () => {
    const rows = readFileSync(INPUT, "utf8")
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.split("\t").map((c) => c.trim()));
    const dir = mkdtempSync(join(tmpdir(), "yalu-eum-"));
    const csv = join(dir, "ExampleActors.csv");
    writeFileSync(
      csv,
      ["Actor,Capability,Position,Salience", ...rows.map(([n, x, c, s]) => `${n},${c},${x},${s}`)].join("\n"),
    );
    try {
      expect(await compare(csv)).toBe(10 * 11 + 10 * 10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the default variant (scholz-paper) is a different model on the same input", async () => {
    const out: string[] = [];
    await forecastCommand(INPUT, { model: "eu", json: true }, (s) => out.push(s));
    const j = JSON.parse(out.join("\n"));
    expect(j.variant).toBe("scholz-paper");
    const belgium = j.perDimension[0].rounds.map((r: JsonRound) => r.positions.Belgium);
    expect(belgium).not.toEqual(trace.rounds.map((r) => r.positions.Belgium));
  });
});
