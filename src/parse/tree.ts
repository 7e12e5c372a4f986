/**
 * Navigating a parsed sentence: children by relation, subtree spans, the path to the root. Indices
 * are 0-based word positions (word id − 1); the root's head is -1.
 */
import type { ParsedWord } from "./parser.ts";

export interface Tree {
  readonly words: readonly ParsedWord[];
  /** Head position of word i, or -1 for the root. */
  head(i: number): number;
  /** Relation of word i to its head, without subtype ("nsubj" for "nsubj:pass"). */
  rel(i: number): string;
  /** Children of word i, left to right. */
  children(i: number): number[];
  /** Children of word i whose relation (with or without subtype) is one of `rels`. */
  dependents(i: number, ...rels: string[]): number[];
  /** First and last position of the subtree headed by i. */
  span(i: number): [number, number];
  /** Position of the root word (-1 for an empty sentence). */
  readonly root: number;
}

/** A navigable tree over parsed words. */
export function tree(words: readonly ParsedWord[]): Tree {
  const n = words.length;
  const kids: number[][] = Array.from({ length: n }, () => []);
  let root = -1;
  for (let i = 0; i < n; i++) {
    const h = words[i].head - 1;
    if (h < 0) root = root < 0 ? i : root;
    else kids[h].push(i);
  }
  const spans: ([number, number] | undefined)[] = new Array(n);
  const span = (i: number): [number, number] => {
    const known = spans[i];
    if (known) return known;
    let lo = i;
    let hi = i;
    for (const k of kids[i]) {
      const [a, b] = span(k);
      if (a < lo) lo = a;
      if (b > hi) hi = b;
    }
    spans[i] = [lo, hi];
    return spans[i]!;
  };
  const rel = (i: number): string => {
    const d = words[i].deprel;
    const c = d.indexOf(":");
    return c < 0 ? d : d.slice(0, c);
  };
  return {
    words,
    root,
    head: (i) => words[i].head - 1,
    rel,
    children: (i) => kids[i],
    dependents: (i, ...rels) =>
      kids[i].filter((k) => rels.includes(words[k].deprel) || rels.includes(rel(k))),
    span,
  };
}
