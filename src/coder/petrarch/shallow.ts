import type { Dictionaries } from "./coder.ts";
import type { ParsedSentence, TreeNode } from "./tree.ts";
import { verbEntriesFor } from "./verbs.ts";

/**
 * A shallow parse for sentences that arrive without a Penn parse: dictionary verbs (lower-case,
 * not after a determiner) split the sentence into a subject and verb phrases, and prepositions
 * split each stretch into a noun phrase and prepositional phrases. Enough for subject–verb–object
 * news sentences; the full parse is always better.
 */

const PREPOSITIONS = new Set(
  "of in on at for with from to by against about into over between among during after before near toward towards under".split(
    " ",
  ),
);
const DETERMINERS = new Set("the a an its their his her our this that these those".split(" "));
const CONJUNCTIONS = new Set(["and", "or", "nor"]);

function tag(word: string, first: boolean): string {
  const w = word.toLowerCase();
  if (w === "'s" || w === "’s" || w === "'") return "POS";
  if (CONJUNCTIONS.has(w)) return "CC";
  if (PREPOSITIONS.has(w)) return "IN";
  if (DETERMINERS.has(w)) return "DT";
  if (/^[,;:]$/.test(word)) return ",";
  if (/^[.!?]$/.test(word)) return ".";
  if (/^(it|he|she|they|we|i|you)$/.test(w)) return "PRP";
  return /^[A-Z]/.test(word) && !first ? "NNP" : "NN";
}

export function shallowTree(text: string, dicts: Dictionaries): ParsedSentence {
  // Abbreviations keep their dots ("U.S.", "K.U."), as in the dictionaries.
  const toks =
    text.match(/(?:[A-Za-z]\.){2,}|['’]s\b|[A-Za-z0-9][\w.&-]*[A-Za-z0-9]|[A-Za-z0-9]|[^\s\w]/g) ?? [];
  const words = toks.map((t) => t.toUpperCase());
  const leaves: TreeNode[] = [];
  const mk = (label: string, children: TreeNode[] = [], word: string | null = null): TreeNode => {
    const n: TreeNode = { label, word, children, parent: null, start: 0, end: 0 };
    for (const c of children) c.parent = n;
    return n;
  };
  const leaf = (i: number, label: string): TreeNode => {
    const n = mk(label, [], toks[i]);
    n.start = i;
    n.end = i + 1;
    leaves[i] = n;
    return n;
  };
  const isVerb = (i: number) =>
    /^[a-z]/.test(toks[i]) &&
    verbEntriesFor(dicts.verbs, words[i]) !== undefined &&
    !(i > 0 && DETERMINERS.has(toks[i - 1].toLowerCase()));
  const verbs = toks.map((_, i) => i).filter(isVerb);
  const phrase = (from: number, to: number): TreeNode[] => {
    const out: TreeNode[] = [];
    let current: TreeNode[] = [];
    let prep: TreeNode | null = null;
    const flush = () => {
      if (current.length === 0 && !prep) return;
      const np = mk("NP", current);
      out.push(prep ? mk("PP", [prep, np]) : np);
      current = [];
      prep = null;
    };
    for (let i = from; i < to; i++) {
      const t = tag(toks[i], i === 0);
      if (t === "IN") {
        flush();
        prep = leaf(i, "IN");
      } else current.push(leaf(i, t));
    }
    flush();
    return out;
  };
  const clause: TreeNode[] = [];
  const subjectEnd = verbs[0] ?? toks.length;
  clause.push(mk("NP", phrase(0, subjectEnd)));
  const vps = verbs.map((v, k) => mk("VP", [leaf(v, "VBD"), ...phrase(v + 1, verbs[k + 1] ?? toks.length)]));
  if (vps.length > 0) clause.push(vps.length === 1 ? vps[0] : mk("VP", vps));
  const root = mk("ROOT", [mk("S", clause)]);
  const span = (n: TreeNode): void => {
    for (const c of n.children) span(c);
    if (n.word === null) {
      n.start = n.children.length ? Math.min(...n.children.map((c) => c.start)) : 0;
      n.end = n.children.length ? Math.max(...n.children.map((c) => c.end)) : 0;
    }
  };
  span(root);
  return { root, leaves, words };
}
