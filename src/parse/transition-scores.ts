/**
 * Transition scores that look up each feature of one part of the state (the stack, s0's right
 * children, the buffer, b0's left children) once per parse: the part's templates are summed when
 * first seen and the sums kept for each later transition that sees it again, about half of them.
 * The sums are integers (packed weights), so the scores are those of `score`, to the bit.
 */
import {
  BUFFER_LEFT_TEMPLATES,
  BUFFER_TEMPLATES,
  bufferFeatures,
  bufferLeftFeatures,
  JOINT_TEMPLATES,
  jointFeatures,
  PARSE_FEATURES,
  type ParseInput,
  STACK_RIGHT_TEMPLATES,
  STACK_TEMPLATES,
  stackFeatures,
  stackRightFeatures,
} from "./features.ts";
import type { SparseWeights } from "./perceptron.ts";
import type { ParseState } from "./state.ts";

const PARTS = [STACK_TEMPLATES, STACK_RIGHT_TEMPLATES, BUFFER_TEMPLATES, BUFFER_LEFT_TEMPLATES];
/** Each part's keys, written at their templates' places. */
const PART_FEATURES = [stackFeatures, stackRightFeatures, bufferFeatures, bufferLeftFeatures];
/** Each part's key positions, then those of the joint templates. */
const POSITIONS = [...PARTS, JOINT_TEMPLATES].map((ts) => Int32Array.from(ts, (t) => t - 1));

/** Scores transitions with the part sums of the sentence being parsed (see the module comment). */
export class TransitionScores {
  readonly #w: SparseWeights;
  readonly #keys = new Int32Array(PARSE_FEATURES);
  /** The keys to look up, the joint ones first, then those of each part not kept yet. */
  readonly #need = new Int32Array(PARSE_FEATURES);
  readonly #sum = new Int32Array(3);
  readonly #part = new Int32Array(3);
  /** Each part's sums (three a slot) and the sentence they were kept for, by slot. */
  #kept = new Int32Array(0);
  #stamp = new Int32Array(0);
  #sentence = 0;
  /** Slots a part has per sentence: 2n + 2 (a word, or a child standing for its head). */
  #size = 0;
  readonly #slot = new Int32Array(PARTS.length);
  readonly #from = new Int32Array(PARTS.length);

  constructor(w: SparseWeights) {
    if (!w.packed) throw new Error("transition scores need packed weights");
    this.#w = w;
  }

  /** Forget the sums kept: a new sentence of `n` words begins. */
  begin(n: number): void {
    this.#size = 2 * n + 2;
    if (this.#stamp.length < PARTS.length * this.#size) {
      this.#stamp = new Int32Array(PARTS.length * this.#size * 2);
      this.#kept = new Int32Array(this.#stamp.length * 3);
      this.#sentence = 0;
    }
    this.#sentence++;
  }

  /** The transition scores of state `st` into `out`. */
  score(x: ParseInput, st: ParseState, out: Float32Array): void {
    const keys = this.#keys;
    const need = this.#need;
    const w = this.#w;
    // A part's slot: its word (s0, b), or its latest child, which has one head (n + 1 + child).
    const n = x.n;
    const s0 = st.stack[st.sp - 1];
    const b = st.b;
    const r = st.rc1[s0];
    const l = b <= n ? st.lc1[b] : -1;
    const slot = this.#slot;
    slot[0] = s0;
    slot[1] = r >= 0 ? n + 1 + r : s0;
    slot[2] = b;
    slot[3] = l >= 0 ? n + 1 + l : b;
    jointFeatures(x, st, keys);
    const joint = POSITIONS[PARTS.length];
    let m = 0;
    for (let i = 0; i < joint.length; i++) need[m++] = keys[joint[i]];
    const end = m;
    for (let p = 0; p < PARTS.length; p++) {
      const s = p * this.#size + slot[p];
      if (this.#stamp[s] === this.#sentence) {
        this.#from[p] = -1;
        continue;
      }
      this.#from[p] = m;
      PART_FEATURES[p](x, st, keys);
      const at = POSITIONS[p];
      for (let i = 0; i < at.length; i++) need[m++] = keys[at[i]];
    }
    w.prefetch(need, m);
    const sum = this.#sum.fill(0);
    w.sums(need, 0, end, sum);
    const kept = this.#kept;
    for (let p = 0; p < PARTS.length; p++) {
      const s = p * this.#size + slot[p];
      const from = this.#from[p];
      if (from >= 0) {
        const part = this.#part.fill(0);
        w.sums(need, from, from + POSITIONS[p].length, part);
        kept.set(part, s * 3);
        this.#stamp[s] = this.#sentence;
      }
      sum[0] += kept[s * 3];
      sum[1] += kept[s * 3 + 1];
      sum[2] += kept[s * 3 + 2];
    }
    const unit = w.unit;
    for (let k = 0; k < w.classes; k++) out[k] = sum[k] * unit;
  }
}
