import { describe, expect, it } from "vitest";
import { decodeModel, encodeModel } from "../../src/parse/codec.ts";
import { readConllu } from "../../src/parse/conllu.ts";
import { mixModels } from "../../src/parse/mix.ts";
import { parse } from "../../src/parse/parser.ts";
import type { SparseWeights } from "../../src/parse/perceptron.ts";
import { trainModel } from "../../src/parse/train.ts";

/** A tiny treebank of our own: form, UPOS, XPOS, head, relation per word. */
const trees: [string, string, string, number, string][][] = [
  [
    ["China", "PROPN", "NNP", 2, "nsubj"],
    ["condemned", "VERB", "VBD", 0, "root"],
    ["the", "DET", "DT", 4, "det"],
    ["test", "NOUN", "NN", 2, "obj"],
    [".", "PUNCT", ".", 2, "punct"],
  ],
  [
    ["Japan", "PROPN", "NNP", 3, "nsubj"],
    ["did", "AUX", "VBD", 3, "aux"],
    ["not", "PART", "RB", 3, "advmod"],
    ["attend", "VERB", "VB", 0, "root"],
    ["the", "DET", "DT", 6, "det"],
    ["talks", "NOUN", "NNS", 4, "obj"],
  ],
  [
    ["Seoul", "PROPN", "NNP", 2, "nsubj"],
    ["said", "VERB", "VBD", 0, "root"],
    ["Pyongyang", "PROPN", "NNP", 4, "nsubj"],
    ["fired", "VERB", "VBD", 2, "ccomp"],
    ["two", "NUM", "CD", 6, "nummod"],
    ["missiles", "NOUN", "NNS", 4, "obj"],
    [".", "PUNCT", ".", 2, "punct"],
  ],
  [
    ["Russia", "PROPN", "NNP", 4, "nsubj"],
    ["and", "CCONJ", "CC", 3, "cc"],
    ["China", "PROPN", "NNP", 1, "conj"],
    ["vetoed", "VERB", "VBD", 0, "root"],
    ["the", "DET", "DT", 6, "det"],
    ["draft", "NOUN", "NN", 4, "obj"],
  ],
];
const text = trees
  .map(
    (words, s) =>
      `# sent_id = t${s}\n${words.map(([f, u, x, h, r], i) => `${i + 1}\t${f}\t_\t${u}\t${x}\t_\t${h}\t${r}\t_\t_`).join("\n")}\n`,
  )
  .join("\n");
const treebank = readConllu(`${text}\n`).flatMap((s) => [s, s, s]);
const small = { folds: 2, tagEpochs: 2, parseEpochs: 2, clusters: new Map<string, number>() };
const asFile = (m: ReturnType<typeof trainModel>) => decodeModel(encodeModel(m));

const table = (w: unknown) => {
  const s = w as SparseWeights;
  return { keys: Array.from(s.keys), cls: Array.from(s.cls), vals: Array.from(s.vals) };
};

describe("mixing parser models", () => {
  it("gives from members trained alone and saved the model that training with --members gives", () => {
    const together = asFile(trainModel(treebank, { ...small, seed: 4, members: 2 }));
    const alone = [4, 5].map((seed) => asFile(trainModel(treebank, { ...small, seed, members: 1 })));
    const mixed = asFile(mixModels(alone));
    expect(mixed.tagger.classes).toEqual(together.tagger.classes);
    expect(mixed.labels).toEqual(together.labels);
    // The same keys and classes; weights equal up to the float rounding of saving a member first.
    for (const pick of [
      (m: typeof mixed) => m.tagger.weights,
      (m: typeof mixed) => m.transitions,
      (m: typeof mixed) => m.labeller,
    ]) {
      const [a, b] = [table(pick(mixed)), table(pick(together))];
      expect(a.keys).toEqual(b.keys);
      expect(a.cls).toEqual(b.cls);
      const max = Math.max(...b.vals.map(Math.abs));
      for (const [i, v] of a.vals.entries()) expect(Math.abs(v - b.vals[i])).toBeLessThanOrEqual(max * 1e-5);
    }
    const words = ["Japan", "condemned", "the", "missiles", "."];
    expect(parse(mixed, words)).toEqual(parse(together, words));
  });

  it("refuses members with different word clusters", () => {
    const a = trainModel(treebank, { ...small, members: 1 });
    const b = trainModel(treebank, { ...small, members: 1, clusters: new Map([["china", 1 << 22]]) });
    expect(() => mixModels([a, b])).toThrow(/share their word clusters/);
  });
});
