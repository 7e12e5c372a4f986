/**
 * Word clusters from unlabelled text, for the tagger and parser to generalise past the treebank's
 * vocabulary (after Koo, Carreras & Collins 2008, who used Brown clusters). Each word is described
 * by its left and right neighbours (positive PMI over the most frequent context words), projected
 * to a few dozen dimensions, then clustered top-down by spherical k-means into a three-level
 * hierarchy, so a word has a coarse, a middle and a fine cluster, like Brown-cluster prefixes.
 */

export interface ClusterOptions {
  /** Words seen fewer times are not clustered. */
  minCount: number;
  /** Most frequent words to cluster. */
  maxWords: number;
  /** Context vocabulary: the most frequent words. */
  contexts: number;
  dims: number;
  /** Branching at each level (coarse, middle, fine). */
  branching: [number, number, number];
  iterations: number;
  rnd: () => number;
  progress: (message: string) => void;
}

/** Word → packed cluster path: coarse << 22 | middle << 12 | fine, each level numbered from 1. */
export type Clusters = Map<string, number>;

/** The three levels of a packed cluster path (0 = unknown word). */
export function clusterLevels(c: number): [number, number, number] {
  return [c >>> 22, (c >>> 12) & 0x3ff, c & 0xfff];
}

function gaussian(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

function normalize(v: Float32Array, off: number, d: number): void {
  let s = 0;
  for (let k = 0; k < d; k++) s += v[off + k] * v[off + k];
  const z = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let k = 0; k < d; k++) v[off + k] *= z;
}

/** Spherical k-means of rows `ids` of `vecs` into `k` groups; returns each row's group. */
function kmeans(
  vecs: Float32Array,
  d: number,
  ids: number[],
  k: number,
  iterations: number,
  rnd: () => number,
): Int32Array {
  const assign = new Int32Array(ids.length);
  if (ids.length <= k) {
    for (let i = 0; i < ids.length; i++) assign[i] = i;
    return assign;
  }
  const cent = new Float32Array(k * d);
  // Seeds: frequent words first (ids are in frequency order), spread by a stride, plus noise.
  for (let c = 0; c < k; c++) {
    const row = ids[Math.floor((c * ids.length) / k + rnd() * (ids.length / k))] ?? ids[c];
    cent.set(vecs.subarray(row * d, row * d + d), c * d);
  }
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < ids.length; i++) {
      const off = ids[i] * d;
      let best = 0;
      let bestSim = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        let s = 0;
        const co = c * d;
        for (let j = 0; j < d; j++) s += vecs[off + j] * cent[co + j];
        if (s > bestSim) {
          bestSim = s;
          best = c;
        }
      }
      assign[i] = best;
    }
    cent.fill(0);
    const size = new Int32Array(k);
    for (let i = 0; i < ids.length; i++) {
      const off = ids[i] * d;
      const co = assign[i] * d;
      size[assign[i]]++;
      for (let j = 0; j < d; j++) cent[co + j] += vecs[off + j];
    }
    for (let c = 0; c < k; c++) {
      if (size[c] === 0) {
        const row = ids[Math.floor(rnd() * ids.length)];
        cent.set(vecs.subarray(row * d, row * d + d), c * d);
      }
      normalize(cent, c * d, d);
    }
  }
  return assign;
}

/** Cluster the words of `sentences` (lower-cased tokens). */
export function buildClusters(sentences: Iterable<readonly string[]>, opts: ClusterOptions): Clusters {
  const counts = new Map<string, number>();
  const corpus: string[][] = [];
  for (const s of sentences) {
    corpus.push(s as string[]);
    for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const byFreq = [...counts]
    .filter(([, n]) => n >= opts.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const words = byFreq.slice(0, opts.maxWords).map(([w]) => w);
  const index = new Map(words.map((w, i) => [w, i]));
  const nc = Math.min(opts.contexts, words.length);
  opts.progress(
    `clusters: ${corpus.length} sentences, ${counts.size} word types, clustering ${words.length}`,
  );
  // Co-occurrence counts: word × (left context | right context), sparse per word.
  const co: Map<number, number>[] = words.map(() => new Map());
  const ctxTotal = new Float64Array(2 * nc);
  let total = 0;
  for (const s of corpus)
    for (let i = 0; i < s.length; i++) {
      const w = index.get(s[i]);
      if (w === undefined) continue;
      const l = i > 0 ? index.get(s[i - 1]) : undefined;
      const r = i + 1 < s.length ? index.get(s[i + 1]) : undefined;
      if (l !== undefined && l < nc) {
        co[w].set(l, (co[w].get(l) ?? 0) + 1);
        ctxTotal[l]++;
        total++;
      }
      if (r !== undefined && r < nc) {
        co[w].set(nc + r, (co[w].get(nc + r) ?? 0) + 1);
        ctxTotal[nc + r]++;
        total++;
      }
    }
  // PPMI, projected onto random Gaussian directions.
  const d = opts.dims;
  const proj = new Float32Array(2 * nc * d);
  for (let i = 0; i < proj.length; i++) proj[i] = gaussian(opts.rnd);
  const vecs = new Float32Array(words.length * d);
  for (let w = 0; w < words.length; w++) {
    let rowTotal = 0;
    for (const n of co[w].values()) rowTotal += n;
    const off = w * d;
    for (const [c, n] of co[w]) {
      const pmi = Math.log((n * total) / (rowTotal * ctxTotal[c]));
      if (pmi <= 0) continue;
      const po = c * d;
      for (let j = 0; j < d; j++) vecs[off + j] += pmi * proj[po + j];
    }
    normalize(vecs, off, d);
  }
  opts.progress("clusters: vectors built");
  const out: Clusters = new Map();
  const [b1, b2, b3] = opts.branching;
  const all = words.map((_, i) => i);
  const top = kmeans(vecs, d, all, b1, opts.iterations, opts.rnd);
  for (let c1 = 0; c1 < b1; c1++) {
    const g1 = all.filter((_, i) => top[i] === c1);
    const mid = kmeans(vecs, d, g1, b2, opts.iterations, opts.rnd);
    for (let c2 = 0; c2 < b2; c2++) {
      const g2 = g1.filter((_, i) => mid[i] === c2);
      const fine = kmeans(vecs, d, g2, b3, opts.iterations, opts.rnd);
      g2.forEach((w, i) => {
        out.set(
          words[w],
          ((c1 + 1) << 22) | ((c1 * b2 + c2 + 1) << 12) | ((c1 * b2 + c2) * b3 + fine[i] + 1),
        );
      });
    }
    opts.progress(`clusters: group ${c1 + 1}/${b1} split`);
  }
  return out;
}
