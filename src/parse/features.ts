/**
 * Feature templates of the transition classifier and of the arc labeller, in the tradition of
 * Zhang & Nivre (2011): words and tags of the stack and buffer tops, their nearest children and
 * labels, distances, valencies and label sets, as hashed integer keys.
 */
import { featureKey, hashString } from "./hash.ts";
import type { ParseState } from "./state.ts";

/** A sentence as the parser sees it; index 0 is the root. */
export interface ParseInput {
  /** Lower-cased word hashes. */
  W: Int32Array;
  /** Tag class ids ("UPOS|XPOS"). */
  T: Int32Array;
  /** UPOS ids. */
  U: Int32Array;
  /** Middle and fine word clusters (0: none). */
  C2: Int32Array;
  C3: Int32Array;
  /** Three-letter suffix hashes. */
  S: Int32Array;
  /** The words' readings in the tagger's lexicon (see lexicon.ts). */
  X: Int32Array;
  n: number;
}

export const ROOT_WORD = hashString("<root>");
const NO_WORD = hashString("<none>");
const ROOT_TAG = 250;
const NO_TAG = 251;
const NO_LABEL = 252;

/** Build a parse input from per-word atoms, tag classes and UPOS ids (1-based inside). */
export function parseInput(
  atoms: { word: Int32Array; c2: Int32Array; c3: Int32Array; suf3: Int32Array; lex: Int32Array },
  tags: Int32Array,
  upos: Int32Array,
): ParseInput {
  const n = atoms.word.length;
  const W = new Int32Array(n + 1);
  const T = new Int32Array(n + 1);
  const U = new Int32Array(n + 1);
  const C2 = new Int32Array(n + 1);
  const C3 = new Int32Array(n + 1);
  const S = new Int32Array(n + 1);
  const X = new Int32Array(n + 1);
  X[0] = -1;
  X.set(atoms.lex, 1);
  W[0] = ROOT_WORD;
  T[0] = ROOT_TAG;
  U[0] = ROOT_TAG;
  C2[0] = C3[0] = ROOT_TAG;
  W.set(atoms.word, 1);
  T.set(tags, 1);
  U.set(upos, 1);
  C2.set(atoms.c2, 1);
  C3.set(atoms.c3, 1);
  S.set(atoms.suf3, 1);
  return { W, T, U, C2, C3, S, X, n };
}

export const PARSE_FEATURES = 112;
export const LABEL_FEATURES = 48;

const dist = (a: number, b: number): number => {
  if (a < 0 || b < 0) return 0;
  const d = Math.abs(a - b);
  return d < 6 ? d : d < 10 ? 6 : d < 15 ? 7 : 8;
};

// Atom lookups at a position that may be absent (-1). Module-level functions, not closures: the
// hot path must not allocate one per call.
function wAt(W: Int32Array, i: number): number {
  return i < 0 ? NO_WORD : W[i];
}
function tAt(T: Int32Array, i: number): number {
  return i < 0 ? NO_TAG : T[i];
}
function lAt(labels: Int32Array, i: number): number {
  return i < 0 ? NO_LABEL : labels[i];
}
/** A word's lexicon readings (-2 for no word; the root's are -1). */
function xAt(X: Int32Array, i: number): number {
  return i < 0 ? -2 : X[i];
}
function kid(arr: Int32Array, i: number): number {
  return i < 0 ? -1 : arr[i];
}
function valency(v: Int32Array, i: number): number {
  return i < 0 ? 99 : v[i];
}
function setAt(v: Int32Array, i: number): number {
  return i < 0 ? 0 : v[i];
}

/** How many templates `parseFeatures` writes. */
export const PARSE_TEMPLATES = 112;

/**
 * The transition templates that read one part of the state alone, which stays the same over
 * several transitions (a parse can keep their summed weights), by the part they read:
 * - the stack: s0 with the words under it, s0's left children and s1's children. While a word is on
 *   the stack, the words under it stay; it got its left children in the buffer, and s1 gets a
 *   child only as s0 is popped;
 * - s0's right children, which change only as one is added, each the nearest;
 * - the buffer: b0, and b1 and b2, which follow it;
 * - b0's left children, likewise.
 * The other templates read stack and buffer together. Template t writes `keys[t - 1]`.
 */
export const STACK_TEMPLATES = [
  1, 2, 3, 4, 5, 6, 7, 24, 25, 26, 27, 28, 33, 34, 39, 40, 46, 47, 48, 49, 50, 55, 56, 57, 58, 59, 66, 67, 68,
  71, 72, 75, 78, 81, 83, 91, 93, 99, 102, 103, 105, 108, 110,
];
export const STACK_RIGHT_TEMPLATES = [38, 51, 52, 60, 61, 62, 69, 73, 76, 79];
export const BUFFER_TEMPLATES = [8, 9, 10, 11, 12, 13, 14, 15, 23, 30, 92, 94, 100, 106, 109, 111];
export const BUFFER_LEFT_TEMPLATES = [53, 54, 63, 64, 65, 70, 74, 77, 80];
export const JOINT_TEMPLATES = [
  16, 17, 18, 19, 20, 21, 22, 29, 31, 32, 35, 36, 37, 41, 42, 43, 44, 45, 82, 84, 85, 86, 87, 88, 89, 90, 95,
  96, 97, 98, 101, 104, 107, 112,
];

/** Transition features of state `st` into `keys`, template t at `keys[t - 1]`; returns how many. */
export function parseFeatures(x: ParseInput, st: ParseState, keys: Int32Array): number {
  stackFeatures(x, st, keys);
  stackRightFeatures(x, st, keys);
  bufferFeatures(x, st, keys);
  bufferLeftFeatures(x, st, keys);
  jointFeatures(x, st, keys);
  return PARSE_TEMPLATES;
}

/** Templates of the stack part (`STACK_TEMPLATES`), each at its place in `keys`. */
export function stackFeatures(x: ParseInput, st: ParseState, keys: Int32Array): void {
  const { W, T, U, C2, C3, S } = x;
  const L = st.labels;
  const s0 = st.s(0);
  const s1 = st.s(1);
  const s2 = st.s(2);
  const s0w = wAt(W, s0);
  const s0t = tAt(T, s0);
  const s1w = wAt(W, s1);
  const s1t = tAt(T, s1);
  const s2t = tAt(T, s2);
  const s0l1 = kid(st.lc1, s0);
  const s0l2 = kid(st.lc2, s0);
  const s1l1 = kid(st.lc1, s1);
  const s1r1 = kid(st.rc1, s1);
  const s1r2 = kid(st.rc2, s1);
  const d1 = dist(s1, s0);
  keys[0] = featureKey(1, s0w);
  keys[1] = featureKey(2, s0t);
  keys[2] = featureKey(3, s0w, s0t);
  keys[3] = featureKey(4, s1w);
  keys[4] = featureKey(5, s1t);
  keys[5] = featureKey(6, s1w, s1t);
  keys[6] = featureKey(7, s2t);
  keys[23] = featureKey(24, s1w, s1t * 256 + s0t, s0w);
  keys[24] = featureKey(25, s1w, s0w);
  keys[25] = featureKey(26, s1t, s0t);
  keys[26] = featureKey(27, s1w, s1t, s0t);
  keys[27] = featureKey(28, s1t, s0w, s0t);
  keys[32] = featureKey(33, s2t, s1t, s0t);
  keys[33] = featureKey(34, s1t, s0t, tAt(T, s0l1));
  keys[38] = featureKey(39, s1t, tAt(T, s1r1), s0t);
  keys[39] = featureKey(40, s1t, tAt(T, s1l1), s0t);
  keys[45] = featureKey(46, s1t, s0t, d1);
  keys[46] = featureKey(47, s1w, d1);
  keys[47] = featureKey(48, s0w, d1);
  keys[48] = featureKey(49, s0w, valency(st.nl, s0));
  keys[49] = featureKey(50, s0t, valency(st.nl, s0));
  keys[54] = featureKey(55, s1t, valency(st.nr, s1));
  keys[55] = featureKey(56, s1w, valency(st.nr, s1));
  keys[56] = featureKey(57, wAt(W, s0l1));
  keys[57] = featureKey(58, tAt(T, s0l1));
  keys[58] = featureKey(59, lAt(L, s0l1));
  keys[65] = featureKey(66, tAt(T, s1r1), lAt(L, s1r1));
  keys[66] = featureKey(67, tAt(T, s1l1), lAt(L, s1l1));
  keys[67] = featureKey(68, tAt(T, s0l2), lAt(L, s0l2));
  keys[70] = featureKey(71, tAt(T, s1r2), lAt(L, s1r2));
  keys[71] = featureKey(72, s0t, lAt(L, s0l1), lAt(L, s0l2));
  keys[74] = featureKey(75, s0t, tAt(T, s0l1), tAt(T, s0l2));
  keys[77] = featureKey(78, s0t, setAt(st.lset, s0));
  keys[80] = featureKey(81, s1t, setAt(st.rset, s1));
  keys[82] = featureKey(83, tAt(U, s1), tAt(U, s0));
  keys[90] = featureKey(91, tAt(C3, s0));
  keys[92] = featureKey(93, tAt(C3, s1));
  keys[98] = featureKey(99, tAt(C2, s1), tAt(C2, s0));
  keys[101] = featureKey(102, s1t, tAt(C3, s0));
  keys[102] = featureKey(103, tAt(C3, s1), s0t);
  keys[104] = featureKey(105, wAt(S, s0), s0t);
  // What the lexicon says a word can be, where its tag may be wrong.
  keys[107] = featureKey(108, s0t, xAt(x.X, s0));
  keys[109] = featureKey(110, s1t, xAt(x.X, s1));
}

/** Templates of s0's right children (`STACK_RIGHT_TEMPLATES`), each at its place in `keys`. */
export function stackRightFeatures(x: ParseInput, st: ParseState, keys: Int32Array): void {
  const { W, T } = x;
  const L = st.labels;
  const s0 = st.s(0);
  const s1 = st.s(1);
  const s0w = wAt(W, s0);
  const s0t = tAt(T, s0);
  const s1t = tAt(T, s1);
  const s0r1 = kid(st.rc1, s0);
  const s0r2 = kid(st.rc2, s0);
  keys[37] = featureKey(38, s1t, s0t, tAt(T, s0r1));
  keys[50] = featureKey(51, s0w, valency(st.nr, s0));
  keys[51] = featureKey(52, s0t, valency(st.nr, s0));
  keys[59] = featureKey(60, wAt(W, s0r1));
  keys[60] = featureKey(61, tAt(T, s0r1));
  keys[61] = featureKey(62, lAt(L, s0r1));
  keys[68] = featureKey(69, tAt(T, s0r2), lAt(L, s0r2));
  keys[72] = featureKey(73, s0t, lAt(L, s0r1), lAt(L, s0r2));
  keys[75] = featureKey(76, s0t, tAt(T, s0r1), tAt(T, s0r2));
  keys[78] = featureKey(79, s0t, setAt(st.rset, s0));
}

/** Templates of the buffer part (`BUFFER_TEMPLATES`), each at its place in `keys`. */
export function bufferFeatures(x: ParseInput, st: ParseState, keys: Int32Array): void {
  const { W, T, C2, C3, S } = x;
  const b0 = st.q(0);
  const b1 = st.q(1);
  const b2 = st.q(2);
  const b0w = wAt(W, b0);
  const b0t = tAt(T, b0);
  const b1w = wAt(W, b1);
  const b1t = tAt(T, b1);
  const b2t = tAt(T, b2);
  keys[7] = featureKey(8, b0w);
  keys[8] = featureKey(9, b0t);
  keys[9] = featureKey(10, b0w, b0t);
  keys[10] = featureKey(11, b1w);
  keys[11] = featureKey(12, b1t);
  keys[12] = featureKey(13, b1w, b1t);
  keys[13] = featureKey(14, b2t);
  keys[14] = featureKey(15, wAt(W, b2));
  keys[22] = featureKey(23, b0t, b1t);
  keys[29] = featureKey(30, b0t, b1t, b2t);
  keys[91] = featureKey(92, tAt(C3, b0));
  keys[93] = featureKey(94, tAt(C3, b1));
  keys[99] = featureKey(100, tAt(C2, b0), tAt(C2, b1));
  keys[105] = featureKey(106, wAt(S, b0), b0t);
  keys[108] = featureKey(109, b0t, xAt(x.X, b0));
  keys[110] = featureKey(111, b1t, xAt(x.X, b1));
}

/** Templates of b0's left children (`BUFFER_LEFT_TEMPLATES`), each at its place in `keys`. */
export function bufferLeftFeatures(x: ParseInput, st: ParseState, keys: Int32Array): void {
  const { W, T } = x;
  const L = st.labels;
  const b0 = st.q(0);
  const b0w = wAt(W, b0);
  const b0t = tAt(T, b0);
  const b0l1 = kid(st.lc1, b0);
  const b0l2 = kid(st.lc2, b0);
  keys[52] = featureKey(53, b0w, valency(st.nl, b0));
  keys[53] = featureKey(54, b0t, valency(st.nl, b0));
  keys[62] = featureKey(63, wAt(W, b0l1));
  keys[63] = featureKey(64, tAt(T, b0l1));
  keys[64] = featureKey(65, lAt(L, b0l1));
  keys[69] = featureKey(70, tAt(T, b0l2), lAt(L, b0l2));
  keys[73] = featureKey(74, b0t, lAt(L, b0l1), lAt(L, b0l2));
  keys[76] = featureKey(77, b0t, tAt(T, b0l1), tAt(T, b0l2));
  keys[79] = featureKey(80, b0t, setAt(st.lset, b0));
}

/** Templates of stack and buffer together (`JOINT_TEMPLATES`), each at its place in `keys`. */
export function jointFeatures(x: ParseInput, st: ParseState, keys: Int32Array): void {
  const { W, T, U, C2, C3, S } = x;
  const L = st.labels;
  const s0 = st.s(0);
  const s1 = st.s(1);
  const b0 = st.q(0);
  const b1 = st.q(1);
  const s0w = wAt(W, s0);
  const s0t = tAt(T, s0);
  const s1w = wAt(W, s1);
  const s1t = tAt(T, s1);
  const b0w = wAt(W, b0);
  const b0t = tAt(T, b0);
  const b1w = wAt(W, b1);
  const b1t = tAt(T, b1);
  const s0l1 = kid(st.lc1, s0);
  const s0r1 = kid(st.rc1, s0);
  const b0l1 = kid(st.lc1, b0);
  const s0wt = s0t * 1024 + 1;
  const b0wt = b0t * 1024 + 2;
  const d0 = dist(s0, b0);
  keys[15] = featureKey(16, s0w, s0t * 256 + b0t, b0w);
  keys[16] = featureKey(17, s0w, s0wt, b0w);
  keys[17] = featureKey(18, s0w, b0wt, b0w);
  keys[18] = featureKey(19, s0w, s0t, b0t);
  keys[19] = featureKey(20, s0t, b0w, b0t);
  keys[20] = featureKey(21, s0w, b0w);
  keys[21] = featureKey(22, s0t, b0t);
  keys[28] = featureKey(29, s1t, b0t);
  keys[30] = featureKey(31, s0t, b0t, b1t);
  keys[31] = featureKey(32, s1t, s0t, b0t);
  keys[34] = featureKey(35, s0t, tAt(T, s0l1), b0t);
  keys[35] = featureKey(36, s0t, tAt(T, s0r1), b0t);
  keys[36] = featureKey(37, s0t, b0t, tAt(T, b0l1));
  keys[40] = featureKey(41, s0w, d0);
  keys[41] = featureKey(42, s0t, d0);
  keys[42] = featureKey(43, b0w, d0);
  keys[43] = featureKey(44, b0t, d0);
  keys[44] = featureKey(45, s0t, b0t, d0);
  keys[81] = featureKey(82, tAt(U, s0), tAt(U, b0));
  keys[83] = featureKey(84, tAt(U, s1), tAt(U, s0), tAt(U, b0));
  keys[84] = featureKey(85, s0w, b0w, b1t);
  keys[85] = featureKey(86, s1w, s0w, b0t);
  keys[86] = featureKey(87, s0t, wAt(W, s0l1), b0t);
  keys[87] = featureKey(88, s0w, lAt(L, s0r1), b0t);
  keys[88] = featureKey(89, s1t, s0t, b0w);
  keys[89] = featureKey(90, s0t, b0w, b1w);
  keys[94] = featureKey(95, tAt(C3, s0), tAt(C3, b0));
  keys[95] = featureKey(96, tAt(C2, s0), tAt(C2, b0));
  keys[96] = featureKey(97, s0t, tAt(C3, b0));
  keys[97] = featureKey(98, tAt(C3, s0), b0t);
  keys[100] = featureKey(101, tAt(C2, s0), b0t, d0);
  keys[103] = featureKey(104, tAt(C2, s0), tAt(C2, b0), b1t);
  keys[106] = featureKey(107, wAt(S, s0), wAt(S, b0));
  keys[111] = featureKey(112, s0t * 256 + b0t, xAt(x.X, s0), xAt(x.X, b0));
}

function wIn(x: ParseInput, W: Int32Array, i: number): number {
  return i < 0 || i > x.n ? NO_WORD : W[i];
}
function tIn(x: ParseInput, T: Int32Array, i: number): number {
  return i < 0 || i > x.n ? NO_TAG : T[i];
}

/** Labeller features for the arc `h` → `d` being added in state `st`; returns how many. */
export function labelFeatures(x: ParseInput, st: ParseState, h: number, d: number, keys: Int32Array): number {
  const { W, T, U } = x;
  const L = st.labels;
  const hw = wIn(x, W, h);
  const ht = tIn(x, T, h);
  const dw = wIn(x, W, d);
  const dt = tIn(x, T, d);
  const dir = d < h ? 1 : 2;
  const dd = dist(h, d) * 4 + dir;
  const dl1 = st.lc1[d];
  const dl2 = st.lc2[d];
  const dr1 = st.rc1[d];
  const hl1 = st.lc1[h];
  const hr1 = st.rc1[h];
  let k = 0;
  keys[k++] = featureKey(1, 0);
  keys[k++] = featureKey(2, hw);
  keys[k++] = featureKey(3, ht);
  keys[k++] = featureKey(4, dw);
  keys[k++] = featureKey(5, dt);
  keys[k++] = featureKey(6, hw, dw);
  keys[k++] = featureKey(7, ht, dt, dir);
  keys[k++] = featureKey(8, hw, dt, dir);
  keys[k++] = featureKey(9, ht, dw, dir);
  keys[k++] = featureKey(10, hw, dw, ht * 256 + dt);
  keys[k++] = featureKey(11, ht, dt, dd);
  keys[k++] = featureKey(12, dt, lAt(L, dl1), dir);
  keys[k++] = featureKey(13, dt, lAt(L, dr1), dir);
  keys[k++] = featureKey(14, dt, st.lset[d], st.rset[d]);
  keys[k++] = featureKey(15, ht, lAt(L, hl1), dir);
  keys[k++] = featureKey(16, ht, lAt(L, hr1), dir);
  keys[k++] = featureKey(17, wIn(x, W, dl1), dt);
  keys[k++] = featureKey(18, wIn(x, W, dl2), dt);
  keys[k++] = featureKey(19, ht, dt, wIn(x, W, dl1));
  keys[k++] = featureKey(20, U[h] ?? 0, U[d] ?? 0, dir);
  keys[k++] = featureKey(21, dw, dir);
  keys[k++] = featureKey(22, hw, dir);
  keys[k++] = featureKey(23, dt, d === 1 ? 1 : 0, d === x.n ? 1 : 0);
  keys[k++] = featureKey(24, dt, wIn(x, W, d + 1));
  keys[k++] = featureKey(25, dt, wIn(x, W, d - 1));
  keys[k++] = featureKey(26, ht, st.lset[h], dir);
  keys[k++] = featureKey(27, ht, dt, wIn(x, W, dr1));
  keys[k++] = featureKey(28, tIn(x, T, dl1), dt, ht);
  keys[k++] = featureKey(29, ht, tIn(x, T, hl1), dt);
  keys[k++] = featureKey(30, dw, tIn(x, T, d - 1), tIn(x, T, d + 1));
  keys[k++] = featureKey(31, hw, lAt(L, hl1), dt);
  keys[k++] = featureKey(32, ht, tIn(x, T, h - 1), dt);
  keys[k++] = featureKey(33, dt, wIn(x, W, dl1), wIn(x, W, dl2));
  keys[k++] = featureKey(34, ht, st.nl[d] * 16 + st.nr[d], dt);
  const hc = x.C3[h] ?? 0;
  const dc = x.C3[d] ?? 0;
  keys[k++] = featureKey(35, hc);
  keys[k++] = featureKey(36, dc, dir);
  keys[k++] = featureKey(37, x.C2[h] ?? 0, x.C2[d] ?? 0, dir);
  keys[k++] = featureKey(38, hc, dt, dir);
  keys[k++] = featureKey(39, ht, dc, dir);
  keys[k++] = featureKey(40, dc, wIn(x, W, dl1));
  // An adjective tagged as a noun is still an amod: the lexicon says what the word can be.
  const dx = x.X[d] ?? -2;
  const hx = x.X[h] ?? -2;
  keys[k++] = featureKey(41, dt, dx);
  keys[k++] = featureKey(42, ht, dt, dx);
  keys[k++] = featureKey(43, hx, dt, dir);
  keys[k++] = featureKey(44, dx, hx, dir);
  keys[k++] = featureKey(45, dx, hw);
  keys[k++] = featureKey(46, dx, lAt(L, dl1), dt);
  return k;
}
