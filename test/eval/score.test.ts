import { describe, expect, it } from "vitest";
import { namesOverlap } from "../../src/eval/actors.ts";
import { codeGold } from "../../src/eval/code-gold.ts";
import { readPlvGold } from "../../src/eval/gold-plv.ts";
import { levelScore, matchCount, scoreEval } from "../../src/eval/score.ts";
import type { EvalEvent, Gold } from "../../src/eval/types.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";

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
    // Per class: 4 and 0 right (P = R = 1), 2 missed (R = 0): macro-F1 (1 + 1 + 0) / 3.
    expect(r.labels).toMatchObject({ by: "class", units: 3, accuracy: 2 / 3 });
    expect(r.labels?.macroF1).toBeCloseTo(2 / 3);
    expect(r.labels?.rows.map((x) => [x.label, x.gold, x.predicted, x.f1])).toEqual([
      ["0", 1, 1, 1],
      ["2", 1, 0, 0],
      ["4", 1, 1, 1],
    ]);
    expect(r.actors).toBeNull();
  });

  it("scores PLOVER-type sentence labels, CONCEDE/RETREAT as YIELD, and actor spans by shared words", () => {
    const gold = readPlvGold(
      [
        "id\tgold_penta\tgold_root\tsentence\tsource\ttarget",
        "a\t3\tACCUSE\tThe Northland foreign ministry condemned Southland.\tThe Northland foreign ministry\tSouthland",
        "b\t2\tYIELD\tSouthland withdrew its troops from Eastmark.\tSouthland\tEastmark",
        "c\t1\tCONSULT\tNorthland met Westmark.\tNorthland\tWestmark",
        "d\t4\tASSAULT\tRebels shelled the port.\tRebels\tthe port",
      ].join("\n"),
      "g.tsv",
    );
    const named = (code: string, source: string, target: string): EvalEvent => ({
      ...ev("X", "Y", code),
      names: { source, target },
    });
    const pred = new Map([
      // a: ACCUSE (111) by the Northland ministry, the target read as Eastmark: type and source right.
      ["a", [named("111", "Northland", "Eastmark")]],
      // b: CAMEO 0872 is RETREAT, which PLV calls YIELD; c: 111 is ACCUSE, not CONSULT; d: nothing.
      ["b", [named("0872", "Southlanders", "Eastmark")]],
      ["c", [named("111", "Westmark", "Northland")]],
    ]);
    const r = scoreEval(gold, pred);
    expect(r.confusion.by).toBe("type");
    expect(r.labels?.accuracy).toBeCloseTo(2 / 4);
    const row = (l: string) => r.labels?.rows.find((x) => x.label === l);
    expect(row("ACCUSE")).toMatchObject({ gold: 1, predicted: 2, tp: 1 });
    expect(row("YIELD")).toMatchObject({ gold: 1, predicted: 1, tp: 1, f1: 1 });
    expect(row("ASSAULT")).toMatchObject({ gold: 1, predicted: 0, f1: 0 });
    expect(r.labels?.macroF1).toBeCloseTo((2 / 3 + 1 + 0 + 0) / 4);
    // ICEWS quads from gold_penta: a 3 = 111 (root 11), b 2 = 0872, c 1 ≠ 111's 3.
    expect(r.quad).toMatchObject({ tp: 2, predicted: 3, gold: 4 });
    expect(r.actors).toEqual({ units: 3, source: 2, target: 1, both: 1 });
  });

  it("matches actor names to gold spans by a shared word or a 4-letter prefix", () => {
    expect(namesOverlap("Iran", "Iranian Foreign Minister Javad Zarif")).toBe(true);
    expect(namesOverlap("FBI", "the FBI")).toBe(true);
    expect(namesOverlap("U.S.", "a US court")).toBe(true);
    expect(namesOverlap("the government", "the opposition")).toBe(false);
    expect(namesOverlap(null, "the FBI")).toBe(false);
  });

  it("gives coded events' actor names to the scorer", () => {
    const gold = readPlvGold("id\tgold_root\tsentence\nq\tACCUSE\tNorthland condemned Southland.\n", "g.tsv");
    const event = normalizeEvent({
      date: "2000-01-01",
      source: { code: "NTH", name: "Northland" },
      target: { code: "STH", name: "Southland" },
      cameo: "111",
    });
    const coded = codeGold(gold, { name: "stub", code: () => [event] }).get("q");
    expect(coded).toEqual([
      {
        source: "NTH",
        target: "STH",
        code: "111",
        plover: "ACCUSE",
        quad: null,
        names: { source: "Northland", target: "Southland" },
      },
    ]);
  });
});
