/**
 * The learned event sense: an averaged-perceptron classifier from a sentence's words and parse to
 * its PLOVER event type, trained by `npm run train:sense` on labelled news sentences (PLV) and the
 * leads of NGEC's synthetic stories. The coder asks it only when its lexicon finds no event in a
 * sentence naming two actors; its answer counts when its confidence clears the model's threshold
 * (chosen by cross-validation when trained).
 */
import { gunzipSync, gzipSync } from "node:zlib";
import {
  argmax,
  featureKey,
  hashString,
  type ParsedWord,
  type ParserModel,
  parse,
  SparseWeights,
  TrainWeights,
} from "../parse/index.ts";
import { tokenize } from "./tokens.ts";

/** The CAMEO code an event of each PLOVER type is coded with when only its type is known. */
export const TYPE_CODES: Readonly<Record<string, string>> = {
  REQUEST: "020",
  AGREE: "030",
  CONSULT: "040",
  SUPPORT: "050",
  COOPERATE: "060",
  AID: "070",
  CONCEDE: "080",
  RETREAT: "084",
  ACCUSE: "112",
  REJECT: "120",
  THREATEN: "130",
  PROTEST: "140",
  MOBILIZE: "150",
  SANCTION: "160",
  COERCE: "170",
  ASSAULT: "190",
};

export interface SenseModel {
  types: string[];
  weights: SparseWeights;
  /** Minimum confidence for the coder to code a sentence by its sense alone. */
  threshold: number;
}

export const SENSE_FEATURES = 160;

const NEGATION = /^(not|n't|never|no)$/;

/** Features of a sentence: its words and word pairs, and its verbs (lemma, object, negation) from the parse. */
export function senseFeatures(
  lower: readonly string[],
  words: readonly ParsedWord[] | null,
  keys: Int32Array,
): number {
  let k = 0;
  const put = (key: number): void => {
    if (k < keys.length) keys[k++] = key;
  };
  put(featureKey(1, 0));
  for (let i = 0; i < lower.length && k < 100; i++) {
    const w = hashString(lower[i]);
    put(featureKey(2, w));
    if (i + 1 < lower.length) put(featureKey(3, w, hashString(lower[i + 1])));
  }
  if (words)
    for (const w of words) {
      if (w.upos !== "VERB") continue;
      const lemma = hashString(w.lemma.toLowerCase());
      const role = w.head === 0 ? 1 : w.deprel === "xcomp" || w.deprel === "ccomp" ? 2 : 3;
      put(featureKey(4, lemma));
      put(featureKey(5, lemma, role));
      const negated = words.some((c) => c.head === w.id && NEGATION.test(c.form.toLowerCase()));
      if (negated) put(featureKey(6, lemma));
      for (const c of words)
        if (c.head === w.id && (c.deprel === "obj" || c.deprel === "obl" || c.deprel === "xcomp"))
          put(featureKey(7, lemma, hashString(c.lemma.toLowerCase()), c.deprel === "obj" ? 1 : 2));
    }
  return k;
}

/** Scores → the best type and its confidence (softmax of the scores). */
export function senseOf(m: SenseModel, scores: Float32Array): { type: string; confidence: number } {
  const best = argmax(scores, m.types.length);
  let z = 0;
  for (let c = 0; c < m.types.length; c++) z += Math.exp(scores[c] - scores[best]);
  return { type: m.types[best], confidence: 1 / z };
}

/** The type of a sentence, with a confidence in [0, 1]. */
export function predictSense(
  m: SenseModel,
  lower: readonly string[],
  words: readonly ParsedWord[] | null,
): { type: string; confidence: number } {
  const keys = new Int32Array(SENSE_FEATURES);
  const n = senseFeatures(lower, words, keys);
  const scores = new Float32Array(m.types.length);
  m.weights.score(keys, n, scores);
  return senseOf(m, scores);
}

/** A training example: a sentence's lower-cased words, its parse and its PLOVER type. */
export interface SenseExample {
  lower: string[];
  words: ParsedWord[] | null;
  type: string;
}

/** A training example from raw text: tokenised as the coder does, parsed with `parser`. */
export function senseExample(parser: ParserModel, text: string, type: string): SenseExample {
  const tokens = tokenize(text);
  return {
    lower: tokens.map((t) => t.lower),
    words: parse(
      parser,
      tokens.map((t) => t.text),
    ),
    type,
  };
}

/** Train a sense model (seeded by the order of `examples`, which the caller shuffles). */
export function trainSense(examples: readonly SenseExample[], epochs: number, rnd: () => number): SenseModel {
  const types = [...new Set(examples.map((e) => e.type))].sort();
  const index = new Map(types.map((t, i) => [t, i]));
  const w = new TrainWeights(types.length);
  const keys = new Int32Array(SENSE_FEATURES);
  const scores = new Float32Array(types.length);
  const feats = examples.map((e) => {
    const n = senseFeatures(e.lower, e.words, keys);
    return { keys: keys.slice(0, n), gold: index.get(e.type)! };
  });
  const order = feats.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const f = feats[i];
      scores.fill(0);
      w.score(f.keys, f.keys.length, scores);
      const guess = argmax(scores, types.length);
      if (guess !== f.gold) {
        w.update(f.keys, f.keys.length, f.gold, 1);
        w.update(f.keys, f.keys.length, guess, -1);
      }
      w.tick++;
    }
  }
  return { types, weights: w.average(0.05), threshold: 0.5 };
}

/** The model as the bytes of its file (gzip JSON: types, threshold, weights quantised to 8 bits). */
export function encodeSense(m: SenseModel, about: Record<string, unknown> = {}): Buffer {
  const w = m.weights;
  let max = 0;
  for (const v of w.vals) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 127 : 1;
  const body = {
    format: "yalu-sense 1",
    about,
    types: m.types,
    threshold: m.threshold,
    scale,
    keys: Array.from(w.keys),
    counts: Array.from(w.keys, (_, r) => w.starts[r + 1] - w.starts[r]),
    cls: Array.from(w.cls),
    vals: Array.from(w.vals, (v) => Math.round(v / scale)),
  };
  return gzipSync(JSON.stringify(body), { level: 9 });
}

/** Read a sense model from the bytes of its file. */
export function decodeSense(bytes: Uint8Array): SenseModel {
  const b = JSON.parse(gunzipSync(bytes).toString()) as {
    format: string;
    types: string[];
    threshold: number;
    scale: number;
    keys: number[];
    counts: number[];
    cls: number[];
    vals: number[];
  };
  if (b.format !== "yalu-sense 1") throw new Error("not a Yalu sense model");
  const starts = new Int32Array(b.keys.length + 1);
  for (let r = 0; r < b.keys.length; r++) starts[r + 1] = starts[r] + b.counts[r];
  const weights = new SparseWeights(
    b.types.length,
    Int32Array.from(b.keys),
    starts,
    Uint8Array.from(b.cls),
    Float32Array.from(b.vals, (v) => v * b.scale),
  );
  return { types: b.types, weights, threshold: b.threshold };
}
