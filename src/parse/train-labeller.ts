/**
 * Training the arc labeller alone, on top of a trained parser's fixed transitions: the parser
 * parses the training sentences once (with jack-knifed tags), and the labeller learns from every
 * arc it makes with the right head, in the state the arc was made in (earlier arcs carrying their
 * gold labels, as in joint training). A labeller feature can so be tried in minutes instead of a
 * whole training; with the same features it scores as the labeller trained jointly.
 */
import type { ConlluSentence } from "./conllu.ts";
import { LABEL_FEATURES, labelFeatures, PARSE_FEATURES, type ParseInput, parseFeatures } from "./features.ts";
import type { ParserModel } from "./parser.ts";
import { argmax, type Scorer, type SparseWeights, TrainWeights } from "./perceptron.ts";
import { ParseState, TRANSITIONS } from "./state.ts";
import {
  defaultTrainOptions,
  inputs,
  jackknifedTags,
  mulberry32,
  prepare,
  type TrainOptions,
  type TrainSentence,
} from "./train.ts";

export interface LabellerOptions
  extends Pick<TrainOptions, "seed" | "tagEpochs" | "folds" | "dropHyphens" | "tablePrune" | "progress"> {
  /** Passes over the arcs. */
  epochs: number;
}

export const defaultLabellerOptions: LabellerOptions = { ...defaultTrainOptions, epochs: 15 };

/** The labeller's examples: feature keys of each arc with the right head, and its gold label. */
interface LabelledArcs {
  keys: Int32Array;
  starts: Int32Array;
  gold: Int32Array;
}

/**
 * Parse each sentence greedily with `m`'s transitions; arcs with a wrong head take `m`'s label
 * (they are no example, but later features see it).
 */
function collectArcs(
  m: { transitions: Scorer; labeller: Scorer },
  data: readonly TrainSentence[],
  xs: readonly ParseInput[],
  root: number,
): LabelledArcs {
  const keys: number[] = [];
  const starts: number[] = [0];
  const gold: number[] = [];
  const pk = new Int32Array(PARSE_FEATURES);
  const lk = new Int32Array(LABEL_FEATURES);
  const ts = new Float32Array(TRANSITIONS);
  const ls = new Float32Array(m.labeller.classes);
  for (let si = 0; si < data.length; si++) {
    const x = xs[si];
    const st = new ParseState(x.n);
    while (!st.done) {
      const nk = parseFeatures(x, st, pk);
      ts.fill(0);
      m.transitions.score(pk, nk, ts);
      const t = argmax(ts, TRANSITIONS, (k) => st.valid(k));
      const arc = st.arc(t);
      let label = -1;
      if (arc && arc[0] === 0) label = root;
      else if (arc) {
        const [h, d] = arc;
        const n = labelFeatures(x, st, h, d, lk);
        if (data[si].heads[d] === h) {
          for (let f = 0; f < n; f++) keys.push(lk[f]);
          starts.push(keys.length);
          label = data[si].labels[d];
          gold.push(label);
        } else {
          ls.fill(0);
          m.labeller.score(lk, n, ls);
          label = argmax(ls, m.labeller.classes, (c) => c !== root);
        }
      }
      st.apply(t, label);
    }
  }
  return { keys: Int32Array.from(keys), starts: Int32Array.from(starts), gold: Int32Array.from(gold) };
}

/** An averaged-perceptron labeller over `nLabels` labels, trained on `arcs`. */
function fitLabeller(
  arcs: LabelledArcs,
  nLabels: number,
  root: number,
  opts: LabellerOptions,
  rnd: () => number,
): SparseWeights {
  const count = arcs.gold.length;
  const w = new TrainWeights(nLabels);
  const scores = new Float32Array(nLabels);
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let right = 0;
    for (const a of order) {
      const keys = arcs.keys.subarray(arcs.starts[a], arcs.starts[a + 1]);
      scores.fill(0);
      w.score(keys, keys.length, scores);
      const guess = argmax(scores, nLabels, (c) => c !== root);
      const g = arcs.gold[a];
      if (guess === g) right++;
      else {
        w.update(keys, keys.length, g, 1);
        w.update(keys, keys.length, guess, -1);
      }
      w.tick++;
    }
    opts.progress(
      `labeller epoch ${epoch}/${opts.epochs}: train accuracy ${((100 * right) / count).toFixed(2)}%`,
    );
  }
  return w.average(opts.tablePrune);
}

/**
 * A new labeller for `model`, trained alone on the arcs its transitions make in `sentences`
 * (seeded: hyphen drops, jack-knifed tags and shuffles). The treebank must use only the model's tags
 * and relations.
 *
 * @example const m2 = { ...model, labeller: trainLabeller(model, train) };
 */
export function trainLabeller(
  model: ParserModel,
  sentences: readonly ConlluSentence[],
  options: Partial<LabellerOptions> = {},
): SparseWeights {
  const opts = { ...defaultLabellerOptions, ...options } satisfies LabellerOptions;
  const rnd = mulberry32(opts.seed);
  const { clusters, known, lexicon } = model.tagger;
  const lexica = { clusters, known, lexicon };
  const classes = [...model.tagger.classes];
  const labels = [...model.labels];
  const data = prepare(sentences, classes, labels, rnd, opts.dropHyphens, lexica);
  if (classes.length > model.tagger.classes.length || labels.length > model.labels.length)
    throw new Error(
      `treebank has tags or relations the model does not know: ${[
        ...classes.slice(model.tagger.classes.length),
        ...labels.slice(model.labels.length),
      ].join(", ")}`,
    );
  const tags = jackknifedTags(data, classes, lexica, opts, rnd);
  const root = labels.indexOf("root");
  const arcs = collectArcs(model, data, inputs(data, tags, model.classUpos), root);
  opts.progress(`labeller: ${arcs.gold.length} arcs with the right head`);
  return fitLabeller(arcs, labels.length, root, opts, rnd);
}
