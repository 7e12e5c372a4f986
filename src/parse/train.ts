/**
 * Training the parser from a treebank: the tagger first (and jack-knifed tags, so the parser learns
 * from tags as wrong as it will meet), then the transition classifier with a dynamic oracle and
 * exploration (Goldberg & Nivre 2012), and the labeller on the arcs as they are made. Pure and
 * seeded: the same treebank and options give the same model.
 */
import type { Clusters } from "./clusters.ts";
import type { ConlluSentence } from "./conllu.ts";
import {
  LABEL_FEATURES,
  labelFeatures,
  PARSE_FEATURES,
  type ParseInput,
  parseFeatures,
  parseInput,
} from "./features.ts";
import type { Lexicon } from "./lexicon.ts";
import { mixModels } from "./mix.ts";
import { lemmaOf, type ParserModel } from "./parser.ts";
import { argmax, type SparseWeights, TrainWeights } from "./perceptron.ts";
import { ParseState, TRANSITIONS, transitionCost } from "./state.ts";
import {
  type Lexica,
  TAG_FEATURES,
  type TaggerModel,
  tagFeatures,
  tagSentence,
  type WordAtoms,
  wordAtoms,
} from "./tagger.ts";

export interface TrainOptions {
  seed: number;
  tagEpochs: number;
  parseEpochs: number;
  /** Tagger passes: 1, or 2 for a second pass that sees the first's tags of the words to the right. */
  tagPasses: number;
  /** Folds for jack-knifed training tags (0: train the parser on gold tags). */
  folds: number;
  /** Probability of following the model's own (possibly wrong) transition after epoch 1. */
  explore: number;
  /** Share of sentences whose leaf hyphens are dropped, as Yalu's tokeniser drops them. */
  dropHyphens: number;
  /** Averaged transition weights smaller than this are pruned (sparse transitions only). */
  prune: number;
  /** Averaged tagger and labeller weights smaller than this are pruned. */
  tablePrune: number;
  /** Word clusters from unlabelled text (see clusters.ts); none by default. */
  clusters: Clusters;
  /** Lemmas and their parts of speech (see lexicon.ts); none by default. */
  lexicon: Lexicon;
  /** Models trained alone, seeds `seed`, `seed + 1`, …, and mixed into one (see mix.ts). */
  members: number;
  /** The mix's weights that round to ±`mixPrune` or less in 8 bits are dropped (see `pruneWeights`). */
  mixPrune: number;
  progress: (message: string) => void;
}

export const defaultTrainOptions: TrainOptions = {
  seed: 1,
  tagEpochs: 8,
  parseEpochs: 15,
  tagPasses: 2,
  folds: 5,
  explore: 0.9,
  dropHyphens: 0.3,
  prune: 1,
  tablePrune: 0.01,
  clusters: new Map(),
  lexicon: new Map(),
  members: 3,
  mixPrune: 2,
  progress: () => {},
};

/** A sentence ready for training: classes and gold tree as ids. */
export interface TrainSentence {
  forms: string[];
  atoms: WordAtoms;
  tags: Int32Array;
  heads: Int32Array;
  labels: Int32Array;
}

/** A small seeded PRNG (mulberry32): uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: T[], rnd: () => number): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** True if the arc h → d crosses no other: every word between them descends from h. */
function projectiveArc(heads: Int32Array, h: number, d: number): boolean {
  const lo = Math.min(h, d);
  const hi = Math.max(h, d);
  for (let k = lo + 1; k < hi; k++) {
    let a = k;
    while (a !== h && a !== 0 && a !== -1) a = heads[a];
    if (a !== h && h !== 0) return false;
  }
  return true;
}

/** Lift non-projective arcs to the grandparent until the tree is projective (heads 1-based). */
export function projectivize(heads: Int32Array): Int32Array {
  const out = heads.slice();
  for (let guard = 0; guard < out.length * out.length; guard++) {
    let worst = -1;
    let span = Number.POSITIVE_INFINITY;
    for (let d = 1; d < out.length; d++) {
      const h = out[d];
      if (h > 0 && !projectiveArc(out, h, d) && Math.abs(h - d) < span) {
        span = Math.abs(h - d);
        worst = d;
      }
    }
    if (worst < 0) return out;
    out[worst] = out[out[worst]];
  }
  return out;
}

/**
 * The words the tagger will call known: lower-cased forms seen at least twice, so that in training
 * the words seen once stand for the unknown words it will meet.
 */
export function knownWords(sentences: readonly ConlluSentence[]): Set<string> {
  const counts = new Map<string, number>();
  for (const s of sentences)
    for (const w of s.words) {
      const lower = w.form.toLowerCase().replace(/’/g, "'");
      counts.set(lower, (counts.get(lower) ?? 0) + 1);
    }
  return new Set([...counts].filter(([, n]) => n >= 2).map(([w]) => w));
}

/** Turn treebank sentences into training sentences, growing the class and label lists. */
export function prepare(
  sentences: readonly ConlluSentence[],
  classes: string[],
  labels: string[],
  rnd: () => number,
  dropHyphens: number,
  lexica: Lexica,
): TrainSentence[] {
  const classIds = new Map(classes.map((c, i) => [c, i]));
  const labelIds = new Map(labels.map((c, i) => [c, i]));
  const id = (map: Map<string, number>, list: string[], key: string): number => {
    let v = map.get(key);
    if (v === undefined) {
      v = list.length;
      list.push(key);
      map.set(key, v);
    }
    return v;
  };
  const out: TrainSentence[] = [];
  for (const s of sentences) {
    let words = s.words;
    if (words.some((w) => w.head < 0)) continue;
    if (rnd() < dropHyphens) {
      const isLeaf = (i: number): boolean => !words.some((w) => w.head === words[i].id);
      const drop = new Set(words.filter((w, i) => w.xpos === "HYPH" && isLeaf(i)).map((w) => w.id));
      if (drop.size > 0) {
        const renum = new Map<number, number>([[0, 0]]);
        for (const w of words) if (!drop.has(w.id)) renum.set(w.id, renum.size);
        words = words
          .filter((w) => !drop.has(w.id))
          .map((w) => ({ ...w, id: renum.get(w.id)!, head: renum.get(w.head)! }));
      }
    }
    const n = words.length;
    const heads = new Int32Array(n + 1);
    const labs = new Int32Array(n + 1);
    const tags = new Int32Array(n);
    heads[0] = -1;
    for (let i = 0; i < n; i++) {
      heads[i + 1] = words[i].head;
      labs[i + 1] = id(labelIds, labels, words[i].deprel);
      tags[i] = id(classIds, classes, `${words[i].upos}|${words[i].xpos}`);
    }
    const forms = words.map((w) => w.form);
    out.push({
      forms,
      atoms: wordAtoms(forms, lexica),
      tags,
      heads: projectivize(heads),
      labels: labs,
    });
  }
  return out;
}

/** Frequent, nearly unambiguous words and their class. */
function tagDictionary(data: readonly TrainSentence[]): Map<string, number> {
  const counts = new Map<string, Map<number, number>>();
  for (const s of data)
    for (let i = 0; i < s.forms.length; i++) {
      const w = s.atoms.lower[i];
      const m = counts.get(w) ?? new Map<number, number>();
      counts.set(w, m);
      m.set(s.tags[i], (m.get(s.tags[i]) ?? 0) + 1);
    }
  const dict = new Map<string, number>();
  for (const [w, m] of counts) {
    let total = 0;
    let best = -1;
    let bestN = 0;
    for (const [c, k] of m) {
      total += k;
      if (k > bestN) {
        bestN = k;
        best = c;
      }
    }
    if (total >= 20 && bestN / total >= 0.99) dict.set(w, best);
  }
  return dict;
}

/**
 * Averaged tagger weights trained on `data`; with `first` (a first pass's tags per sentence) the
 * weights of a second pass, which sees them.
 */
function tagWeights(
  data: readonly TrainSentence[],
  classes: string[],
  dictionary: ReadonlyMap<string, number>,
  opts: Pick<TrainOptions, "tagEpochs" | "tablePrune" | "progress">,
  rnd: () => number,
  first?: readonly Int32Array[],
): SparseWeights {
  const w = new TrainWeights(classes.length);
  const keys = new Int32Array(TAG_FEATURES);
  const scores = new Float32Array(classes.length);
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= opts.tagEpochs; epoch++) {
    let right = 0;
    let total = 0;
    for (const si of shuffle(order, rnd)) {
      const s = data[si];
      let p1 = -1;
      let p2 = -2;
      for (let i = 0; i < s.forms.length; i++) {
        const gold = s.tags[i];
        let guess = dictionary.get(s.atoms.lower[i]);
        if (guess === undefined) {
          const nk = tagFeatures(s.atoms, i, p1, p2, keys, first?.[si]);
          scores.fill(0);
          w.score(keys, nk, scores);
          guess = argmax(scores, classes.length);
          if (guess !== gold) {
            w.update(keys, nk, gold, 1);
            w.update(keys, nk, guess, -1);
          }
          w.tick++;
        }
        if (guess === gold) right++;
        total++;
        p2 = p1;
        p1 = guess;
      }
    }
    opts.progress(
      `tagger ${first ? "second pass " : ""}epoch ${epoch}/${opts.tagEpochs}: train accuracy ${((100 * right) / total).toFixed(2)}%`,
    );
  }
  return w.average(opts.tablePrune);
}

/** Train a tagger's first pass on `data` with `classes` tag classes. */
export function trainTagger(
  data: readonly TrainSentence[],
  classes: string[],
  lexica: Required<Lexica>,
  opts: Pick<TrainOptions, "tagEpochs" | "tablePrune" | "progress">,
  rnd: () => number,
): TaggerModel {
  const dictionary = tagDictionary(data);
  const weights = tagWeights(data, classes, dictionary, opts, rnd);
  return { classes, dictionary, ...lexica, weights };
}

/**
 * Tags for the training sentences as wrong as the tagger will be on new text: each fold's tags come
 * from a tagger trained on the other folds (`folds` ≤ 1: the gold tags).
 */
export function jackknifedTags(
  data: readonly TrainSentence[],
  classes: string[],
  lexica: Required<Lexica>,
  opts: Pick<TrainOptions, "folds" | "tagEpochs" | "tablePrune" | "progress">,
  rnd: () => number,
): Int32Array[] {
  if (opts.folds <= 1) return data.map((s) => s.tags);
  const tags: Int32Array[] = new Array(data.length);
  for (let f = 0; f < opts.folds; f++) {
    const train = data.filter((_, i) => i % opts.folds !== f);
    const fold = trainTagger(train, classes, lexica, { ...opts, progress: () => {} }, rnd);
    for (let i = f; i < data.length; i += opts.folds) tags[i] = tagSentence(fold, data[i].atoms);
    opts.progress(`jack-knifed tags: fold ${f + 1}/${opts.folds}`);
  }
  return tags;
}

/**
 * Give `tagger` a second pass, trained on the first pass's jack-knifed tags (`first`), so that it
 * learns how far to trust them.
 */
export function addSecondPass(
  tagger: TaggerModel,
  data: readonly TrainSentence[],
  first: readonly Int32Array[],
  opts: Pick<TrainOptions, "tagEpochs" | "tablePrune" | "progress">,
  rnd: () => number,
): void {
  tagger.second = tagWeights(data, tagger.classes, tagger.dictionary, opts, rnd, first);
}

/** Parser inputs for training sentences, with the given tags. */
export function inputs(
  data: readonly TrainSentence[],
  tags: Int32Array[],
  classUpos: Int32Array,
): ParseInput[] {
  return data.map((s, i) => {
    const t = tags[i];
    const u = new Int32Array(t.length);
    for (let k = 0; k < t.length; k++) u[k] = classUpos[t[k]];
    return parseInput(s.atoms, t, u);
  });
}

/** Train the transition classifier and the labeller. */
export function trainParser(
  data: readonly TrainSentence[],
  xs: readonly ParseInput[],
  nLabels: number,
  root: number,
  opts: Pick<TrainOptions, "parseEpochs" | "explore" | "prune" | "tablePrune" | "progress">,
  rnd: () => number,
): { transitions: SparseWeights; labeller: SparseWeights } {
  const tw = new TrainWeights(TRANSITIONS);
  const lw = new TrainWeights(nLabels);

  const keys = new Int32Array(PARSE_FEATURES);
  const lkeys = new Int32Array(LABEL_FEATURES);
  const ts = new Float32Array(TRANSITIONS);
  const ls = new Float32Array(nLabels);
  const costs = new Int32Array(TRANSITIONS);
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= opts.parseEpochs; epoch++) {
    let right = 0;
    let total = 0;
    for (const si of shuffle(order, rnd)) {
      const s = data[si];
      const x = xs[si];
      const st = new ParseState(x.n);
      while (!st.done) {
        const nk = parseFeatures(x, st, keys);
        ts.fill(0);
        tw.score(keys, nk, ts);
        let best = Number.POSITIVE_INFINITY;
        for (let t = 0; t < TRANSITIONS; t++) {
          costs[t] = st.valid(t) ? transitionCost(st, t, s.heads) : 1 << 20;
          if (costs[t] < best) best = costs[t];
        }
        const pred = argmax(ts, TRANSITIONS, (t) => st.valid(t));
        const gold = argmax(ts, TRANSITIONS, (t) => costs[t] === best);
        if (costs[pred] > best) {
          tw.update(keys, nk, gold, 1);
          tw.update(keys, nk, pred, -1);
        }
        tw.tick++;
        const next = epoch > 1 && rnd() < opts.explore ? pred : gold;
        const arc = st.arc(next);
        let label = -1;
        if (arc && arc[0] === 0) label = root;
        else if (arc) {
          const [h, d] = arc;
          const lk = labelFeatures(x, st, h, d, lkeys);
          ls.fill(0);
          lw.score(lkeys, lk, ls);
          label = argmax(ls, nLabels, (c) => c !== root);
          if (s.heads[d] === h) {
            const g = s.labels[d];
            if (label !== g) {
              lw.update(lkeys, lk, g, 1);
              lw.update(lkeys, lk, label, -1);
            }
            lw.tick++;
            label = g;
          }
        }
        st.apply(next, label);
      }
      for (let d = 1; d <= x.n; d++) if (st.heads[d] === s.heads[d]) right++;
      total += x.n;
    }
    opts.progress(
      `parser epoch ${epoch}/${opts.parseEpochs}: train UAS (exploring) ${((100 * right) / total).toFixed(2)}%`,
    );
  }
  return {
    transitions: tw.average(opts.prune),
    labeller: lw.average(opts.tablePrune),
  };
}

/** Most frequent lemma per (lower-cased form, XPOS), kept where the rules would get it wrong. */
function lemmaTable(
  sentences: readonly ConlluSentence[],
  rule: (form: string, lower: string, xpos: string) => string,
): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const s of sentences)
    for (const w of s.words) {
      if (w.xpos === "NNP" || w.xpos === "NNPS" || w.lemma === "_") continue;
      const key = `${w.form.toLowerCase()}\t${w.xpos}`;
      const m = counts.get(key) ?? new Map<string, number>();
      counts.set(key, m);
      m.set(w.lemma, (m.get(w.lemma) ?? 0) + 1);
    }
  const out = new Map<string, string>();
  for (const [key, m] of counts) {
    const best = [...m].sort((a, b) => b[1] - a[1])[0][0];
    const [lower, xpos] = key.split("\t");
    if (best !== rule(lower, lower, xpos)) out.set(key, best);
  }
  return out;
}

/**
 * Train a whole parser model from treebank sentences: one model, or with `members` > 1 that many,
 * each trained alone with the next seed (its own shuffles, hyphen drops and jack-knifed tags), mixed
 * into one (see mix.ts).
 */
export function trainModel(
  sentences: readonly ConlluSentence[],
  options: Partial<TrainOptions> = {},
): ParserModel {
  const opts = { ...defaultTrainOptions, ...options } satisfies TrainOptions;
  if (opts.members <= 1) return trainMember(sentences, opts);
  const members = Array.from({ length: opts.members }, (_, k) => {
    opts.progress(`member ${k + 1}/${opts.members} (seed ${opts.seed + k})`);
    return trainMember(sentences, { ...opts, seed: opts.seed + k });
  });
  return mixModels(members, opts.mixPrune);
}

/** Train one model from treebank sentences. */
function trainMember(sentences: readonly ConlluSentence[], opts: TrainOptions): ParserModel {
  const rnd = mulberry32(opts.seed);
  const classes: string[] = [];
  const labels: string[] = ["root"];
  const lexica = { clusters: opts.clusters, known: knownWords(sentences), lexicon: opts.lexicon };
  const data = prepare(sentences, classes, labels, rnd, opts.dropHyphens, lexica);
  const upos: string[] = [];
  const classUpos = Int32Array.from(classes, (c) => {
    const u = c.split("|")[0];
    if (!upos.includes(u)) upos.push(u);
    return upos.indexOf(u);
  });
  opts.progress(`${data.length} sentences, ${classes.length} tag classes, ${labels.length} labels`);
  const tagger = trainTagger(data, classes, lexica, opts, rnd);
  const tags = jackknifedTags(data, classes, lexica, opts, rnd);
  // The parser learns from the first pass's tags, a little more wrong than the second pass's (as
  // good on dev as the second pass's jack-knifed tags, at half the taggers' training); the second
  // pass shuffles with a generator of its own, so the parser trains as the one-pass model does.
  if (opts.tagPasses >= 2) addSecondPass(tagger, data, tags, opts, mulberry32(opts.seed + 7919));
  const xs = inputs(data, tags, classUpos);
  const { transitions, labeller } = trainParser(data, xs, labels.length, 0, opts, rnd);
  const model: ParserModel = {
    tagger,
    upos,
    classUpos,
    labels,
    transitions,
    labeller,
    lemmas: new Map(),
  };
  const table = lemmaTable(sentences, (f, l, x) => lemmaOf(model, f, l, x));
  for (const [k, v] of table) model.lemmas.set(k, v);
  return model;
}
