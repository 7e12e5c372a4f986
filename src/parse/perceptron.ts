/**
 * Averaged perceptron weights over hashed features, in two forms: a dense, growable form for
 * training (with lazy averaging) and a sparse, read-only form for parsing (only non-zero class
 * weights kept, so a feature row costs what it holds).
 */

/** Open-addressing map from non-zero 32-bit keys to row numbers. */
export class KeyTable {
  keys: Int32Array;
  rows: Int32Array;
  size = 0;
  #mask: number;

  constructor(capacity = 1 << 16) {
    let c = 16;
    while (c < capacity * 2) c <<= 1;
    this.keys = new Int32Array(c);
    this.rows = new Int32Array(c);
    this.#mask = c - 1;
  }

  /** The row of `key`, or -1. */
  get(key: number): number {
    const keys = this.keys;
    const mask = this.#mask;
    let i = key & mask;
    for (;;) {
      const k = keys[i];
      if (k === key) return this.rows[i];
      if (k === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  /** Store `row` under `key` (which must be absent). */
  set(key: number, row: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.#grow();
    const mask = this.#mask;
    let i = key & mask;
    while (this.keys[i] !== 0) i = (i + 1) & mask;
    this.keys[i] = key;
    this.rows[i] = row;
    this.size++;
  }

  #grow(): void {
    const { keys, rows } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.rows = new Int32Array(keys.length * 2);
    this.#mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i], rows[i]);
  }
}

/** Scores classes for a bag of feature keys. */
export interface Scorer {
  readonly classes: number;
  /** Add the weights of `keys[0..n)` into `out` (length `classes`, zeroed by the caller). */
  score(keys: Int32Array, n: number, out: Float32Array): void;
}

/** Training weights: dense rows with running totals for the averaged perceptron. */
export class TrainWeights implements Scorer {
  readonly table = new KeyTable(1 << 18);
  w: Float32Array;
  total: Float64Array;
  stamp: Int32Array;
  rowCount = 0;
  /** Update count, the perceptron's clock. */
  tick = 1;

  constructor(readonly classes: number) {
    const cap = 1 << 14;
    this.w = new Float32Array(cap * classes);
    this.total = new Float64Array(cap * classes);
    this.stamp = new Int32Array(cap * classes);
  }

  score(keys: Int32Array, n: number, out: Float32Array): void {
    const c = this.classes;
    const w = this.w;
    for (let f = 0; f < n; f++) {
      const row = this.table.get(keys[f]);
      if (row < 0) continue;
      const base = row * c;
      for (let k = 0; k < c; k++) out[k] += w[base + k];
    }
  }

  #row(key: number): number {
    let row = this.table.get(key);
    if (row >= 0) return row;
    row = this.rowCount++;
    if (this.rowCount * this.classes > this.w.length) {
      const size = this.w.length * 2;
      const w = new Float32Array(size);
      w.set(this.w);
      const total = new Float64Array(size);
      total.set(this.total);
      const stamp = new Int32Array(size);
      stamp.set(this.stamp);
      this.w = w;
      this.total = total;
      this.stamp = stamp;
    }
    this.table.set(key, row);
    return row;
  }

  /** Move weight `delta` onto class `cls` for each of the features. */
  update(keys: Int32Array, n: number, cls: number, delta: number): void {
    for (let f = 0; f < n; f++) {
      const i = this.#row(keys[f]) * this.classes + cls;
      this.total[i] += (this.tick - this.stamp[i]) * this.w[i];
      this.stamp[i] = this.tick;
      this.w[i] += delta;
    }
  }

  /** The averaged weights, sparse; class weights with |w| < `prune` are dropped. */
  average(prune = 0): SparseWeights {
    const c = this.classes;
    const keys: number[] = [];
    const starts: number[] = [0];
    const cls: number[] = [];
    const vals: number[] = [];
    const { table } = this;
    for (let s = 0; s < table.keys.length; s++) {
      const key = table.keys[s];
      if (key === 0) continue;
      const base = table.rows[s] * c;
      const before = cls.length;
      for (let k = 0; k < c; k++) {
        const i = base + k;
        const avg = (this.total[i] + (this.tick - this.stamp[i]) * this.w[i]) / this.tick;
        if (Math.abs(avg) > prune && avg !== 0) {
          cls.push(k);
          vals.push(avg);
        }
      }
      if (cls.length > before) {
        keys.push(key);
        starts.push(cls.length);
      }
    }
    return new SparseWeights(
      c,
      Int32Array.from(keys),
      Int32Array.from(starts),
      Uint8Array.from(cls),
      Float32Array.from(vals),
    );
  }
}

/**
 * Read-only averaged weights: for each feature key, its non-zero (class, weight) pairs. Scoring is
 * bound by memory latency, so each key's slot holds [key, first pair, pair count] in one place
 * and its pairs follow each other, each a class and a 16-bit weight packed in one integer.
 */
export class SparseWeights implements Scorer {
  readonly #slots: Int32Array;
  readonly #mask: number;
  readonly #pairs: Int32Array;
  /**
   * For three classes or fewer (the transition classifier), each slot holds its key and its
   * weights side by side, [key, w0, w1, w2], so a lookup touches one place in memory.
   */
  readonly #inlineKeys: Int32Array | null = null;
  readonly #inlineWeights: Float32Array | null = null;
  /** Weight of one unit of a packed 16-bit value. */
  readonly scale: number;

  constructor(
    readonly classes: number,
    readonly keys: Int32Array,
    /** Row r's pairs are [starts[r], starts[r + 1]). */
    readonly starts: Int32Array,
    readonly cls: Uint8Array,
    readonly vals: Float32Array,
  ) {
    if (classes > 256) throw new Error(`too many classes (${classes}) for sparse weights`);
    let max = 0;
    for (const v of vals) max = Math.max(max, Math.abs(v));
    this.scale = max > 0 ? max / 32767 : 1;
    this.#pairs = new Int32Array(vals.length);
    for (let i = 0; i < vals.length; i++)
      this.#pairs[i] = (cls[i] << 16) | (Math.round(vals[i] / this.scale) & 0xffff);
    let cap = 16;
    while (cap < keys.length * 2) cap <<= 1;
    this.#slots = new Int32Array(cap * 3);
    this.#mask = cap - 1;
    for (let r = 0; r < keys.length; r++) {
      let i = keys[r] & this.#mask;
      while (this.#slots[i * 3] !== 0) i = (i + 1) & this.#mask;
      this.#slots[i * 3] = keys[r];
      this.#slots[i * 3 + 1] = starts[r];
      this.#slots[i * 3 + 2] = starts[r + 1] - starts[r];
    }
    if (classes <= 3) {
      const buffer = new ArrayBuffer(cap * 16);
      const ik = new Int32Array(buffer);
      const iw = new Float32Array(buffer);
      for (let r = 0; r < keys.length; r++) {
        let i = keys[r] & this.#mask;
        while (ik[i * 4] !== 0) i = (i + 1) & this.#mask;
        ik[i * 4] = keys[r];
        for (let p = starts[r]; p < starts[r + 1]; p++) iw[i * 4 + 1 + cls[p]] = vals[p];
      }
      this.#inlineKeys = ik;
      this.#inlineWeights = iw;
    }
  }

  score(keys: Int32Array, n: number, out: Float32Array): void {
    if (this.#inlineKeys) {
      this.#scoreInline(keys, n, out);
      return;
    }
    const slots = this.#slots;
    const pairs = this.#pairs;
    const mask = this.#mask;
    const scale = this.scale;
    for (let f = 0; f < n; f++) {
      const key = keys[f];
      let i = key & mask;
      for (;;) {
        const at = i * 3;
        const k = slots[at];
        if (k === key) {
          const end = slots[at + 1] + slots[at + 2];
          for (let p = slots[at + 1]; p < end; p++) {
            const v = pairs[p];
            out[v >>> 16] += ((v << 16) >> 16) * scale;
          }
          break;
        }
        if (k === 0) break;
        i = (i + 1) & mask;
      }
    }
  }

  #scoreInline(keys: Int32Array, n: number, out: Float32Array): void {
    const ik = this.#inlineKeys!;
    const iw = this.#inlineWeights!;
    const mask = this.#mask;
    let a = 0;
    let b = 0;
    let c = 0;
    for (let f = 0; f < n; f++) {
      const key = keys[f];
      let i = key & mask;
      for (;;) {
        const at = i * 4;
        const k = ik[at];
        if (k === key) {
          a += iw[at + 1];
          b += iw[at + 2];
          c += iw[at + 3];
          break;
        }
        if (k === 0) break;
        i = (i + 1) & mask;
      }
    }
    out[0] += a;
    if (this.classes > 1) out[1] += b;
    if (this.classes > 2) out[2] += c;
  }
}

/** Index of the highest score among classes allowed by `ok` (all when omitted); -1 if none. */
export function argmax(scores: Float32Array, n: number, ok?: (k: number) => boolean): number {
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    if (ok && !ok(k)) continue;
    if (scores[k] > bestScore) {
      bestScore = scores[k];
      best = k;
    }
  }
  return best;
}
