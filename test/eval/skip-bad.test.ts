import { describe, expect, it } from "vitest";
import { readGold } from "../../src/eval/index.ts";
import type { GoldError } from "../../src/eval/types.ts";

/** Read `text` as `file` with skipping on: the units kept and the messages of the records skipped. */
function skipping(text: string, file: string) {
  const bad: string[] = [];
  const gold = readGold(text, file, { onBad: (err: GoldError) => bad.push(err.message) });
  return { keys: gold.units.map((u) => u.key), bad };
}

describe("yalu eval --skip-bad: malformed gold records are named and skipped, the rest scored", () => {
  it("CSV", () => {
    const text =
      "date,source,target,code\n2020-01-01,CHN,PRK,040\n2020-13-01,CHN,PRK,040\n2020-01-02,CHN,PRK,9x\n";
    expect(() => readGold(text, "g.csv")).toThrow('g.csv:3: row 3: invalid date "2020-13-01"');
    expect(skipping(text, "g.csv")).toEqual({
      keys: ["2020-01-01"],
      bad: ['g.csv:3: row 3: invalid date "2020-13-01"', 'g.csv:4: row 4: invalid CAMEO code "9x"'],
    });
  });

  it("ConfliBERT TSV", () => {
    const text = "China met Japan.\t1\nBad label here.\t7\nRussia shelled Ukraine.\t4\n";
    expect(skipping(text, "c.tsv")).toEqual({
      keys: ["line 1", "line 3"],
      bad: ['c.tsv:2: line 2: label must be 0-4, found "7"'],
    });
  });

  it("PLOVER JSON Lines", () => {
    const text = [
      '{"id":"a","cameo":"040","text":"x"}',
      "{not json",
      '{"id":"b","cameo":"99z","text":"y"}',
      "[1]",
    ].join("\n");
    expect(skipping(text, "p.jsonl")).toEqual({
      keys: ["a"],
      bad: [
        "p.jsonl:2: invalid JSON line",
        'p.jsonl:3: record "b": invalid CAMEO code "99z"',
        "p.jsonl:4: record 3 is not an object",
      ],
    });
  });

  it("PETRARCH XML", () => {
    const text = `<Sentences>
<Sentence date="20120101" id="A-1" sentence="true" source="x"><Text>China met Japan.</Text></Sentence>
<Sentence date="2012" id="A-2" sentence="true" source="x"><Text>Bad date.</Text></Sentence>
<Sentence date="20120103" id="A-3" sentence="true" source="x"><Text>Russia met Iran.</Text></Sentence>
</Sentences>`;
    const r = skipping(text, "u.xml");
    expect(r.keys).toEqual(["A-1", "A-3"]);
    expect(r.bad).toHaveLength(1);
    expect(r.bad[0]).toMatch(/^u\.xml:3: .*A-2/);
  });
});
