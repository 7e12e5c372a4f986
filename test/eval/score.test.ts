import { describe, expect, it } from "vitest";
import { levelScore, matchCount, scoreEval } from "../../src/eval/score.ts";
import type { EvalEvent, Gold } from "../../src/eval/types.ts";

const ev = (source: string, target: string, code: string): EvalEvent => ({
  source,
  target,
  code,
  plover: null,
  quad: null,
});

describe("scoring", () => {
  it("computes P/R/F1 from counts", () => {
    const s = levelScore(2, 4, 5);
    expect(s.precision).toBeCloseTo(0.5);
    expect(s.recall).toBeCloseTo(0.4);
    expect(s.f1).toBeCloseTo((2 * 0.5 * 0.4) / 0.9);
    expect(levelScore(0, 0, 3)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it("matches multisets one to one", () => {
    expect(matchCount(["a", "a", "b"], ["a", "b", "b", "c"])).toBe(2);
  });

  it("scores event, root and quad levels on a hand-built gold", () => {
    // s1: gold USA→CHN 042 and CHN→USA 043; predicted USA→CHN 042 (exact) and CHN→USA 040 (root 04 only).
    // s2: gold RUS→UKR 190; predicted RUS→UKR 173 (other root, same quad 4) and UKR→RUS 112 (spurious).
    const gold: Gold = {
      format: "csv",
      hasCodes: true,
      sentenceLabels: false,
      quadScheme: "gdelt",
      units: [
        {
          key: "s1",
          text: null,
          date: null,
          parse: null,
          line: 2,
          events: [ev("USA", "CHN", "042"), ev("CHN", "USA", "043")],
        },
        { key: "s2", text: null, date: null, parse: null, line: 4, events: [ev("RUS", "UKR", "190")] },
      ],
    };
    const pred = new Map([
      ["s1", [ev("USA", "CHN", "042"), ev("CHN", "USA", "040")]],
      ["s2", [ev("RUS", "UKR", "173"), ev("UKR", "RUS", "112")]],
    ]);
    const r = scoreEval(gold, pred);
    // event: 1 of 4 predicted, 1 of 3 gold
    expect(r.event).toMatchObject({ tp: 1, predicted: 4, gold: 3 });
    expect(r.event!.precision).toBeCloseTo(0.25);
    expect(r.event!.recall).toBeCloseTo(1 / 3);
    // root: USA→CHN 04 and CHN→USA 04 match; 2/4 and 2/3
    expect(r.root).toMatchObject({ tp: 2, predicted: 4, gold: 3 });
    expect(r.root!.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3));
    // quad: s1 gold {1,1} pred {1,1} → 2; s2 gold {4} pred {4,3} → 1; 3/4 and 3/3
    expect(r.quad).toMatchObject({ tp: 3, predicted: 4, gold: 3 });
    expect(r.confusion.counts.get("04")?.get("04")).toBe(2);
    expect(r.confusion.counts.get("19")?.get("17")).toBe(1);
    expect(r.confusion.counts.get("none")?.get("11")).toBe(1);
  });

  it("counts predictions outside a date-keyed gold as false positives and unmatched gold as misses", () => {
    const gold: Gold = {
      format: "csv",
      hasCodes: true,
      sentenceLabels: false,
      quadScheme: "gdelt",
      dateKeyed: true,
      units: [
        {
          key: "2020-01-02",
          text: null,
          date: "2020-01-02",
          parse: null,
          line: 2,
          events: [ev("USA", "CHN", "042")],
        },
        {
          key: "2020-01-03",
          text: null,
          date: "2020-01-03",
          parse: null,
          line: 3,
          events: [ev("CHN", "USA", "111")],
        },
      ],
    };
    // One exact hit on 01-02, nothing on 01-03, one prediction on a date with no gold event.
    const r = scoreEval(gold, new Map([["2020-01-02", [ev("USA", "CHN", "042")]]]), [
      ev("RUS", "UKR", "190"),
    ]);
    expect(r.event).toMatchObject({ tp: 1, predicted: 2, gold: 2 });
    expect(r.event!.precision).toBeCloseTo(0.5);
    expect(r.event!.recall).toBeCloseTo(0.5);
    expect(r.confusion.counts.get("11")?.get("none")).toBe(1);
    expect(r.confusion.counts.get("none")?.get("19")).toBe(1);
  });

  it("scores sentence labels by the majority class of each sentence's events", () => {
    const unit = (key: string, quad: number) => ({
      key,
      text: "x",
      date: null,
      parse: null,
      line: 1,
      events: [{ source: null, target: null, code: null, plover: null, quad }],
    });
    const gold: Gold = {
      format: "conflibert-tsv",
      hasCodes: false,
      sentenceLabels: true,
      quadScheme: "conflibert",
      units: [unit("a", 4), unit("b", 0), unit("c", 2)],
    };
    // a: two 19x events and one 04x → class 4 (right); b: 010 → class 0 (right); c: nothing predicted.
    const pred = new Map([
      ["a", [ev("X", "Y", "190"), ev("X", "Y", "193"), ev("X", "Y", "042")]],
      ["b", [ev("X", "Y", "010")]],
    ]);
    const r = scoreEval(gold, pred);
    expect(r.event).toBeNull();
    expect(r.quad).toMatchObject({ tp: 2, predicted: 2, gold: 3 });
    expect(r.confusion.by).toBe("class");
    expect(r.confusion.counts.get("2")?.get("none")).toBe(1);
  });
});
