import { describe, expect, it } from "vitest";
import { ConlluError, readConllu, scoreParses, writeSentence } from "../../src/parse/index.ts";

// Our own two sentences: a multiword token ("won't" = wo + n't), an empty node, comments.
const SAMPLE = [
  "# sent_id = a1",
  "# text = Seoul won't wait.",
  "1\tSeoul\tSeoul\tPROPN\tNNP\tNumber=Sing\t3\tnsubj\t3:nsubj\t_",
  "2-3\twon't\t_\t_\t_\t_\t_\t_\t_\t_",
  "2\two\twill\tAUX\tMD\tVerbForm=Fin\t4\taux\t4:aux\tSpaceAfter=No",
  "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_",
  "4\twait\twait\tVERB\tVB\tVerbForm=Inf\t0\troot\t0:root\tSpaceAfter=No",
  "4.1\twait\twait\tVERB\tVB\t_\t_\t_\t4:conj\t_",
  "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_",
  "",
  "# sent_id = a2",
  "1\tTokyo\tTokyo\tPROPN\tNNP\t_\t2\tnsubj\t_\t_",
  "2\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\t_",
  "",
  "",
].join("\n");

describe("CoNLL-U", () => {
  it("reads words, keeps comments, ranges and empty nodes in place, and writes them back", () => {
    const s = readConllu(SAMPLE);
    expect(s).toHaveLength(2);
    expect(s[0].words.map((w) => w.form)).toEqual(["Seoul", "wo", "n't", "wait", "."]);
    expect(s[0].words[0]).toMatchObject({ id: 1, head: 3, deprel: "nsubj", feats: "Number=Sing" });
    expect(s[0].comments).toEqual(["# sent_id = a1", "# text = Seoul won't wait."]);
    expect(s.map(writeSentence).join("")).toBe(SAMPLE.replace(/\n+$/, "\n\n"));
  });

  it("names the line of a malformed row", () => {
    const bad = SAMPLE.replace("3\tn't\tnot", "7\tn't\tnot");
    expect(() => readConllu(bad)).toThrow(ConlluError);
    expect(() => readConllu(bad)).toThrow(/word id 7 out of sequence \(expected 3\) at line 6/);
    expect(() => readConllu("1\tx\tx\n")).toThrow(/expected 10 tab-separated columns, found 3 at line 1/);
    expect(() => readConllu("1\tx\tx\tX\tX\t_\tz\tdep\t_\t_\n")).toThrow(/invalid head "z" at line 1/);
  });
});

describe("parse scores", () => {
  it("count heads and labels with and without punctuation, and per relation", () => {
    const gold = readConllu(SAMPLE);
    const pred = readConllu(
      SAMPLE.replace(
        "1\tSeoul\tSeoul\tPROPN\tNNP\tNumber=Sing\t3\tnsubj",
        "1\tSeoul\tSeoul\tNOUN\tNN\tNumber=Sing\t4\tnsubj",
      )
        .replace("3\tn't\tnot\tPART\tRB\t_\t4\tadvmod", "3\tn't\tnot\tPART\tRB\t_\t4\tdiscourse")
        .replace("5\t.\t.\tPUNCT\t.\t_\t4\tpunct", "5\t.\t.\tPUNCT\t.\t_\t2\tpunct")
        .replace("1\tTokyo\tTokyo\tPROPN\tNNP\t_\t2\tnsubj", "1\tTokyo\tTokyo\tPROPN\tNNP\t_\t2\tnsubj:pass"),
    );
    const s = scoreParses(gold, pred);
    expect(s.words).toBe(7);
    // Six non-punctuation words: Seoul's head is wrong; n't and Tokyo have the right head, the
    // wrong label.
    expect(s.uas).toBeCloseTo((100 * 5) / 6, 6);
    expect(s.las).toBeCloseTo((100 * 3) / 6, 6);
    // CoNLL 2018's LAS: all seven words, and Tokyo's nsubj:pass counts as nsubj.
    expect(s.lasUniversal).toBeCloseTo((100 * 4) / 7, 6);
    // With the full stop, whose head is wrong too.
    expect(s.uasPunct).toBeCloseTo((100 * 5) / 7, 6);
    expect(s.upos).toBeCloseTo((100 * 6) / 7, 6);
    const advmod = s.relations.find((r) => r.deprel === "advmod");
    expect(advmod).toMatchObject({ gold: 1, predicted: 0, correct: 0, recall: 0 });
    const nsubj = s.relations.find((r) => r.deprel === "nsubj");
    expect(nsubj).toMatchObject({ gold: 2, predicted: 1, correct: 0, precision: 0, recall: 0 });
  });

  it("refuse parses that do not line up with the gold", () => {
    const gold = readConllu(SAMPLE);
    expect(() => scoreParses(gold, gold.slice(0, 1))).toThrow(/gold has 2 sentences, the parse 1/);
  });
});
