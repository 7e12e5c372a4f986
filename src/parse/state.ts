/**
 * The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez & Satta 2011). Words are 1..n, 0 is
 * the root, which sits at the bottom of the stack; the buffer is always the words b..n.
 *   SHIFT  moves b to the stack;
 *   LEFT   makes b the head of the stack's top s0 and pops s0;
 *   RIGHT  makes s1 the head of s0 and pops s0 (onto the root only when the buffer is empty, so the
 *          tree has one root).
 * Stack and buffer words never have heads, which makes the dynamic oracle's costs simple counts.
 */

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
export const TRANSITIONS = 3;

/** Parser state over a sentence of `n` words, with the arcs built so far. */
export class ParseState {
  readonly stack: Int32Array;
  sp = 1;
  b = 1;
  readonly heads: Int32Array;
  readonly labels: Int32Array;
  /** Nearest and second-nearest left/right children so far (-1: none). */
  readonly lc1: Int32Array;
  readonly lc2: Int32Array;
  readonly rc1: Int32Array;
  readonly rc2: Int32Array;
  readonly nl: Int32Array;
  readonly nr: Int32Array;
  /** Bit sets (label mod 31) of the left and right children's labels. */
  readonly lset: Int32Array;
  readonly rset: Int32Array;

  constructor(readonly n: number) {
    const m = n + 1;
    this.stack = new Int32Array(m + 1);
    this.heads = new Int32Array(m).fill(-1);
    this.labels = new Int32Array(m).fill(-1);
    this.lc1 = new Int32Array(m).fill(-1);
    this.lc2 = new Int32Array(m).fill(-1);
    this.rc1 = new Int32Array(m).fill(-1);
    this.rc2 = new Int32Array(m).fill(-1);
    this.nl = new Int32Array(m);
    this.nr = new Int32Array(m);
    this.lset = new Int32Array(m);
    this.rset = new Int32Array(m);
    this.stack[0] = 0;
  }

  get done(): boolean {
    return this.sp === 1 && this.b > this.n;
  }

  /** Stack item i from the top (0 = s0), or -1. */
  s(i: number): number {
    return this.sp - 1 - i >= 0 ? this.stack[this.sp - 1 - i] : -1;
  }

  /** Buffer item i (0 = b0), or -1. */
  q(i: number): number {
    return this.b + i <= this.n ? this.b + i : -1;
  }

  valid(t: number): boolean {
    if (t === SHIFT) return this.b <= this.n;
    if (this.sp < 2) return false;
    if (t === LEFT) return this.b <= this.n;
    return this.sp > 2 || this.b > this.n;
  }

  /** The arc a transition would add, as [head, dependent], or null for SHIFT. */
  arc(t: number): [number, number] | null {
    if (t === SHIFT) return null;
    const s0 = this.stack[this.sp - 1];
    return t === LEFT ? [this.b, s0] : [this.stack[this.sp - 2], s0];
  }

  apply(t: number, label: number): void {
    if (t === SHIFT) {
      this.stack[this.sp++] = this.b++;
      return;
    }
    const d = this.stack[--this.sp];
    const h = t === LEFT ? this.b : this.stack[this.sp - 1];
    this.heads[d] = h;
    this.labels[d] = label;
    const bit = 1 << (label % 31);
    if (d < h) {
      this.lc2[h] = this.lc1[h];
      this.lc1[h] = d;
      this.nl[h]++;
      this.lset[h] |= bit;
    } else {
      this.rc2[h] = this.rc1[h];
      this.rc1[h] = d;
      this.nr[h]++;
      this.rset[h] |= bit;
    }
  }
}

/**
 * Dynamic-oracle cost of transition `t`: how many gold arcs (`gold[d]` = head of d) it makes
 * unreachable (Goldberg & Nivre 2013, arc-hybrid).
 */
export function transitionCost(st: ParseState, t: number, gold: Int32Array): number {
  const { stack, sp, b, n } = st;
  if (t === SHIFT) {
    let cost = 0;
    const s0 = sp > 0 ? stack[sp - 1] : -1;
    for (let i = 0; i < sp; i++) {
      const k = stack[i];
      if (gold[b] === k && k !== s0) cost++;
      if (k > 0 && gold[k] === b) cost++;
    }
    return cost;
  }
  const s0 = stack[sp - 1];
  let cost = 0;
  for (let k = b; k <= n; k++) if (gold[k] === s0) cost++;
  const h = gold[s0];
  if (t === LEFT) {
    if (sp >= 2 && h === stack[sp - 2]) cost++;
    if (h > b) cost++;
  } else if (h >= b) cost++;
  return cost;
}
