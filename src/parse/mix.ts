/**
 * Parameter mixing of parser models: several models trained alone (different seeds, the same word
 * clusters) become one, whose scores are the mean of theirs — an ensemble at the cost of one model
 * (McDonald, Hall & Mann 2010 mix perceptrons this way). Each member is first rounded to the 8-bit
 * weights its model file would hold, so mixing files and mixing freshly trained members agree.
 */
import { byteScale } from "./codec.ts";
import type { ParserModel } from "./parser.ts";
import { meanWeights, SparseWeights } from "./perceptron.ts";

/** `w` with its weights rounded to 255 levels, as the model file stores them. */
export function quantized(w: SparseWeights): SparseWeights {
  const scale = byteScale(w.vals);
  const vals = w.vals.map((v) => Math.round(v / scale) * scale);
  return new SparseWeights(w.classes, w.keys, w.starts, w.cls, vals);
}

/**
 * `w` without the weights its model file would round to ±`units` or less (see `quantized`), and
 * without the keys left with none. A mix's mean has many such weights, most of them of keys one
 * member saw; dropping them more than halves its tables and costs nothing on EWT dev
 * (docs/coding.md).
 */
export function pruneWeights(w: SparseWeights, units: number): SparseWeights {
  if (units <= 0) return w;
  const limit = (units + 0.5) * byteScale(w.vals);
  const keys: number[] = [];
  const starts: number[] = [0];
  const cls: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < w.keys.length; r++) {
    const before = cls.length;
    for (let p = w.starts[r]; p < w.starts[r + 1]; p++)
      if (Math.abs(w.vals[p]) >= limit) {
        cls.push(w.cls[p]);
        vals.push(w.vals[p]);
      }
    if (cls.length > before) {
      keys.push(w.keys[r]);
      starts.push(cls.length);
    }
  }
  return new SparseWeights(
    w.classes,
    Int32Array.from(keys),
    Int32Array.from(starts),
    Uint8Array.from(cls),
    Float32Array.from(vals),
  );
}

/** `w` with class c renumbered `ids[c]`, over `classes` classes. */
function renumbered(w: SparseWeights, ids: readonly number[], classes: number): SparseWeights {
  return new SparseWeights(
    classes,
    w.keys,
    w.starts,
    w.cls.map((c) => ids[c]),
    w.vals,
  );
}

function sameMap(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [word, c] of a) if (b.get(word) !== c) return false;
  return true;
}

/** Names of every member's list, the first member's order first; each member's ids into it. */
function union(lists: readonly (readonly string[])[]): { names: string[]; ids: number[][] } {
  const names: string[] = [];
  const at = new Map<string, number>();
  const ids = lists.map((list) =>
    list.map((name) => {
      let i = at.get(name);
      if (i === undefined) {
        i = names.length;
        names.push(name);
        at.set(name, i);
      }
      return i;
    }),
  );
  return { names, ids };
}

/**
 * One model scoring as the mean of `models` (the first gives the dictionary and lemmas), without the
 * mean weights that round to ±`prune` 127ths of their table's largest or less (see `pruneWeights`).
 */
export function mixModels(models: readonly ParserModel[], prune = 0): ParserModel {
  const [first] = models;
  if (!first) throw new Error("no parser models to mix");
  for (const m of models) {
    if (!sameMap(m.tagger.clusters, first.tagger.clusters))
      throw new Error(
        "parser models to mix must share their word clusters (train them with one --cluster-seed)",
      );
    if (!sameMap(m.tagger.lexicon, first.tagger.lexicon))
      throw new Error("parser models to mix must share their lexicon (train them with one WordNet)");
  }
  const classes = union(models.map((m) => m.tagger.classes));
  const labels = union(models.map((m) => m.labels));
  const upos = [...first.upos];
  const classUpos = Int32Array.from(classes.names, (c) => {
    const u = c.split("|")[0];
    if (!upos.includes(u)) upos.push(u);
    return upos.indexOf(u);
  });
  const mix = (table: (m: ParserModel) => unknown, ids: number[][] | null, count: number): SparseWeights =>
    pruneWeights(
      meanWeights(
        models.map((m, k) => {
          const w = table(m);
          if (!(w instanceof SparseWeights)) throw new Error("only averaged (sparse) weights can be mixed");
          return ids ? renumbered(quantized(w), ids[k], count) : quantized(w);
        }),
      ),
      prune,
    );
  const passes = new Set(models.map((m) => (m.tagger.second ? 2 : 1)));
  if (passes.size > 1) throw new Error("parser models to mix must have as many tagger passes");
  return {
    tagger: {
      ...(first.tagger.second && { second: mix((m) => m.tagger.second, classes.ids, classes.names.length) }),
      classes: classes.names,
      dictionary: first.tagger.dictionary,
      clusters: first.tagger.clusters,
      known: first.tagger.known,
      lexicon: first.tagger.lexicon,
      ...(first.tagger.sure !== undefined && { sure: first.tagger.sure }),
      weights: mix((m) => m.tagger.weights, classes.ids, classes.names.length),
    },
    upos,
    classUpos,
    labels: labels.names,
    transitions: mix((m) => m.transitions, null, first.transitions.classes),
    labeller: mix((m) => m.labeller, labels.ids, labels.names.length),
    lemmas: first.lemmas,
  };
}
