import { describe, expect, it } from "vitest";
import { readKtabCsv, readKtabXml } from "../../src/forecast/io/ktab.ts";
import { runSmp, type SmpResult } from "../../src/forecast/smp/run.ts";
import { haveKtab, parseHistory, readKtab } from "./ktab-log.ts";

/** Compare a run with a KTAB history to the printed precision (0.05 on positions, 5e-5 on p). */
function expectMatchesHistory(result: SmpResult, logText: string) {
  const h = parseHistory(logText);
  expect(result.actors).toEqual(h.actors);
  const states = h.probabilities[0].length;
  expect(result.stopTurn).toBe(states - 1);
  let worstPos = 0;
  let worstProb = 0;
  for (const [i, dims] of h.positions.entries()) {
    for (const [k, row] of dims.entries()) {
      for (const [t, x] of row.entries()) {
        worstPos = Math.max(worstPos, Math.abs(result.turns[t].positions[i][k] - x));
      }
    }
  }
  for (const [i, row] of h.probabilities.entries()) {
    for (const [t, p] of row.entries()) {
      worstProb = Math.max(worstProb, Math.abs(result.turns[t].probabilities[i] - p));
    }
  }
  expect(worstPos).toBeLessThanOrEqual(0.05 + 1e-9);
  expect(worstProb).toBeLessThanOrEqual(5e-5 + 1e-12);
}

describe.skipIf(!haveKtab)("SMP reproduces KTAB reference runs", () => {
  it("dummyData_3Dim (CSV): every turn's positions and probabilities, and the stop turn", () => {
    const text = readKtab("20170530_ref-dummyData_3Dim.txt");
    const input = readKtabCsv(readKtab("dummyData_3Dim.csv"), "dummyData_3Dim.csv");
    const result = runSmp(input);
    expectMatchesHistory(result, text);
    const last = [...text.matchAll(/Fractional change compared to first step: ([\d.]+)/g)].map((m) =>
      Number(m[1]),
    );
    expect(result.fractionalChange.map((x) => +x.toFixed(4))).toEqual(last);
  });

  it("dummyData_3Dim: the XML and no-final-comma CSV give the same run", () => {
    const text = readKtab("20170530_ref-dummyData_3Dim.txt");
    expectMatchesHistory(runSmp(readKtabXml(readKtab("dummyData_3Dim.xml"), "dummyData_3Dim.xml")), text);
    const csv = readKtab("dummyData_3Dim-no-final-comma.csv");
    expectMatchesHistory(runSmp(readKtabCsv(csv, "dummyData_3Dim-no-final-comma.csv")), text);
  });

  it("dummyData_6Dim (27×6, KTAB 2026 run)", () => {
    const input = readKtabCsv(readKtab("dummyData_6Dim.csv"), "dummyData_6Dim.csv");
    expectMatchesHistory(
      runSmp(input, { trace: false }),
      readKtab("ktab-2026-run-dummyData_6Dim.history.txt"),
    );
  });

  it("dummyData-a040 (40×1, KTAB 2026 run)", () => {
    const input = readKtabCsv(readKtab("dummyData-a040.csv"), "dummyData-a040.csv");
    expectMatchesHistory(
      runSmp(input, { trace: false }),
      readKtab("ktab-2026-run-dummyData-a040.history.txt"),
    );
  });
});
