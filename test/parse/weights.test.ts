import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/coder/tokens.ts";
import { loadParser } from "../../src/parse/default.ts";
import { featureKey } from "../../src/parse/hash.ts";
import { argmax, meanWeights, type Scorer, SparseWeights, TrainWeights } from "../../src/parse/perceptron.ts";
import { TAG_FEATURES, tagFeatures, tagSentence, wordAtoms } from "../../src/parse/tagger.ts";
import { mulberry32, trainModel } from "../../src/parse/train.ts";
import { small, treebank } from "./small-treebank.ts";

/** Dense reference scores: the averaged weights summed feature by feature. */
function reference(w: SparseWeights, keys: Int32Array): Float32Array {
  const out = new Float32Array(w.classes);
  for (const key of keys) {
    const r = w.keys.indexOf(key);
    if (r < 0) continue;
    for (let p = w.starts[r]; p < w.starts[r + 1]; p++) out[w.cls[p]] += w.vals[p];
  }
  return out;
}

/** Averaged weights over random keys, trained on random updates. */
function trained(classes: number, seed: number): { w: SparseWeights; keys: Int32Array } {
  const rnd = mulberry32(seed);
  const keys = Int32Array.from({ length: 400 }, (_, i) => featureKey(i % 5, i, i * 3));
  const t = new TrainWeights(classes);
  for (let step = 0; step < 2000; step++) {
    const batch = Int32Array.from({ length: 6 }, () => keys[Math.floor(rnd() * keys.length)]);
    t.update(batch, batch.length, Math.floor(rnd() * classes), rnd() < 0.5 ? 1 : -1);
    t.tick++;
  }
  return { w: t.average(), keys };
}

describe("sparse weights", () => {
  for (const classes of [3, 40])
    it(`score ${classes} classes as the dense sums do, within 8-bit (3) or 16-bit rounding`, () => {
      const { w, keys } = trained(classes, classes);
      const rnd = mulberry32(7);
      let max = 0;
      for (const v of w.vals) max = Math.max(max, Math.abs(v));
      const unit = max / (classes <= 3 ? 127 : 32767);
      for (let trial = 0; trial < 200; trial++) {
        // Features as a parser state has them: some known, some never seen.
        const bag = Int32Array.from({ length: 12 }, (_, i) =>
          i % 4 === 3 ? featureKey(99, trial, i) : keys[Math.floor(rnd() * keys.length)],
        );
        const got = new Float32Array(classes);
        w.score(bag, bag.length, got);
        const want = reference(w, bag);
        for (let c = 0; c < classes; c++) expect(Math.abs(got[c] - want[c])).toBeLessThanOrEqual(unit * 12);
      }
    });
});

describe("the mean of several tables (parameter mixing)", () => {
  it("scores every bag as the members' scores added up and divided by their number", () => {
    // Three members over the same keys and one over keys of its own.
    const own = Int32Array.of(featureKey(77, 1), featureKey(77, 2));
    const members = [
      ...[1, 2, 3].map((seed) => trained(40, seed).w),
      new SparseWeights(40, own, Int32Array.of(0, 1, 3), Uint8Array.of(5, 7, 9), Float32Array.of(2.5, -1, 4)),
    ];
    const keys = trained(40, 1).keys;
    expect(meanWeights([members[0]]).keys.length).toBe(members[0].keys.length);
    const mean = meanWeights(members);
    const rnd = mulberry32(11);
    for (let trial = 0; trial < 100; trial++) {
      const bag = Int32Array.from({ length: 10 }, (_, i) =>
        i === 9 ? own[trial % 2] : keys[Math.floor(rnd() * keys.length)],
      );
      const want = new Float32Array(40);
      for (const m of members) {
        const r = reference(m, bag);
        for (let c = 0; c < 40; c++) want[c] += r[c] / members.length;
      }
      const got = reference(mean, bag);
      for (let c = 0; c < 40; c++) expect(got[c]).toBeCloseTo(want[c], 4);
    }
  });

  it("refuses tables of different classes", () => {
    expect(() => meanWeights([trained(3, 1).w, trained(40, 1).w])).toThrow(
      /3 and 40 classes|40 and 3 classes/,
    );
  });
});

describe("the tagger's per-word score cache and integer sums", () => {
  it.each([
    ["the shipped model", loadParser],
    ["a one-pass tagger", () => trainModel(treebank, { ...small, tagPasses: 1 })],
  ])("tags as scoring every feature afresh does (%s)", (_, model) => {
    const m = model();
    const sentences = [
      "North Korea fired two ballistic missiles into the sea on Sunday, Seoul said.",
      "The ministry said Seoul would not attend the talks in Geneva.",
      "Seoul said Pyongyang fired missiles; Pyongyang said nothing.",
      // The same forms beside other neighbours: sums kept per form and neighbour place are reused.
      "Pyongyang said Seoul fired missiles, and Seoul said that Pyongyang had fired nothing.",
    ];
    for (const text of sentences) {
      const atoms = wordAtoms(
        tokenize(text).map((t) => t.text),
        m.tagger,
      );
      /** One pass scoring every feature afresh, seeing the `first` pass's tags if given. */
      const pass = (w: Scorer, first?: Int32Array): Int32Array => {
        const tags: number[] = [];
        const keys = new Int32Array(TAG_FEATURES);
        const scores = new Float32Array(m.tagger.classes.length);
        for (let i = 0; i < atoms.word.length; i++) {
          let c = m.tagger.dictionary.get(atoms.lower[i]);
          if (c === undefined) {
            scores.fill(0);
            w.score(keys, tagFeatures(atoms, i, tags[i - 1] ?? -1, tags[i - 2] ?? -2, keys, first), scores);
            c = argmax(scores, scores.length);
          }
          tags.push(c);
        }
        return Int32Array.from(tags);
      };
      // Twice: the second run reads the scores the first one cached.
      for (let run = 0; run < 2; run++) {
        const first = pass(m.tagger.weights);
        const fresh = Array.from(m.tagger.second ? pass(m.tagger.second, first) : first);
        expect(Array.from(tagSentence(m.tagger, atoms))).toEqual(fresh);
      }
    }
  });
});
