import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/coder/tokens.ts";
import { loadParser } from "../../src/parse/default.ts";
import {
  BUFFER_LEFT_TEMPLATES,
  BUFFER_TEMPLATES,
  bufferFeatures,
  bufferLeftFeatures,
  JOINT_TEMPLATES,
  jointFeatures,
  LABEL_FEATURES,
  labelFeatures,
  PARSE_FEATURES,
  PARSE_TEMPLATES,
  type ParseInput,
  parseFeatures,
  STACK_RIGHT_TEMPLATES,
  STACK_TEMPLATES,
  stackFeatures,
  stackRightFeatures,
} from "../../src/parse/features.ts";
import { featureKey } from "../../src/parse/hash.ts";
import { inputFor, type ParserModel, parseTagged } from "../../src/parse/parser.ts";
import { SparseWeights, TrainWeights } from "../../src/parse/perceptron.ts";
import { ParseState, TRANSITIONS } from "../../src/parse/state.ts";
import { tagSentence, wordAtoms } from "../../src/parse/tagger.ts";
import { mulberry32 } from "../../src/parse/train.ts";
import { TransitionScores } from "../../src/parse/transition-scores.ts";

const SENTENCES = [
  "North Korea fired two ballistic missiles into the sea on Sunday, Seoul said.",
  "The ministry said Seoul would not attend the talks in Geneva, which the United States had called for last month.",
  "Kim Jong Il, general secretary of the Workers' Party of Korea, inspected a machine factory and gave instructions.",
  "A spokesman for the Foreign Ministry of the DPRK answered a question raised by KCNA as regards the joint military exercises.",
  "Seoul said Pyongyang fired missiles; Pyongyang said nothing.",
];

const PARTS = [
  [stackFeatures, STACK_TEMPLATES],
  [stackRightFeatures, STACK_RIGHT_TEMPLATES],
  [bufferFeatures, BUFFER_TEMPLATES],
  [bufferLeftFeatures, BUFFER_LEFT_TEMPLATES],
  [jointFeatures, JOINT_TEMPLATES],
] as const;

const m = loadParser();

function inputOf(text: string): ParseInput {
  const atoms = wordAtoms(
    tokenize(text).map((t) => t.text),
    m.tagger,
  );
  return inputFor(m, atoms, tagSentence(m.tagger, atoms));
}

/**
 * The parse of `x` as it was before part sums and integer labels: every feature scored in floats;
 * `visit` sees each state and its transition scores.
 */
function reference(
  model: ParserModel,
  x: ParseInput,
  visit?: (st: ParseState, scores: Float32Array) => void,
): ParseState {
  const st = new ParseState(x.n);
  const keys = new Int32Array(PARSE_FEATURES);
  const scores = new Float32Array(model.labels.length);
  const root = model.labels.indexOf("root");
  while (!st.done) {
    scores.fill(0);
    model.transitions.score(keys, parseFeatures(x, st, keys), scores);
    visit?.(st, scores);
    let t = -1;
    for (let k = 0; k < TRANSITIONS; k++) if (st.valid(k) && (t < 0 || scores[k] > scores[t])) t = k;
    const arc = st.arc(t);
    let label = -1;
    if (arc && arc[0] === 0) label = root;
    else if (arc) {
      scores.fill(0);
      model.labeller.score(keys, labelFeatures(x, st, arc[0], arc[1], keys), scores);
      for (let c = 0; c < model.labels.length; c++)
        if (c !== root && (label < 0 || scores[c] > scores[label])) label = c;
    }
    st.apply(t, label);
  }
  return st;
}

describe("transition features by part of the state", () => {
  it("split the templates: each part writes its own keys, at their templates' places", () => {
    const all = PARTS.flatMap(([, templates]) => templates).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: PARSE_TEMPLATES }, (_, i) => i + 1));
    const x = inputOf(SENTENCES[0]);
    const st = new ParseState(x.n);
    for (const t of [0, 0, 1, 0, 0, 2]) st.apply(t, 3);
    const whole = new Int32Array(PARSE_FEATURES);
    expect(parseFeatures(x, st, whole)).toBe(PARSE_TEMPLATES);
    for (const [write, templates] of PARTS) {
      const keys = new Int32Array(PARSE_FEATURES);
      write(x, st, keys);
      const written = [...keys.keys()].filter((i) => keys[i] !== 0).map((i) => i + 1);
      expect(written).toEqual([...templates].sort((a, b) => a - b));
      for (const t of templates) expect(keys[t - 1]).toBe(whole[t - 1]);
    }
  });

  it("keep a part's keys while its slot stays (the part's word, or its latest child)", () => {
    for (const text of SENTENCES) {
      const x = inputOf(text);
      const n = x.n;
      const seen = new Map<string, string>();
      reference(m, x, (st) => {
        const s0 = st.stack[st.sp - 1];
        const r = st.rc1[s0];
        const l = st.b <= n ? st.lc1[st.b] : -1;
        const slots = [s0, r >= 0 ? n + 1 + r : s0, st.b, l >= 0 ? n + 1 + l : st.b];
        for (let p = 0; p < slots.length; p++) {
          const keys = new Int32Array(PARSE_FEATURES);
          PARTS[p][0](x, st, keys);
          const got = PARTS[p][1].map((t) => keys[t - 1]).join(",");
          const id = `${p}:${slots[p]}`;
          if (!seen.has(id)) seen.set(id, got);
          expect(got, id).toBe(seen.get(id));
        }
      });
      // Slots were seen again (the point of keeping their sums).
      expect(seen.size).toBeLessThan(4 * 2 * n);
    }
  });

  it("score every state as scoring all features in floats does, to the bit, and parse the same", () => {
    if (!(m.transitions instanceof SparseWeights)) throw new Error("shipped weights are sparse");
    const ts = new TransitionScores(m.transitions);
    const got = new Float32Array(TRANSITIONS);
    for (const text of SENTENCES) {
      const x = inputOf(text);
      ts.begin(x.n);
      const want = reference(m, x, (st, scores) => {
        ts.score(x, st, got);
        expect(Array.from(got)).toEqual(Array.from(scores.subarray(0, TRANSITIONS)));
      });
      const st = parseTagged(m, x);
      expect(Array.from(st.heads)).toEqual(Array.from(want.heads));
      expect(Array.from(st.labels)).toEqual(Array.from(want.labels));
    }
  });
});

describe("integer sums of sparse weights", () => {
  it("pick, where they call the best class at all, what float scores pick", () => {
    const rnd = mulberry32(5);
    const keys = Int32Array.from({ length: 300 }, (_, i) => featureKey(i % 7, i));
    const t = new TrainWeights(40);
    for (let step = 0; step < 4000; step++) {
      const batch = Int32Array.from({ length: 6 }, () => keys[Math.floor(rnd() * keys.length)]);
      t.update(batch, batch.length, Math.floor(rnd() * 40), rnd() < 0.5 ? 1 : -1);
      t.tick++;
    }
    const w = t.average();
    let called = 0;
    for (let trial = 0; trial < 500; trial++) {
      const bag = Int32Array.from({ length: LABEL_FEATURES }, () => keys[Math.floor(rnd() * keys.length)]);
      const n = 1 + (trial % LABEL_FEATURES);
      const floats = new Float32Array(40);
      w.score(bag, n, floats);
      let want = -1;
      for (let c = 0; c < 40; c++) if (c !== 3 && (want < 0 || floats[c] > floats[want])) want = c;
      const sums = new Int32Array(40);
      w.prefetch(bag, n);
      w.sums(bag, 0, n, sums);
      const got = w.clearBest(sums, n, 3);
      if (got >= 0) {
        called++;
        expect(got).toBe(want);
      }
    }
    expect(called).toBeGreaterThan(400);
    // Two classes a unit apart over 40 keys are too close to call, unless one is skipped.
    const close = new Int32Array(40).fill(-100);
    close[7] = 5;
    close[9] = 4;
    expect(w.clearBest(close, 40)).toBe(-1);
    expect(w.clearBest(close, 40, 9)).toBe(7);
  });
});
