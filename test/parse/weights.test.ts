import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/coder/tokens.ts";
import { byteScale, decodeModel, encodeModel } from "../../src/parse/codec.ts";
import { loadParser } from "../../src/parse/default.ts";
import { featureKey } from "../../src/parse/hash.ts";
import { pruneWeights } from "../../src/parse/mix.ts";
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

describe("pruning a table's weights", () => {
  it("drops the weights that round to ±units or less in 8 bits, and the keys left with none", () => {
    // The largest weight is 127 units of 1: weights up to 2.5 (exclusive) round to 2 or less.
    const rows: [number, number][][] = [
      [[0, 127]],
      [[1, 2]],
      [
        [2, -2.4],
        [3, 1],
      ],
      [[4, 2.6]],
      [
        [5, -3],
        [6, 0.5],
      ],
      [[7, 0.2]],
    ];
    const keys = Int32Array.from(rows, (_, r) => featureKey(9, r));
    const starts = Int32Array.from([0, ...rows.map((_, r) => rows.slice(0, r + 1).flat().length)]);
    const w = new SparseWeights(
      40,
      keys,
      starts,
      Uint8Array.from(rows.flat().map(([c]) => c)),
      Float32Array.from(rows.flat().map(([, v]) => v)),
    );
    expect(byteScale(w.vals)).toBe(1);
    expect(pruneWeights(w, 0)).toBe(w);
    const pruned = pruneWeights(w, 2);
    expect(Array.from(pruned.keys)).toEqual([keys[0], keys[3], keys[4]]);
    expect(Array.from(pruned.starts)).toEqual([0, 1, 2, 3]);
    expect(Array.from(pruned.cls)).toEqual([0, 4, 5]);
    expect(Array.from(pruned.vals)).toEqual([127, Math.fround(2.6), -3]);
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
      /**
       * One pass scoring every feature afresh: a first pass writes each word's lead over the next
       * class into `leads`; a second sees the `first` pass's tags and keeps those it was sure of.
       */
      const pass = (w: Scorer, leads: number[], first?: Int32Array): Int32Array => {
        const tags: number[] = [];
        const keys = new Int32Array(TAG_FEATURES);
        const scores = new Float32Array(m.tagger.classes.length);
        for (let i = 0; i < atoms.word.length; i++) {
          let c = m.tagger.dictionary.get(atoms.lower[i]);
          if (c === undefined && first && leads[i] > (m.tagger.sure ?? Number.POSITIVE_INFINITY))
            c = first[i];
          else if (c === undefined) {
            scores.fill(0);
            w.score(keys, tagFeatures(atoms, i, tags[i - 1] ?? -1, tags[i - 2] ?? -2, keys, first), scores);
            c = argmax(scores, scores.length);
            const best = scores[c];
            if (!first) leads[i] = best - Math.max(...scores.filter((_, k) => k !== c));
          }
          tags.push(c);
        }
        return Int32Array.from(tags);
      };
      // Twice: the second run reads the scores the first one cached.
      for (let run = 0; run < 2; run++) {
        const leads: number[] = [];
        const first = pass(m.tagger.weights, leads);
        const fresh = Array.from(m.tagger.second ? pass(m.tagger.second, leads, first) : first);
        expect(Array.from(tagSentence(m.tagger, atoms))).toEqual(fresh);
      }
    }
  });

  it("keeps, in the second pass, the first pass's tags it is sure of (TaggerModel.sure), and saves the setting", () => {
    const m = trainModel(treebank, { ...small, tagPasses: 2 });
    const words = tokenize("Seoul said Pyongyang fired two missiles, and Tokyo condemned the test.").map(
      (t) => t.text,
    );
    const atoms = wordAtoms(words, m.tagger);
    const one = Array.from(tagSentence({ ...m.tagger, second: undefined }, atoms));
    const two = Array.from(tagSentence(m.tagger, atoms));
    expect(Array.from(tagSentence({ ...m.tagger, sure: -1 }, atoms))).toEqual(one);
    expect(Array.from(tagSentence({ ...m.tagger, sure: Number.POSITIVE_INFINITY }, atoms))).toEqual(two);
    expect(decodeModel(encodeModel({ ...m, tagger: { ...m.tagger, sure: 40 } })).tagger.sure).toBe(40);
    expect(decodeModel(encodeModel(m)).tagger.sure).toBeUndefined();
  });
});
