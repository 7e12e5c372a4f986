/**
 * Penn Treebank parse trees, as carried by PETRARCH XML records: `(ROOT (S (NP (NNP Arnor)) …))`.
 * Leaves keep their position in the sentence so patterns can match over the word sequence.
 */

/** A node of a parse tree: a phrase (label + children) or a leaf (label = POS tag, word set). */
export interface TreeNode {
  label: string;
  /** The word, for a pre-terminal (POS) node; null for phrases. */
  word: string | null;
  children: TreeNode[];
  parent: TreeNode | null;
  /** Index of the first and one past the last leaf covered. */
  start: number;
  end: number;
}

/** A parsed sentence: the root and its leaves in order. */
export interface ParsedSentence {
  root: TreeNode;
  leaves: TreeNode[];
  /** Upper-cased words, one per leaf. */
  words: string[];
}

/** A malformed parse; `offset` is the character position in the parse text. */
export class ParseTreeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at character ${offset}`);
    this.name = "ParseTreeError";
  }
}

const TOKEN_RE = /\(|\)|[^\s()]+/g;
/** Deeper trees are junk, and would overflow the recursive walks. */
const MAX_DEPTH = 400;

/**
 * Parse a Penn Treebank bracketing. Throws {@link ParseTreeError} on unbalanced brackets.
 *
 * @example parseTree("(ROOT (S (NP (NNP Arnor)) (VP (VBD left))))").words // ["ARNOR", "LEFT"]
 */
export function parseTree(text: string): ParsedSentence {
  const leaves: TreeNode[] = [];
  const stack: TreeNode[] = [];
  let root: TreeNode | null = null;
  let expectLabel = false;
  for (const m of text.matchAll(TOKEN_RE)) {
    const tok = m[0];
    if (tok === "(") {
      if (stack.length >= MAX_DEPTH)
        throw new ParseTreeError(`parse nested deeper than ${MAX_DEPTH}`, m.index);
      const node: TreeNode = { label: "", word: null, children: [], parent: null, start: 0, end: 0 };
      const parent = stack.at(-1) ?? null;
      if (parent) {
        node.parent = parent;
        parent.children.push(node);
      } else if (root) {
        throw new ParseTreeError("second top-level tree", m.index);
      } else root = node;
      stack.push(node);
      expectLabel = true;
    } else if (tok === ")") {
      const node = stack.pop();
      if (!node) throw new ParseTreeError("unbalanced ')'", m.index);
      expectLabel = false;
    } else {
      const node = stack.at(-1);
      if (!node) throw new ParseTreeError(`word "${tok}" outside brackets`, m.index);
      if (expectLabel) {
        node.label = tok;
        expectLabel = false;
      } else {
        if (node.word !== null || node.children.length > 0)
          throw new ParseTreeError(`unexpected word "${tok}"`, m.index);
        node.word = tok;
        leaves.push(node);
      }
    }
  }
  if (stack.length > 0) throw new ParseTreeError("unbalanced '('", text.length);
  if (!root) throw new ParseTreeError("empty parse", 0);
  setSpans(root, { next: 0 });
  return { root, leaves, words: leaves.map((l) => l.word!.toUpperCase()) };
}

function setSpans(node: TreeNode, counter: { next: number }): void {
  node.start = counter.next;
  if (node.word !== null) counter.next++;
  for (const c of node.children) setSpans(c, counter);
  node.end = counter.next;
}

/** Every node under `node` (itself included), depth first, in sentence order. */
export function* walk(node: TreeNode): Generator<TreeNode> {
  yield node;
  for (const c of node.children) yield* walk(c);
}

/** True for phrase labels of a kind ("NP" matches "NP", "NP-SBJ"). */
export function isLabel(node: TreeNode, label: string): boolean {
  return node.label === label || node.label.startsWith(`${label}-`);
}

/** Noun phrases of the parse: NP (with function tags), NML, NX. */
export function isNounPhrase(node: TreeNode): boolean {
  return isLabel(node, "NP") || isLabel(node, "NML") || isLabel(node, "NX");
}
