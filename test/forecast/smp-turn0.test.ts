import { describe, expect, it } from "vitest";
import { readKtabCsv, readKtabXml } from "../../src/forecast/io/ktab.ts";
import { resolveParameters } from "../../src/forecast/params.ts";
import { proposeBargains } from "../../src/forecast/smp/bargain.ts";
import { bestChallenges } from "../../src/forecast/smp/challenge.ts";
import { distances } from "../../src/forecast/smp/geometry.ts";
import { bargainValues, resolveBargains } from "../../src/forecast/smp/resolve.ts";
import { inferRisk, runSmp, smpContext } from "../../src/forecast/smp/run.ts";
import type { ForecastInput } from "../../src/forecast/types.ts";
import {
  haveKtab,
  iteration,
  matrixAfter,
  otherBargains,
  parseHistory,
  readKtab,
  stateAfter,
  turn0Bargains,
  turn0Challenges,
  turn0Choices,
} from "./ktab-log.ts";

/** Check every turn-0 quantity KTAB logs against our run, at the log's printed precision. */
function expectTurn0(input: ForecastInput, log: string) {
  const n = input.actors.length;
  const ctx = smpContext(input, resolveParameters(input.parameters as Record<string, string>));
  const pos = Float64Array.from(input.actors.flatMap((a) => a.position.map((x) => x / 100)));
  const d = distances(pos, pos, ctx.sal, n, ctx.m);
  const raw = matrixAfter(log, "Raw actor-pos value matrix", n);
  for (const [i, row] of raw.entries()) {
    for (const [j, u] of row.entries()) expect(Math.abs(1 - d[i * n + j] - u)).toBeLessThanOrEqual(5e-4);
  }
  const R = inferRisk(ctx, d);
  const risk = matrixAfter(log, "Inferred risk attitudes", n).map((r) => r[0]);
  for (const [i, r] of risk.entries()) expect(Math.abs(R[i] - r)).toBeLessThanOrEqual(5e-4);

  const result = runSmp(input, { maxTurns: 1 });
  const turn = result.turns[0];
  const challenges = turn0Challenges(log);
  expect(challenges.size).toBe(turn.challenges.filter(Boolean).length);
  for (const c of turn.challenges) {
    if (!c) continue;
    const ref = challenges.get(`${c.initiator}>${c.target}`);
    expect(ref, `challenge ${c.initiator}>${c.target}`).toBeDefined();
    expect(Math.abs(c.p - ref!.p)).toBeLessThanOrEqual(5e-5);
    expect(Math.abs(c.deltaEU - ref!.eu)).toBeLessThanOrEqual(5e-5);
  }
  const bargains = turn0Bargains(log);
  for (const b of turn.bargains) {
    const ref = bargains.get(`${b.initiator}:${b.receiver}`)!;
    expect(ref).toBeDefined();
    for (const [k, x] of b.initiatorPosition.entries())
      expect(Math.abs(x - ref[0][k])).toBeLessThanOrEqual(5e-4);
    for (const [k, x] of b.receiverPosition.entries())
      expect(Math.abs(x - ref[1][k])).toBeLessThanOrEqual(5e-4);
  }
  const choices = turn0Choices(log);
  const pairOf = new Map(turn.bargains.map((b) => [b.id, `${b.initiator}:${b.receiver}`]));
  let checked = 0;
  for (const c of turn.choices) {
    const ref = choices.get(c.actor);
    if (!ref || c.queue.length < 2) continue;
    c.queue.forEach((id, o) => {
      const pair = id === null ? `${c.actor}:${c.actor}` : pairOf.get(id)!;
      expect(
        Math.abs(c.probabilities[o] - ref.get(pair)!),
        `actor ${c.actor} option ${pair}`,
      ).toBeLessThanOrEqual(5e-5);
      checked++;
    });
  }
  expect(checked).toBeGreaterThan(n);
  const h = parseHistory(log);
  for (const [i, row] of h.probabilities.entries()) {
    expect(Math.abs(turn.probabilities[i] - row[0])).toBeLessThanOrEqual(5e-5);
  }
}

/**
 * From the state KTAB logged after iteration k (positions and ideals), recompute the utilities,
 * risk attitudes, challenges, bargains and bargain-choice probabilities of the next iteration.
 * The log prints ideals to 4 decimals, so small coalition differences carry that rounding:
 * choice probabilities are compared to 1e-3 here (turn 0, from exact inputs, to 5e-5).
 */
function expectFromLoggedState(input: ForecastInput, log: string, k: number) {
  const n = input.actors.length;
  const ctx = smpContext(input, resolveParameters(input.parameters as Record<string, string>));
  const it1 = iteration(log, k);
  const state = stateAfter(it1, n);
  const pos = Float64Array.from(state.positions.flat().map((x) => x / 100));
  const ideal = Float64Array.from(state.ideals.flat().map((x) => x / 100));
  const d = distances(ideal, pos, ctx.sal, n, ctx.m);
  const from = it1.indexOf("postn 0 , 0");
  const raw = matrixAfter(it1, "Raw actor-pos value matrix", n, it1.slice(0, from).split("\n").length - 1);
  for (const [i, row] of raw.entries()) {
    for (const [j, u] of row.entries()) expect(Math.abs(1 - d[i * n + j] - u)).toBeLessThanOrEqual(6e-4);
  }
  const R = inferRisk(ctx, d);
  const risk = matrixAfter(it1, "Inferred risk attitudes", n, it1.slice(0, from).split("\n").length - 1);
  for (const [i, r] of risk.entries()) expect(Math.abs(R[i] - r[0])).toBeLessThanOrEqual(6e-4);

  const it2 = iteration(log, k + 1);
  const challenges = bestChallenges(ctx, d, R);
  const logged = turn0Challenges(it2);
  expect(challenges.filter(Boolean).length).toBe(logged.size);
  for (const c of challenges) {
    if (!c) continue;
    const ref = logged.get(`${c.initiator}>${c.target}`);
    expect(ref, `challenge ${c.initiator}>${c.target}`).toBeDefined();
    expect(Math.abs(c.p - ref!.p)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(c.deltaEU - ref!.eu)).toBeLessThanOrEqual(1e-4);
  }
  const bargains = proposeBargains(ctx, d, R, pos, challenges);
  // Bargains are rounded to 1e-4 on the [0,1] scale; from rounded ideals one rounding step (0.01
  // on the 0–100 scale) can flip.
  const loggedBargains = turn0Bargains(it2);
  for (const b of bargains) {
    const ref = loggedBargains.get(`${b.initiator}:${b.receiver}`)!;
    expect(ref, `iteration ${k + 1}: bargain ${b.initiator}:${b.receiver}`).toBeDefined();
    for (const [k, x] of b.initiatorPosition.entries())
      expect(Math.abs(x * 100 - ref[0][k])).toBeLessThanOrEqual(0.011);
    for (const [k, x] of b.receiverPosition.entries())
      expect(Math.abs(x * 100 - ref[1][k])).toBeLessThanOrEqual(0.011);
  }
  const { sq, values } = bargainValues(ctx, ideal, R, d, bargains);
  const choices = resolveBargains(ctx, bargains, sq, values, null);
  const loggedChoices = turn0Choices(it2);
  let checked = 0;
  for (const c of choices) {
    const ref = loggedChoices.get(c.actor);
    if (!ref || c.queue.length < 2) continue;
    for (const [o, id] of c.queue.entries()) {
      const b = id === null ? null : bargains.find((x) => x.id === id)!;
      const pair = b === null ? `${c.actor}:${c.actor}` : `${b.initiator}:${b.receiver}`;
      expect(
        Math.abs(c.probabilities[o] - ref.get(pair)!),
        `iteration ${k + 1}: actor ${c.actor} option ${pair}`,
      ).toBeLessThanOrEqual(1e-3);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(n);
}

describe.skipIf(!haveKtab)("SMP turn-0 quantities", () => {
  it("dummyData_3Dim: utilities, risk attitudes, challenges, bargains, choice PCEs", () => {
    expectTurn0(readKtabCsv(readKtab("dummyData_3Dim.csv")), readKtab("20170530_ref-dummyData_3Dim.txt"));
  });

  it("smpExample@06542ee.xml (PropCbc, MarkovIncentive, Stochastic, IdealAdjustment)", () => {
    const input = readKtabXml(readKtab("smpExample@06542ee.xml"), "smpExample@06542ee.xml");
    expect(input.parameters?.votingRule).toBe("PropCbc");
    expect(input.parameters?.pceModel).toBe("MarkovIncentive");
    expect(input.idealAdjustment?.length).toBeGreaterThan(0);
    expectTurn0(input, readKtab("20170530_ref-smpExample.txt"));
  });

  it("smpExample, every later turn from KTAB's logged state (adjusted ideals, stochastic choices)", () => {
    const input = readKtabXml(readKtab("smpExample@06542ee.xml"), "smpExample@06542ee.xml");
    const log = readKtab("20170530_ref-smpExample.txt");
    const iterations = [...log.matchAll(/Starting Model::run iteration (\d+)/g)].length;
    expect(iterations).toBeGreaterThan(5);
    for (let k = 1; k < iterations; k++) expectFromLoggedState(input, log, k);
  });

  it("dummyData_3Dim, every turn from KTAB's logged state", () => {
    const input = readKtabCsv(readKtab("dummyData_3Dim.csv"));
    const log = readKtab("20170530_ref-dummyData_3Dim.txt");
    const iterations = [...log.matchAll(/Starting Model::run iteration (\d+)/g)].length;
    for (let k = 1; k < iterations; k++) expectFromLoggedState(input, log, k);
  });

  it("dummyData_3Dim turn 0: the receiver-view (InitRcvrInterp) and power-weighted (PWCompInterp) bargains", () => {
    const input = readKtabCsv(readKtab("dummyData_3Dim.csv"));
    const log = readKtab("20170530_ref-dummyData_3Dim.txt");
    const { receiver, compromise } = otherBargains(log);
    const n = input.actors.length;
    const pos = Float64Array.from(input.actors.flatMap((a) => a.position.map((x) => x / 100)));
    for (const [model, ref, tol] of [
      ["InitRcvrInterp", receiver, 0.0011],
      ["PWCompInterp", compromise, 0.0011],
    ] as const) {
      const ctx = smpContext(input, resolveParameters({ bargnModel: model }));
      const d = distances(pos, pos, ctx.sal, n, ctx.m);
      const R = inferRisk(ctx, d);
      const bargains = proposeBargains(ctx, d, R, pos, bestChallenges(ctx, d, R));
      const ours = bargains.filter((b) => b.perspective !== "initiator");
      expect(ours.length).toBe(ref.size);
      for (const b of ours) {
        const [ri, rj] = ref.get(`${b.initiator}:${b.receiver}`)!;
        for (const [k, x] of b.initiatorPosition.entries())
          expect(Math.abs(x * 100 - ri[k]), model).toBeLessThanOrEqual(tol);
        for (const [k, x] of b.receiverPosition.entries())
          expect(Math.abs(x * 100 - rj[k]), model).toBeLessThanOrEqual(tol);
      }
    }
  });

  it("stochastic runs repeat exactly for a seed and differ across seeds", () => {
    const input = readKtabXml(readKtab("smpExample@06542ee.xml"));
    const a = runSmp(input, { seed: "42", maxTurns: 8 });
    const b = runSmp(input, { seed: "42", maxTurns: 8 });
    expect(b.turns.map((t) => t.positions)).toEqual(a.turns.map((t) => t.positions));
    const others = ["1", "2", "3", "4"].map((s) =>
      runSmp(input, { seed: s, maxTurns: 8 }).turns.map((t) => t.positions),
    );
    expect(others.some((o) => JSON.stringify(o) !== JSON.stringify(a.turns.map((t) => t.positions)))).toBe(
      true,
    );
  });
});
