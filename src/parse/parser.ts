/**
 * Sentences in, Universal Dependencies trees out: tag, then parse greedily with the arc-hybrid
 * system, labelling each arc as it is made. Pure: a model and words in, a tree out.
 */
import {
  LABEL_FEATURES,
  labelFeatures,
  PARSE_FEATURES,
  type ParseInput,
  parseFeatures,
  parseInput,
} from "./features.ts";
import { lexicalLemma } from "./lexicon.ts";
import { type Scorer, SparseWeights } from "./perceptron.ts";
import { ParseState, TRANSITIONS } from "./state.ts";
import { type TaggerModel, tagSentence, type WordAtoms, wordAtoms } from "./tagger.ts";
import { TransitionScores } from "./transition-scores.ts";

/** A trained parser: tagger, transition classifier, labeller and lemma table. */
export interface ParserModel {
  tagger: TaggerModel;
  /** UPOS names; `classUpos[c]` is the UPOS id of tag class c. */
  upos: string[];
  classUpos: Int32Array;
  labels: string[];
  transitions: Scorer;
  labeller: Scorer;
  /** "lower-cased form\tXPOS" → lemma, where the lemma is not the rule's. */
  lemmas: Map<string, string>;
}

/** One word of a parsed sentence. */
export interface ParsedWord {
  /** 1-based position. */
  id: number;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  /** Head's id, 0 for the root. */
  head: number;
  deprel: string;
}

/** Reusable buffers, so parsing a sentence allocates little. */
const keys = new Int32Array(Math.max(PARSE_FEATURES, LABEL_FEATURES));
const tscores = new Float32Array(TRANSITIONS);
let lscores = new Float32Array(64);
let lsums = new Int32Array(64);
const transitionScores = new WeakMap<Scorer, TransitionScores | null>();

/** Part sums kept per parse for packed transition weights (null for others: training's). */
function transitionScoresOf(w: Scorer): TransitionScores | null {
  let ts = transitionScores.get(w);
  if (ts === undefined) {
    ts = w instanceof SparseWeights && w.packed ? new TransitionScores(w) : null;
    transitionScores.set(w, ts);
  }
  return ts;
}

/** Run the transition classifier and labeller over `x`; the state holds the tree. */
export function parseTagged(
  m: Pick<ParserModel, "transitions" | "labeller" | "labels">,
  x: ParseInput,
): ParseState {
  const st = new ParseState(x.n);
  const nl = m.labeller.classes;
  const root = m.labels.indexOf("root");
  if (lscores.length < nl) {
    lscores = new Float32Array(nl);
    lsums = new Int32Array(nl);
  }
  const ts = transitionScoresOf(m.transitions);
  const lw = m.labeller instanceof SparseWeights ? m.labeller : null;
  ts?.begin(x.n);
  while (!st.done) {
    let t = -1;
    let choices = 0;
    for (let k = 0; k < TRANSITIONS; k++)
      if (st.valid(k)) {
        t = k;
        choices++;
      }
    // The first shift and, once the buffer is empty, each attachment left are the only move there is.
    if (choices > 1) {
      if (ts) ts.score(x, st, tscores);
      else {
        const nk = parseFeatures(x, st, keys);
        tscores.fill(0);
        m.transitions.score(keys, nk, tscores);
      }
      t = -1;
      for (let k = 0; k < TRANSITIONS; k++) if (st.valid(k) && (t < 0 || tscores[k] > tscores[t])) t = k;
    }
    const arc = st.arc(t);
    let label = -1;
    if (arc && arc[0] === 0) label = root;
    else if (arc) {
      const lk = labelFeatures(x, st, arc[0], arc[1], keys);
      if (lw) {
        // Integer sums decide, unless the best two labels are too close to call.
        lw.prefetch(keys, lk);
        lsums.fill(0, 0, nl);
        lw.sums(keys, 0, lk, lsums);
        label = lw.clearBest(lsums, lk, root);
      }
      if (label < 0) {
        lscores.fill(0, 0, nl);
        m.labeller.score(keys, lk, lscores);
        for (let c = 0; c < nl; c++) if (c !== root && (label < 0 || lscores[c] > lscores[label])) label = c;
      }
    }
    st.apply(t, label);
  }
  return st;
}

/** The parser's input for tagged words. */
export function inputFor(m: ParserModel, atoms: WordAtoms, tags: Int32Array): ParseInput {
  const upos = new Int32Array(tags.length);
  for (let i = 0; i < tags.length; i++) upos[i] = m.classUpos[tags[i]];
  return parseInput(atoms, tags, upos);
}

const LEMMA_RULES: [RegExp, RegExp, string][] = [
  [/^NNP?S$/, /ies$/, "y"],
  [/^NNP?S$/, /(ss|x|ch|sh)es$/, "$1"],
  [/^NNP?S$/, /s$/, ""],
  [/^VBZ$/, /ies$/, "y"],
  [/^VBZ$/, /(ss|x|ch|sh|o)es$/, "$1"],
  [/^VBZ$/, /s$/, ""],
  [/^VB[DN]$/, /ied$/, "y"],
  [/^VB[DN]$/, /([^aeiou])\1ed$/, "$1"],
  [/^VB[DN]$/, /(at|iz|is|ut|ag|ur|ov|ok|id|ar|ag)ed$/, "$1e"],
  [/^VB[DN]$/, /ed$/, ""],
  [/^VBG$/, /([^aeiou])\1ing$/, "$1"],
  [/^VBG$/, /(at|iz|is|ut|ag|ur|ov|ok|id|ar)ing$/, "$1e"],
  [/^VBG$/, /ing$/, ""],
  [/^JJR$/, /er$/, ""],
  [/^JJS$/, /est$/, ""],
];

/**
 * The lemma of a word: from the table where training saw it; else, for an inflected word, the first
 * way of undoing its ending that gives a lemma of its part of speech in the tagger's lexicon
 * ("resumed" → "resume", "planned" → "plan"), or the suffix rules; else the word in lower case
 * (proper nouns keep theirs).
 */
export function lemmaOf(m: ParserModel, form: string, lower: string, xpos: string): string {
  const known = m.lemmas.get(`${lower}\t${xpos}`);
  if (known !== undefined) return known;
  if (xpos === "NNP" || xpos === "NNPS") return xpos === "NNPS" ? form.replace(/s$/, "") : form;
  const c = xpos.charCodeAt(0);
  // Only nouns (N…), verbs (V…) and comparative adjectives (J…) inflect.
  if (c === 78 || c === 86 || c === 74) {
    const inLexicon = lexicalLemma(lower, xpos, m.tagger.lexicon);
    if (inLexicon !== undefined) return inLexicon;
    for (const [tag, suffix, by] of LEMMA_RULES)
      if (tag.test(xpos) && suffix.test(lower)) return lower.replace(suffix, by);
  }
  return lower;
}

const splitTags = new WeakMap<ParserModel, [string, string][]>();

/** Each tag class as [UPOS, XPOS]. */
function tagNames(m: ParserModel): [string, string][] {
  let names = splitTags.get(m);
  if (!names) {
    names = m.tagger.classes.map((c) => c.split("|") as [string, string]);
    splitTags.set(m, names);
  }
  return names;
}

/**
 * Parse one sentence's words (already tokenised).
 *
 * @example parse(model, ["China", "condemned", "the", "test", "."])[1].deprel // "root"
 */
export function parse(m: ParserModel, forms: readonly string[]): ParsedWord[] {
  if (forms.length === 0) return [];
  const atoms = wordAtoms(forms, m.tagger);
  const tags = tagSentence(m.tagger, atoms);
  const x = inputFor(m, atoms, tags);
  const st = parseTagged(m, x);
  const out: ParsedWord[] = new Array(forms.length);
  const names = tagNames(m);
  for (let i = 0; i < forms.length; i++) {
    const [upos, xpos] = names[tags[i]];
    const head = st.heads[i + 1];
    out[i] = {
      id: i + 1,
      form: forms[i],
      lemma: lemmaOf(m, forms[i], atoms.lower[i], xpos),
      upos,
      xpos,
      head,
      deprel: head === 0 ? "root" : (m.labels[st.labels[i + 1]] ?? "dep"),
    };
  }
  return out;
}
