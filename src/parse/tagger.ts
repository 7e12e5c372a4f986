/**
 * Part-of-speech tagging: a greedy left-to-right averaged perceptron over word, affix, shape and
 * context features, predicting UPOS and Penn XPOS together (one class per pair seen in training,
 * e.g. "AUX|VBZ"). Frequent unambiguous words are tagged from a dictionary. A model may have a second
 * pass, which tags again seeing the first pass's tags of the words to the right.
 */
import { type Clusters, clusterLevels } from "./clusters.ts";
import { featureKey, hashString } from "./hash.ts";
import { type Lexicon, lexicalReadings } from "./lexicon.ts";
import { argmax, type Scorer, SparseWeights } from "./perceptron.ts";

/** Per-word atoms a sentence's features are built from, computed once per sentence. */
export interface WordAtoms {
  /** The words as given, and lower-cased. */
  text: readonly string[];
  lower: string[];
  word: Int32Array;
  suf1: Int32Array;
  suf2: Int32Array;
  suf3: Int32Array;
  suf4: Int32Array;
  suf5: Int32Array;
  pre1: Int32Array;
  pre2: Int32Array;
  pre3: Int32Array;
  pre4: Int32Array;
  /** The word's readings in the lexicon (see lexicon.ts; 0: none). */
  lex: Int32Array;
  shape: Int32Array;
  /** Case-sensitive form. */
  form: Int32Array;
  /** Word clusters: coarse, middle, fine (0: not clustered). */
  c1: Int32Array;
  c2: Int32Array;
  c3: Int32Array;
  /** 1 where the word is one the tagger saw often enough in training (see `TaggerModel.known`). */
  known: Uint8Array;
  /** 1 where the word begins with a capital. */
  upper: Uint8Array;
}

const PAD = [hashString("<s-2>"), hashString("<s-1>"), hashString("</s+1>"), hashString("</s+2>")];

/** A word's shape: runs of upper, lower, digit and other characters, each run capped at two. */
export function wordShape(s: string): string {
  let out = "";
  let last = "";
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const ch = s[i];
    const c =
      code >= 65 && code <= 90
        ? "X"
        : code >= 97 && code <= 122
          ? "x"
          : code >= 48 && code <= 57
            ? "d"
            : code < 128
              ? ch
              : /\p{Lu}/u.test(ch)
                ? "X"
                : /\p{Ll}/u.test(ch)
                  ? "x"
                  : /\p{N}/u.test(ch)
                    ? "d"
                    : ch;
    if (c === last) {
      if (++run > 2) continue;
    } else {
      last = c;
      run = 1;
    }
    out += c;
  }
  return out;
}

/** The atoms of a word form: those of the form alone, and what the lexica say of it. */
interface FormAtoms {
  lower: string;
  word: number;
  suf1: number;
  suf2: number;
  suf3: number;
  suf4: number;
  suf5: number;
  pre1: number;
  pre2: number;
  pre3: number;
  pre4: number;
  shape: number;
  form: number;
  upper: number;
  lex: number;
  c1: number;
  c2: number;
  c3: number;
  known: number;
}

/** What the tagger knows of words beyond the treebank's features (all optional). */
export interface Lexica {
  clusters?: Clusters;
  known?: ReadonlySet<string>;
  lexicon?: Lexicon;
}

/**
 * Form atoms per word form, per lexica (a model's tagger, or training's), cleared when full: hashing
 * a word's affixes and looking it up in each lexicon costs more than one lookup. The lexica must not
 * change once a sentence has been read with them.
 */
const formAtomsCache = new WeakMap<Lexica, Map<string, FormAtoms>>();
const FORM_ATOMS_CACHE_SIZE = 50_000;

function formAtoms(cache: Map<string, FormAtoms>, lexica: Lexica, f: string): FormAtoms {
  let a = cache.get(f);
  if (a === undefined) {
    const w = f.toLowerCase().replace(/’/g, "'");
    const cluster = lexica.clusters?.get(w);
    const [c1, c2, c3] = cluster === undefined ? [0, 0, 0] : clusterLevels(cluster);
    a = {
      lower: w,
      word: hashString(w),
      suf1: hashString(w.slice(-1)),
      suf2: hashString(w.slice(-2)),
      suf3: hashString(w.slice(-3)),
      suf4: hashString(w.slice(-4)),
      suf5: hashString(w.slice(-5)),
      pre1: hashString(w.slice(0, 1)),
      pre2: hashString(w.slice(0, 2)),
      pre3: hashString(w.slice(0, 3)),
      pre4: hashString(w.slice(0, 4)),
      shape: hashString(wordShape(f)),
      form: hashString(f),
      upper: /^\p{Lu}/u.test(f) ? 1 : 0,
      lex: lexica.lexicon ? lexicalReadings(w, lexica.lexicon) : 0,
      c1,
      c2,
      c3,
      known: lexica.known?.has(w) ? 1 : 0,
    };
    if (cache.size >= FORM_ATOMS_CACHE_SIZE) cache.clear();
    cache.set(f, a);
  }
  return a;
}

/** Atoms for the words of a sentence. */
export function wordAtoms(forms: readonly string[], lexica: Lexica = {}): WordAtoms {
  let cache = formAtomsCache.get(lexica);
  if (!cache) {
    cache = new Map();
    formAtomsCache.set(lexica, cache);
  }
  const n = forms.length;
  const a: WordAtoms = {
    text: forms,
    lower: new Array(n),
    word: new Int32Array(n),
    suf1: new Int32Array(n),
    suf2: new Int32Array(n),
    suf3: new Int32Array(n),
    suf4: new Int32Array(n),
    suf5: new Int32Array(n),
    pre1: new Int32Array(n),
    pre2: new Int32Array(n),
    pre3: new Int32Array(n),
    pre4: new Int32Array(n),
    lex: new Int32Array(n),
    shape: new Int32Array(n),
    form: new Int32Array(n),
    c1: new Int32Array(n),
    c2: new Int32Array(n),
    c3: new Int32Array(n),
    known: new Uint8Array(n),
    upper: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const f = formAtoms(cache, lexica, forms[i]);
    a.lower[i] = f.lower;
    a.word[i] = f.word;
    a.form[i] = f.form;
    a.suf1[i] = f.suf1;
    a.suf2[i] = f.suf2;
    a.suf3[i] = f.suf3;
    a.suf4[i] = f.suf4;
    a.suf5[i] = f.suf5;
    a.pre1[i] = f.pre1;
    a.pre2[i] = f.pre2;
    a.pre3[i] = f.pre3;
    a.pre4[i] = f.pre4;
    a.lex[i] = f.lex;
    a.shape[i] = f.shape;
    a.c1[i] = f.c1;
    a.c2[i] = f.c2;
    a.c3[i] = f.c3;
    a.known[i] = f.known;
    a.upper[i] = f.upper;
  }
  return a;
}

/** Number of features `tagFeatures` writes at most. */
export const TAG_FEATURES = 58;

const at = (arr: Int32Array, i: number): number =>
  i < 0 ? PAD[i + 2] : i >= arr.length ? PAD[i - arr.length + 2] : arr[i];

/** Number of features `wordFeatures` writes. */
const WORD_FEATURES = 20;

/**
 * Features of word `i` that depend on the word alone (its form, affixes, shape, clusters) into
 * `keys`; returns how many. Their scores can be kept per word form.
 */
function wordFeatures(a: WordAtoms, i: number, keys: Int32Array): number {
  const c3 = a.c3[i];
  let k = 0;
  keys[k++] = featureKey(1, 0);
  keys[k++] = featureKey(2, a.word[i]);
  keys[k++] = featureKey(3, a.suf1[i]);
  keys[k++] = featureKey(4, a.suf2[i]);
  keys[k++] = featureKey(5, a.suf3[i]);
  keys[k++] = featureKey(6, a.suf4[i]);
  keys[k++] = featureKey(7, a.pre1[i]);
  keys[k++] = featureKey(8, a.pre2[i]);
  keys[k++] = featureKey(9, a.shape[i]);
  keys[k++] = featureKey(10, a.form[i]);
  keys[k++] = featureKey(31, c3);
  keys[k++] = featureKey(32, a.c2[i]);
  keys[k++] = featureKey(38, c3, a.suf2[i]);
  // An unknown word is seldom a function word, whatever its shape ("Xi" is no "If").
  keys[k++] = featureKey(39, a.known[i], a.shape[i]);
  keys[k++] = featureKey(54, a.suf5[i]);
  keys[k++] = featureKey(55, a.pre3[i]);
  keys[k++] = featureKey(56, a.pre4[i]);
  // What the lexicon says the word can be, alone, with its ending, and with whether the treebank
  // knows it and it is capitalised (a capitalised unknown noun is a name more often than not).
  keys[k++] = featureKey(49, a.lex[i]);
  keys[k++] = featureKey(50, a.lex[i], a.suf2[i]);
  keys[k++] = featureKey(57, a.lex[i], a.known[i], a.upper[i]);
  return k;
}

/**
 * Features of word `i` in its context, given the two previous tags (class ids, -1/-2 for none),
 * written into `keys` from `k`; returns the new count.
 */
function contextFeatures(
  a: WordAtoms,
  i: number,
  p1: number,
  p2: number,
  keys: Int32Array,
  k: number,
): number {
  const w = a.word;
  const w0 = w[i];
  const wm1 = at(w, i - 1);
  const wp1 = at(w, i + 1);
  const c3 = a.c3[i];
  keys[k++] = featureKey(11, p1);
  keys[k++] = featureKey(12, p1, p2);
  keys[k++] = featureKey(13, p1, w0);
  keys[k++] = featureKey(14, wm1);
  // A neighbour's suffix with its capital: "in Beijing" is no "in making".
  keys[k++] = featureKey(15, at(a.suf3, i - 1), i > 0 ? a.upper[i - 1] : 2);
  keys[k++] = featureKey(16, at(w, i - 2));
  keys[k++] = featureKey(17, wp1);
  keys[k++] = featureKey(18, at(a.suf3, i + 1), i + 1 < a.upper.length ? a.upper[i + 1] : 2);
  keys[k++] = featureKey(19, at(w, i + 2));
  keys[k++] = featureKey(20, wm1, w0);
  keys[k++] = featureKey(21, w0, wp1);
  keys[k++] = featureKey(22, p1, wp1);
  keys[k++] = featureKey(23, at(a.shape, i - 1), a.shape[i], at(a.shape, i + 1));
  keys[k++] = featureKey(24, i === 0 ? 1 : 0, a.shape[i]);
  keys[k++] = featureKey(25, p1, a.suf3[i]);
  keys[k++] = featureKey(26, at(a.suf2, i + 1), at(a.suf2, i + 2));
  keys[k++] = featureKey(27, at(a.shape, i + 1), wp1 === PAD[2] ? 1 : 0);
  keys[k++] = featureKey(28, wm1, w0, wp1);
  keys[k++] = featureKey(29, p2, wm1);
  keys[k++] = featureKey(30, p1, at(a.suf1, i + 1));
  keys[k++] = featureKey(33, a.c1[i], p1);
  keys[k++] = featureKey(34, at(a.c3, i - 1));
  keys[k++] = featureKey(35, at(a.c3, i + 1));
  keys[k++] = featureKey(36, at(a.c2, i + 1), c3);
  keys[k++] = featureKey(37, at(a.c2, i - 1), c3, p1);
  keys[k++] = featureKey(40, a.known[i], a.shape[i], i === 0 ? 1 : 0);
  const lexNext = i + 1 < a.lex.length ? a.lex[i + 1] : -5;
  keys[k++] = featureKey(51, lexNext);
  keys[k++] = featureKey(52, i > 0 ? a.lex[i - 1] : -5, p1);
  keys[k++] = featureKey(53, a.lex[i], p1);
  keys[k++] = featureKey(58, a.lex[i], lexNext);
  return k;
}

/**
 * Features of word `i` from a first pass's tags (`first`): its own and those of the next two words,
 * which a left-to-right pass cannot see ("that" before a verb is no determiner). Written from `k`;
 * returns the new count.
 */
function firstPassFeatures(
  a: WordAtoms,
  i: number,
  p1: number,
  first: Int32Array,
  keys: Int32Array,
  k: number,
): number {
  const n = first.length;
  const r1 = i + 1 < n ? first[i + 1] : -3;
  const r2 = i + 2 < n ? first[i + 2] : -4;
  const t0 = first[i];
  keys[k++] = featureKey(41, t0);
  keys[k++] = featureKey(42, r1);
  keys[k++] = featureKey(43, r1, r2);
  keys[k++] = featureKey(44, p1, r1);
  keys[k++] = featureKey(45, a.word[i], r1);
  keys[k++] = featureKey(46, t0, r1);
  keys[k++] = featureKey(47, a.suf3[i], r1);
  keys[k++] = featureKey(48, t0, p1, r1);
  return k;
}

/**
 * All features of word `i` given the two previous tags (class ids, -1/-2 for none) into `keys`, and
 * in a second pass the first pass's tags (`first`); returns how many.
 */
export function tagFeatures(
  a: WordAtoms,
  i: number,
  p1: number,
  p2: number,
  keys: Int32Array,
  first?: Int32Array,
): number {
  const k = contextFeatures(a, i, p1, p2, keys, wordFeatures(a, i, keys));
  return first ? firstPassFeatures(a, i, p1, first, keys, k) : k;
}

/** A trained tagger's tables. */
export interface TaggerModel {
  /** Class names, "UPOS|XPOS". */
  classes: string[];
  /** Lower-cased word → class, for frequent unambiguous words. */
  dictionary: Map<string, number>;
  /** Word clusters from unlabelled text. */
  clusters: Clusters;
  /** Lower-cased words seen at least twice in training (older models: none). */
  known: ReadonlySet<string>;
  /** Lemmas and their parts of speech, for words the treebank lacks. */
  lexicon: Lexicon;
  weights: Scorer;
  /**
   * The second pass's weights: it tags again, seeing the first pass's tags of the words to the
   * right (older models: none, one pass).
   */
  second?: Scorer;
  /**
   * The first pass's lead (its best class's score over the next one's) beyond which the second pass
   * keeps the first pass's tag instead of tagging the word again (absent: it tags every word again).
   */
  sure?: number;
}

/**
 * Scores of the word-alone features per word form, per weight table, cleared when full: integer
 * sums for sparse weights (see `SparseWeights.sums`), else floats.
 */
const wordScoreCache = new WeakMap<Scorer, Map<string, Float32Array | Int32Array>>();
const WORD_SCORE_CACHE_SIZE = 50_000;

/** The weight table's cache of word-alone scores per word form. */
function wordScoreCacheOf(w: Scorer): Map<string, Float32Array | Int32Array> {
  let cache = wordScoreCache.get(w);
  if (!cache) {
    cache = new Map();
    wordScoreCache.set(w, cache);
  }
  return cache;
}

/** The scores of word `i`'s word-alone features, from the cache where its form was seen. */
function wordScores(
  w: Scorer,
  cache: Map<string, Float32Array | Int32Array>,
  a: WordAtoms,
  i: number,
  keys: Int32Array,
): Float32Array | Int32Array {
  const form = a.text[i];
  let scores = cache.get(form);
  if (!scores) {
    const n = wordFeatures(a, i, keys);
    if (w instanceof SparseWeights) {
      scores = new Int32Array(w.classes);
      w.prefetch(keys, n);
      w.sums(keys, 0, n, scores);
    } else {
      scores = new Float32Array(w.classes);
      w.score(keys, n, scores);
    }
    if (cache.size >= WORD_SCORE_CACHE_SIZE) cache.clear();
    cache.set(form, scores);
  }
  return scores;
}

/** How far class `best`'s sum leads the next class's. */
function lead(sums: Int32Array, best: number): number {
  let second = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < sums.length; c++) if (c !== best && sums[c] > second) second = sums[c];
  return sums[best] - second;
}

/** Tag class ids for a sentence's atoms (greedy, left to right; again if the model has a second pass). */
export function tagSentence(m: TaggerModel, a: WordAtoms): Int32Array {
  if (!m.second) return tagPass(m, m.weights, a);
  const leads = new Float32Array(a.word.length);
  const first = tagPass(m, m.weights, a, undefined, leads);
  return tagPass(m, m.second, a, first, leads);
}

/**
 * One greedy left-to-right pass with weights `w`. A first pass writes each word's lead into `leads`
 * (Infinity for a dictionary word, 0 where it was close); a second pass sees the `first` pass's tags
 * and keeps those whose lead is beyond `m.sure`.
 */
function tagPass(
  m: TaggerModel,
  w: Scorer,
  a: WordAtoms,
  first?: Int32Array,
  leads?: Float32Array,
): Int32Array {
  const n = a.word.length;
  const out = new Int32Array(n);
  const keys = new Int32Array(TAG_FEATURES);
  const scores = new Float32Array(m.classes.length);
  const sums = new Int32Array(m.classes.length);
  const ownKeys = new Int32Array(WORD_FEATURES);
  const sparse = w instanceof SparseWeights ? w : null;
  const cache = wordScoreCacheOf(w);
  let p1 = -1;
  let p2 = -2;
  const sure = m.sure ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    let c = m.dictionary.get(a.lower[i]);
    if (c !== undefined) {
      if (leads && !first) leads[i] = Number.POSITIVE_INFINITY;
    } else if (first && leads && leads[i] > sure) c = first[i];
    else {
      const own = wordScores(w, cache, a, i, keys);
      let k = contextFeatures(a, i, p1, p2, keys, 0);
      if (first) k = firstPassFeatures(a, i, p1, first, keys, k);
      c = -1;
      if (sparse) {
        // Integer sums decide, unless the best two classes are too close to call.
        sums.set(own);
        sparse.prefetch(keys, k);
        sparse.sums(keys, 0, k, sums);
        c = sparse.clearBest(sums, WORD_FEATURES + k);
        if (c >= 0 && leads && !first) leads[i] = lead(sums, c) * sparse.unit;
        if (c < 0) {
          // The float scores as they were always added: the word's own features, then the others.
          scores.fill(0);
          sparse.score(ownKeys, wordFeatures(a, i, ownKeys), scores);
        }
      } else scores.set(own);
      if (c < 0) {
        w.score(keys, k, scores);
        c = argmax(scores, scores.length);
      }
    }
    out[i] = c;
    p2 = p1;
    p1 = c;
  }
  return out;
}
