import { describe, expect, it } from "vitest";
import { readConllu } from "../../src/parse/conllu.ts";
import { parse } from "../../src/parse/parser.ts";
import { trainModel } from "../../src/parse/train.ts";
import { trainLabeller } from "../../src/parse/train-labeller.ts";
import { small, treebank } from "./small-treebank.ts";

// Transitions trained on gold tags: on four trees, two folds of jack-knifed tags leave a parser
// that finds only 45 of the 72 heads, and the test is of the labeller (on the arcs with them).
const model = trainModel(treebank, { ...small, members: 1, folds: 0 });
const alone = { folds: 2, tagEpochs: 2, epochs: 4 };

describe("training the labeller alone", () => {
  it("labels every arc of the treebank's sentences that has the right head as the treebank does", () => {
    const labeller = trainLabeller(model, treebank, alone);
    expect(labeller.classes).toBe(model.labels.length);
    const relabelled = { ...model, labeller };
    let arcs = 0;
    for (const s of treebank) {
      const parsed = parse(
        relabelled,
        s.words.map((w) => w.form),
      );
      for (const [i, w] of s.words.entries())
        if (parsed[i].head === w.head) {
          arcs++;
          expect(parsed[i].deprel).toBe(w.deprel);
        }
    }
    expect(arcs).toBeGreaterThan(treebank.length * 4);
  });

  it("is seeded: the same options give the same weights", () => {
    const [a, b] = [trainLabeller(model, treebank, alone), trainLabeller(model, treebank, alone)];
    expect(Array.from(a.keys)).toEqual(Array.from(b.keys));
    expect(Array.from(a.vals)).toEqual(Array.from(b.vals));
  });

  it("refuses a treebank with a relation the model does not know", () => {
    const odd = readConllu(
      "1\tChina\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tcondemned\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tit\t_\tPRON\tPRP\t_\t2\tvocative\t_\t_\n\n",
    );
    expect(() => trainLabeller(model, odd, alone)).toThrow(/does not know: PRON\|PRP, vocative$/);
  });
});
