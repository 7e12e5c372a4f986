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
 * bound by memory latency, so a lookup should touch as few places as it can, in a table as small
 * as it can be:
 * - for three classes or fewer (the transition classifier), a slot is two integers, the key and its
 *   three weights as signed bytes (the model file stores weights in 8 bits anyway);
 * - otherwise a slot is the key and either its one pair, or where its pairs start and how many
 *   there are; a pair is a class and a 16-bit weight packed in one integer.
 */
export class SparseWeights implements Scorer {
  readonly #slots: Int32Array;
  readonly #mask: number;
  readonly #pairs: Int32Array;
  /** Weight of one unit of a packed value. */
  readonly #unit: number;
  readonly #inline: boolean;
  /** Each key's slot value during `score`. */
  #found = new Int32Array(128);
  /** Where `prefetch` keeps what it loads. */
  #sink = 0;
  /** The integer sums of `#scoreInline`. */
  readonly #sum = new Int32Array(3);

  constructor(
    readonly classes: number,
    readonly keys: Int32Array,
    /** Row r's pairs are [starts[r], starts[r + 1]). */
    readonly starts: Int32Array,
    readonly cls: Uint8Array,
    readonly vals: Float32Array,
  ) {
    if (classes > 255) throw new Error(`too many classes (${classes}) for sparse weights`);
    let max = 0;
    for (const v of vals) max = Math.max(max, Math.abs(v));
    this.#inline = classes <= 3;
    this.#unit = max > 0 ? max / (this.#inline ? 127 : 32767) : 1;
    // Linear probing at a load of at most 5/8.
    let cap = 16;
    while (cap < keys.length * 1.6) cap <<= 1;
    this.#mask = cap - 1;
    const slots = new Int32Array(cap * 2);
    const pairs = new Int32Array(this.#inline ? 0 : vals.length);
    const q = (p: number): number => Math.round(vals[p] / this.#unit);
    let used = 0;
    for (let r = 0; r < keys.length; r++) {
      let i = keys[r] & this.#mask;
      while (slots[i * 2] !== 0) i = (i + 1) & this.#mask;
      slots[i * 2] = keys[r];
      const start = starts[r];
      const count = starts[r + 1] - start;
      let value = 0;
      if (this.#inline) for (let p = start; p < start + count; p++) value |= (q(p) & 0xff) << (8 * cls[p]);
      else if (count === 1) value = (cls[start] << 16) | (q(start) & 0xffff) | 0x80000000;
      else {
        value = (used << 8) | count;
        for (let p = start; p < start + count; p++) pairs[used++] = (cls[p] << 16) | (q(p) & 0xffff);
      }
      slots[i * 2 + 1] = value;
    }
    if (used >= 1 << 23) throw new Error(`too many weights (${used}) for sparse weights`);
    this.#slots = slots;
    this.#pairs = pairs;
  }

  /** Where `key`'s slot is in `#slots` (its first integer), or -1 if it has none. */
  #find(key: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    let i = key & mask;
    for (;;) {
      const k = slots[i * 2];
      if (k === key) return i * 2;
      if (k === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  /**
   * Load the home slot of each of `keys[0..n)` before any lookup. Scoring waits on memory, and
   * JavaScript has no prefetch: a loop of loads without branches lets the processor fetch many
   * slots at once, where the lookups one by one would wait for each in turn. The loaded values are
   * kept so the loads are not optimised away.
   */
  prefetch(keys: Int32Array, n: number): void {
    const slots = this.#slots;
    const mask = this.#mask;
    let sink = 0;
    for (let f = 0; f < n; f++) sink ^= slots[(keys[f] & mask) * 2];
    this.#sink = sink;
  }

  /**
   * The slot value of each of `keys[from..to)` (0 where none) from `#found[0]` on; the first pair of
   * each row with pairs apart is loaded before any is added.
   */
  #findAll(keys: Int32Array, from: number, to: number): Int32Array {
    const slots = this.#slots;
    const pairs = this.#pairs;
    if (this.#found.length < to - from) this.#found = new Int32Array(to - from);
    const found = this.#found;
    let sink = 0;
    for (let f = from; f < to; f++) {
      const at = this.#find(keys[f]);
      const s = at < 0 ? 0 : slots[at + 1];
      found[f - from] = s;
      if (s > 0) sink ^= pairs[s >>> 8];
    }
    this.#sink ^= sink;
    return found;
  }

  score(keys: Int32Array, n: number, out: Float32Array): void {
    this.prefetch(keys, n);
    if (this.#inline) {
      this.#scoreInline(keys, n, out);
      return;
    }
    const pairs = this.#pairs;
    const unit = this.#unit;
    const found = this.#findAll(keys, 0, n);
    for (let f = 0; f < n; f++) {
      const s = found[f];
      if (s === 0) continue;
      if (s < 0) out[(s >>> 16) & 0xff] += ((s << 16) >> 16) * unit;
      else
        for (let p = s >>> 8, end = p + (s & 0xff); p < end; p++) {
          const v = pairs[p];
          out[v >>> 16] += ((v << 16) >> 16) * unit;
        }
    }
  }

  /** Whether the weights are packed beside their keys (three classes or fewer). */
  get packed(): boolean {
    return this.#inline;
  }

  /** The weight of one unit of what `sums` adds up. */
  get unit(): number {
    return this.#unit;
  }

  /**
   * Add the weights of `keys[from..to)` into `out` per class, as integers (units of `unit`); call
   * `prefetch` first. Integer sums are exact: they can be kept and added up in any order. For a
   * packed table, times `unit` they are what `score` gives, to the bit.
   */
  sums(keys: Int32Array, from: number, to: number, out: Int32Array): void {
    if (this.#inline) {
      this.#sumsInline(keys, from, to, out);
      return;
    }
    const pairs = this.#pairs;
    const found = this.#findAll(keys, from, to);
    for (let f = 0; f < to - from; f++) {
      const s = found[f];
      if (s === 0) continue;
      if (s < 0) out[(s >>> 16) & 0xff] += (s << 16) >> 16;
      else
        for (let p = s >>> 8, end = p + (s & 0xff); p < end; p++) {
          const v = pairs[p];
          out[v >>> 16] += (v << 16) >> 16;
        }
    }
  }

  /**
   * The class (not `skip`) with the highest integer sum in `sums` of `n` keys' weights, if it leads
   * every other by more than summing in float32 can blur; else -1. `score` adds a class's weights one
   * by one into a float32: each addition is off by at most 2^-24 of the running sum, itself at most
   * n · max units, so the n additions are off by less than n · n · max · 2^-23 units; a class
   * leading by twice that has the highest float score too, whatever the order of adding. Else -1:
   * the caller must score the floats.
   */
  clearBest(sums: Int32Array, n: number, skip = -1): number {
    let best = -1;
    let second = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < this.classes; c++) {
      if (c === skip) continue;
      const v = sums[c];
      if (best < 0 || v > sums[best]) {
        if (best >= 0) second = sums[best];
        best = c;
      } else if (v > second) second = v;
    }
    const max = this.#inline ? 127 : 32767;
    return best >= 0 && sums[best] - second > (n * n * max) / 2 ** 22 ? best : -1;
  }

  #sumsInline(keys: Int32Array, from: number, to: number, out: Int32Array): void {
    const slots = this.#slots;
    let a = 0;
    let b = 0;
    let c = 0;
    for (let f = from; f < to; f++) {
      const at = this.#find(keys[f]);
      if (at < 0) continue;
      const v = slots[at + 1];
      a += (v << 24) >> 24;
      b += (v << 16) >> 24;
      c += (v << 8) >> 24;
    }
    out[0] += a;
    out[1] += b;
    out[2] += c;
  }

  #scoreInline(keys: Int32Array, n: number, out: Float32Array): void {
    const sum = this.#sum.fill(0);
    this.#sumsInline(keys, 0, n, sum);
    const unit = this.#unit;
    for (let k = 0; k < this.classes; k++) out[k] += sum[k] * unit;
  }
}

/**
 * The mean of several tables over the same classes, as one table: a key's weight for a class is the
 * members' weights for it summed and divided by their number (a member without the key adds 0).
 * Scoring with the mean is scoring with every member and adding up, at the cost of one lookup a key
 * (parameter mixing: an ensemble of averaged perceptrons in the space of one). Means of 0 are
 * dropped; a mix drops its small weights after (`pruneWeights` in mix.ts).
 */
export function meanWeights(members: readonly SparseWeights[]): SparseWeights {
  if (members.length === 0) throw new Error("no tables to take the mean of");
  const classes = members[0].classes;
  for (const m of members)
    if (m.classes !== classes)
      throw new Error(`tables of ${m.classes} and ${classes} classes cannot be mixed`);
  const rowOf = new KeyTable(members.reduce((n, m) => n + m.keys.length, 0));
  const keys: number[] = [];
  for (const m of members)
    for (const key of m.keys)
      if (rowOf.get(key) < 0) {
        rowOf.set(key, keys.length);
        keys.push(key);
      }
  const sums = new Float32Array(keys.length * classes);
  for (const m of members)
    for (let r = 0; r < m.keys.length; r++) {
      const base = rowOf.get(m.keys[r]) * classes;
      for (let p = m.starts[r]; p < m.starts[r + 1]; p++) sums[base + m.cls[p]] += m.vals[p];
    }
  const kept: number[] = [];
  const starts: number[] = [0];
  const cls: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < keys.length; r++) {
    const before = cls.length;
    for (let c = 0; c < classes; c++) {
      const v = sums[r * classes + c] / members.length;
      if (v !== 0) {
        cls.push(c);
        vals.push(v);
      }
    }
    if (cls.length > before) {
      kept.push(keys[r]);
      starts.push(cls.length);
    }
  }
  return new SparseWeights(
    classes,
    Int32Array.from(kept),
    Int32Array.from(starts),
    Uint8Array.from(cls),
    Float32Array.from(vals),
  );
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
