import { describe, expect, it } from "vitest";
import { decodeModel, encodeModel } from "../../src/parse/codec.ts";
import { mixModels } from "../../src/parse/mix.ts";
import { parse } from "../../src/parse/parser.ts";
import type { SparseWeights } from "../../src/parse/perceptron.ts";
import { defaultTrainOptions, trainModel } from "../../src/parse/train.ts";
import { small, treebank } from "./small-treebank.ts";

const asFile = (m: ReturnType<typeof trainModel>) => decodeModel(encodeModel(m));

const table = (w: unknown) => {
  const s = w as SparseWeights;
  return { keys: Array.from(s.keys), cls: Array.from(s.cls), vals: Array.from(s.vals) };
};

describe("mixing parser models", () => {
  it.each([1, 2])(
    "gives from members trained alone and saved the model that training with --members gives (%i tagger passes)",
    (tagPasses) => {
      const together = asFile(trainModel(treebank, { ...small, tagPasses, seed: 4, members: 2 }));
      const alone = [4, 5].map((seed) =>
        asFile(trainModel(treebank, { ...small, tagPasses, seed, members: 1 })),
      );
      const mixed = asFile(mixModels(alone, defaultTrainOptions.mixPrune));
      expect(mixed.tagger.classes).toEqual(together.tagger.classes);
      expect(mixed.labels).toEqual(together.labels);
      // The same keys and classes; weights equal up to the float rounding of saving a member first.
      for (const pick of [
        (m: typeof mixed) => m.tagger.weights,
        (m: typeof mixed) => m.transitions,
        (m: typeof mixed) => m.labeller,
        ...(tagPasses === 2 ? [(m: typeof mixed) => m.tagger.second] : []),
      ]) {
        const [a, b] = [table(pick(mixed)), table(pick(together))];
        expect(a.keys).toEqual(b.keys);
        expect(a.cls).toEqual(b.cls);
        const max = Math.max(...b.vals.map(Math.abs));
        for (const [i, v] of a.vals.entries())
          expect(Math.abs(v - b.vals[i])).toBeLessThanOrEqual(max * 1e-5);
      }
      const words = ["Japan", "condemned", "the", "missiles", "."];
      expect(parse(mixed, words)).toEqual(parse(together, words));
    },
  );

  it("refuses members with different tagger passes", () => {
    const a = trainModel(treebank, { ...small, members: 1, tagPasses: 1 });
    const b = trainModel(treebank, { ...small, members: 1, tagPasses: 2 });
    expect(() => mixModels([a, b])).toThrow(/as many tagger passes/);
  });

  it("refuses members with different word clusters", () => {
    const a = trainModel(treebank, { ...small, members: 1 });
    const b = trainModel(treebank, { ...small, members: 1, clusters: new Map([["china", 1 << 22]]) });
    expect(() => mixModels([a, b])).toThrow(/share their word clusters/);
  });
});
