import { actorCodes } from "./actors.ts";
import { newActor } from "./new-actor.ts";
import type { ActorCoding, NounCoding, NounContext } from "./noun-coding.ts";
import type { PhraseIndex } from "./phrases.ts";
import { isNounPhrase, type TreeNode } from "./tree.ts";

/**
 * Coding noun phrases as actors: actor names and agent titles found in a noun phrase's head,
 * compounds ("Gondor and Osgiliath"), agents carried across a prepositional phrase ("the
 * ambassadors of Arnor, Osgiliath and Gondor" → ARNGOV, OSGGOV, GONGOV) and possessives
 * ("Gondor's government" → GONGOV).
 */

export type { ActorCoding, NounCoding, NounContext };

const CONJUNCTIONS = new Set(["AND", "OR", "NOR"]);
const NOMINAL = /^(NN|NNS|NNP|NNPS|NP|NML|NX|PRP)$/;
const PREPOSITION_LINKS = new Set(["OF", "IN", "FROM", "AT", "FOR"]);

export { isNounPhrase };

/** The code string of an actor coding: prefixes, actor (or "---"), suffixes without repeats. */
export function codeString(c: ActorCoding): string {
  let code = c.prefixes.join("") + (c.actor ?? "---");
  for (const s of c.suffixes) {
    // An agent the actor code already carries (USAGOV + GOV) is not appended again.
    let redundant = false;
    for (let k = 3; k + s.length <= code.length; k += 3)
      if (code.slice(k, k + s.length) === s) redundant = true;
    if (!redundant) code += s;
  }
  return code;
}

function isConjunction(n: TreeNode): boolean {
  return n.label === "CC" && n.word !== null && CONJUNCTIONS.has(n.word.toUpperCase());
}

function isSeparator(n: TreeNode): boolean {
  return isConjunction(n) || n.label === "," || n.label === ":";
}

/** Split an NP's children into conjuncts when it is a compound of nominals, else null. */
function conjuncts(np: TreeNode): TreeNode[][] | null {
  const kids = np.children;
  const ccAt = kids.findIndex(isConjunction);
  if (ccAt <= 0 || ccAt === kids.length - 1) return null;
  const left = kids
    .slice(0, ccAt)
    .reverse()
    .find((k) => !isSeparator(k));
  const right = kids[ccAt + 1];
  if (!left || !NOMINAL.test(left.label.split("-")[0]) || !NOMINAL.test(right.label.split("-")[0]))
    return null;
  const parts: TreeNode[][] = [[]];
  for (const k of kids) {
    if (isSeparator(k)) {
      if (parts.at(-1)!.length > 0) parts.push([]);
    } else if (!(k.label === "DT" && /^(NEITHER|EITHER|BOTH)$/i.test(k.word ?? ""))) parts.at(-1)!.push(k);
  }
  const out = parts.filter((p) => p.length > 0);
  return out.length >= 2 ? out : null;
}

/** Leaves of the head of an NP: its own words, possessors, and the head of a first NP child. */
function headLeaves(np: TreeNode, out: number[]): void {
  const kids = np.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.word !== null) {
      if (k.label !== "POS") out.push(k.start);
    } else if (isNounPhrase(k) && (i === 0 || k.children.at(-1)?.label === "POS")) {
      if (i === 0 && conjuncts(k)) return;
      headLeaves(k, out);
    } else if (k.label === "ADJP" || k.label === "QP" || k.label === "NML") {
      for (let j = k.start; j < k.end; j++) out.push(j);
    }
  }
}

interface Named {
  codings: ActorCoding[];
  /** First and one-past-last word of the names found. */
  start: number;
  end: number;
  parts?: NounCoding[];
  isNew?: boolean;
}

/**
 * Actors and agents named from the head words `idx`; a name may run on past the head within
 * `limit` ("the Prince | of Dol Amroth", "Ministry | of Silly Walks").
 */
function codeWords(ctx: NounContext, idx: number[], limit: number): Named | null {
  if (idx.length === 0) return null;
  const words = ctx.sentence.words;
  const taken = new Set<number>();
  const scan = <T>(index: PhraseIndex<T>) => {
    const found: { start: number; end: number; value: T }[] = [];
    for (const i of idx) {
      if (taken.has(i)) continue;
      const m = index.matchAt(words, i, limit);
      if (!m) continue;
      let free = true;
      for (let k = m.start; k < m.end; k++) if (taken.has(k)) free = false;
      if (!free) continue;
      for (let k = m.start; k < m.end; k++) taken.add(k);
      found.push(m);
    }
    return found;
  };
  const actors = scan(ctx.actors);
  const agents = scan(ctx.agents);
  if (actors.length === 0 && agents.length === 0) return null;
  const all = [...actors, ...agents];
  const start = Math.min(...all.map((m) => m.start));
  const end = Math.max(...all.map((m) => m.end));
  agents.sort((a, b) => a.start - b.start);
  const prefixes = agents.filter((a) => a.value.prefix).map((a) => a.value.code);
  const suffixes = agents.filter((a) => !a.value.prefix).map((a) => a.value.code);
  if (actors.length === 0) return { codings: [{ actor: null, prefixes, suffixes }], start, end };
  const codes = actorCodes(actors[0].value, ctx.date);
  if (codes.length === 0)
    return agents.length > 0 ? { codings: [{ actor: null, prefixes, suffixes }], start, end } : null;
  return { codings: codes.map((actor) => ({ actor, prefixes, suffixes })), start, end };
}

function codeNodes(ctx: NounContext, nodes: TreeNode[], limit: number): Named | null {
  if (nodes.length === 1 && isNounPhrase(nodes[0])) return codeNounPhrase(ctx, nodes[0]);
  const idx: number[] = [];
  for (const n of nodes) {
    if (n.word !== null && n.label !== "POS") idx.push(n.start);
    else if (n.word === null) headLeaves(n, idx);
  }
  return codeWords(ctx, idx, limit);
}

/**
 * Code a noun phrase; null if its head names no actor or agent. Agent-only heads take the actors
 * of an "of/in/from" phrase that follows them. The coding's span covers the names found (what a
 * pattern's `$`/`+`/`^` stands for), or the whole phrase for a compound.
 */
export function codeNounPhrase(ctx: NounContext, np: TreeNode): NounCoding | null {
  ctx.memo ??= new Map();
  const known = ctx.memo.get(np);
  if (known !== undefined) return known;
  const coded = codeNounPhraseOnce(ctx, np);
  ctx.memo.set(np, coded);
  return coded;
}

function codeNounPhraseOnce(ctx: NounContext, np: TreeNode): NounCoding | null {
  const parts = conjuncts(np);
  if (parts) {
    const coded = parts.map((p) => {
      const c = codeNodes(ctx, p, p.at(-1)!.end);
      if (c || p.length !== 1 || !isNounPhrase(p[0])) return c ?? (p.length === 1 ? null : null);
      // "goats of Gondor": a conjunct whose head names nobody is coded by the first actor inside it.
      return firstNounCoding(ctx, p[0], p[0].start, p[0].end) ?? newActor(ctx, p[0]);
    });
    const present = coded.filter((c): c is Named => c !== null);
    if (present.length === 0) return null;
    if (present.length === 1) return present[0];
    const out: ActorCoding[] = [];
    // Within one flat phrase an agent-only conjunct takes the actor, and the modifiers, of the
    // conjunct before it: "the Danish Islamist media and government" → DNKMUSMED, DNKMUSGOV.
    const flat = parts.every((p) => p.every((n) => n.word !== null));
    let last: ActorCoding | null = null;
    for (const c of present) {
      for (const a of c.codings) {
        if (a.actor) last = a;
        if (a.actor || !last || !flat) out.push(a);
        else
          out.push({
            actor: last.actor,
            prefixes: [...last.prefixes, ...a.prefixes],
            suffixes: [...last.suffixes.slice(0, -1), ...a.suffixes],
          });
      }
    }
    return { codings: out, start: np.start, end: np.end, parts: present };
  }
  const idx: number[] = [];
  headLeaves(np, idx);
  let head = codeWords(ctx, idx, np.end);
  const first = np.children[0];
  if (!head && first && isNounPhrase(first) && conjuncts(first)) head = codeNounPhrase(ctx, first);
  if (!head) return null;
  if (head.codings.every((h) => h.actor === null)) {
    for (const k of np.children) {
      if (k.label !== "PP" || k.start < head.end) continue;
      const prep = k.children[0]?.word?.toUpperCase() ?? "";
      if (!PREPOSITION_LINKS.has(prep)) continue;
      const obj = k.children.find(isNounPhrase);
      const inner = obj ? codeNounPhrase(ctx, obj) : null;
      if (!inner || inner.codings.every((c) => c.actor === null)) continue;
      const combined: ActorCoding[] = [];
      for (const h of head.codings)
        for (const c of inner.codings) {
          if (!c.actor) continue;
          combined.push({
            actor: c.actor,
            prefixes: [...h.prefixes, ...c.prefixes],
            suffixes: [...h.suffixes, ...c.suffixes],
          });
        }
      // The span stays the head's: in a pattern, "the parliament" and "Gondor" are separate actors.
      return { codings: combined, start: head.start, end: head.end };
    }
  }
  return head;
}

/**
 * The first coded noun phrase within `node` whose words lie in [from, to), in sentence order.
 * Clauses and phrases are searched depth first; an uncoded NP is searched inside.
 */
export function firstNounCoding(
  ctx: NounContext,
  node: TreeNode,
  from: number,
  to: number,
): NounCoding | null {
  if (node.end <= from || node.start >= to || node.word !== null) return null;
  if (isNounPhrase(node) && node.start >= from) {
    const c = codeNounPhrase(ctx, node);
    if (c && c.end <= to) return c;
  }
  for (const k of node.children) {
    const c = firstNounCoding(ctx, k, from, to);
    if (c) return c;
  }
  return null;
}

/** Every coded noun phrase of the sentence, outermost first, not overlapping. */
export function nounUnits(ctx: NounContext): NounCoding[] {
  const out: NounCoding[] = [];
  const visit = (node: TreeNode): void => {
    if (node.word !== null) return;
    if (isNounPhrase(node)) {
      const c = codeNounPhrase(ctx, node);
      if (c) {
        out.push(c);
        for (const k of node.children) if (k.start >= c.end) visit(k);
        return;
      }
    }
    for (const k of node.children) visit(k);
  };
  visit(ctx.sentence.root);
  return out.sort((a, b) => a.start - b.start);
}
