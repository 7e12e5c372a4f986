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
  // Participles used as prepositions ("according to", "following talks") are not verbs here.
  "of in on at for with from to by against about into over between among during after before near toward towards under according following including regarding concerning despite amid".split(
    " ",
  ),
);
const DETERMINERS = new Set("the a an its their his her our this that these those".split(" "));
const CONJUNCTIONS = new Set(["and", "or", "nor"]);
const RELATIVE = new Set(["which", "who"]);

/** Hang a relative clause on the last noun phrase of `host` (a subject NP or a verb phrase). */
function attachRelative(host: TreeNode, sbar: TreeNode): void {
  const last =
    host.label === "NP" && host.children.every((c) => c.word !== null) ? null : host.children.at(-1);
  const target = last?.label === "PP" ? last : host;
  const at = last?.label === "PP" ? last.children.length - 1 : last ? host.children.length - 1 : -1;
  const noun = at === -1 ? null : target.children[at];
  if (noun?.label !== "NP") {
    // No noun to modify: the clause simply follows.
    target.children.push(sbar);
    sbar.parent = target;
    return;
  }
  const wrapped: TreeNode = {
    label: "NP",
    word: null,
    children: [noun, sbar],
    parent: target,
    start: 0,
    end: 0,
  };
  noun.parent = wrapped;
  sbar.parent = wrapped;
  target.children[at] = wrapped;
}

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
    !PREPOSITIONS.has(toks[i]) &&
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
  // A verb shortly after "which"/"who" opens a relative clause on the noun before the pronoun.
  const relativeAt = verbs.map((v, k) => {
    for (let i = v - 1; i > (k > 0 ? verbs[k - 1] : -1) && i >= v - 4; i--)
      if (RELATIVE.has(toks[i].toLowerCase())) return i;
    return -1;
  });
  const clause: TreeNode[] = [];
  const subject = mk("NP", phrase(0, relativeAt[0] > 0 ? relativeAt[0] : (verbs[0] ?? toks.length)));
  clause.push(subject);
  const top: TreeNode[] = [];
  let host: TreeNode = subject;
  verbs.forEach((v, k) => {
    const next = verbs[k + 1] ?? toks.length;
    const end = relativeAt[k + 1] > v ? relativeAt[k + 1] : next;
    const vp = mk("VP", [leaf(v, "VBD"), ...phrase(v + 1, end)]);
    if (relativeAt[k] > 0)
      attachRelative(host, mk("SBAR", [mk("WHNP", [leaf(relativeAt[k], "WDT")]), mk("S", [vp])]));
    else top.push(vp);
    host = vp;
  });
  if (top.length > 0) clause.push(top.length === 1 ? top[0] : mk("VP", top));
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
