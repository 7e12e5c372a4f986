import { newActor } from "./new-actor.ts";
import { firstNounCoding, isNounPhrase, type NounCoding, type NounContext } from "./nouns.ts";
import { type TreeNode, walk } from "./tree.ts";

/**
 * Clause structure over the parse: a verb phrase's head verb, its subject (through coordination,
 * reduced relatives and pronouns), passive voice and its "by" phrase.
 */

const BE = new Set(["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "'S", "GET", "GOT"]);
const PRONOUN = /^(PRP|PRP\$|EX)$/;

/** The head verb (first VB* child) of a verb phrase. */
export function headVerb(vp: TreeNode): TreeNode | null {
  return vp.children.find((k) => k.word !== null && k.label.startsWith("VB")) ?? null;
}

export function isClause(n: TreeNode): boolean {
  return /^(S|SQ|SINV)(-|$)/.test(n.label);
}

function pronounOnly(np: TreeNode): boolean {
  const kids = np.children.filter((k) => k.label !== "DT");
  return kids.length > 0 && kids.every((k) => PRONOUN.test(k.label));
}

/** The subject NP of a clause before its child `child`, or of a coordinated clause before it. */
function subjectNp(clause: TreeNode, child: TreeNode): TreeNode | null {
  const before = clause.children.slice(0, clause.children.indexOf(child)).reverse();
  const np = before.find((k) => isNounPhrase(k));
  if (np) return np;
  // "Gondor launched a bombing and [S shelling …]": the subject of the clause coordinated before.
  const parent = clause.parent;
  if (!parent || !isClause(parent)) return null;
  const siblings = parent.children.slice(0, parent.children.indexOf(clause)).reverse();
  if (!siblings.some((k) => k.label === "CC")) return null;
  const prev = siblings.find((k) => isClause(k));
  return prev?.children.find((k) => isNounPhrase(k)) ?? null;
}

/** The subject NP of the clause governing `vp`; pronoun subjects defer to the enclosing clause. */
function subjectPhrase(vp: TreeNode): TreeNode | null {
  let child = vp;
  for (let node = vp.parent; node; child = node, node = node.parent) {
    if (isNounPhrase(node) && child === vp) {
      // A reduced relative ("a woman believed linked to …"): the noun it modifies.
      const head = node.children
        .slice(0, node.children.indexOf(vp))
        .reverse()
        .find((k) => isNounPhrase(k));
      if (head) return head;
    }
    if (isNounPhrase(node) && child.label.startsWith("SBAR") && child.children[0]?.label.startsWith("WH")) {
      // A relative clause with no subject of its own ("the network, which has been linked to …").
      const head = node.children
        .slice(0, node.children.indexOf(child))
        .reverse()
        .find((k) => isNounPhrase(k));
      if (head) return head;
    }
    if (!isClause(node)) continue;
    const np = subjectNp(node, child);
    if (!np || pronounOnly(np)) continue;
    return np;
  }
  return null;
}

/** The coded subject of the clause governing `vp`. */
export function subjectOf(ctx: NounContext, vp: TreeNode): NounCoding | null {
  const np = subjectPhrase(vp);
  if (!np) return null;
  return firstNounCoding(ctx, np, np.start, np.end) ?? newActor(ctx, np);
}

/** The first noun phrase after the verb that qualifies as a new actor. */
export function firstNewActor(ctx: NounContext, vp: TreeNode, from: number): NounCoding | null {
  if (!ctx.newActorLength) return null;
  for (const n of walk(vp)) if (isNounPhrase(n) && n.start >= from) return newActor(ctx, n);
  return null;
}

export function isPassive(vp: TreeNode, verb: TreeNode): boolean {
  if (verb.label !== "VBN") return false;
  for (let n = vp.parent; n?.label.startsWith("VP"); n = n.parent) {
    const h = headVerb(n);
    if (h && BE.has(h.word!.toUpperCase())) return true;
  }
  return false;
}

/** The coded "by" phrase of a passive verb phrase, outside nested clauses. */
export function byAgent(ctx: NounContext, vp: TreeNode, from: number): NounCoding | null {
  const search = (node: TreeNode): NounCoding | null => {
    for (const k of node.children) {
      if (
        k.word !== null ||
        k.end <= from ||
        isClause(k) ||
        k.label.startsWith("SBAR") ||
        k.label.startsWith("VP")
      )
        continue;
      if (k.label === "PP" && k.children[0]?.word?.toUpperCase() === "BY" && k.start >= from) {
        const c = firstNounCoding(ctx, k, k.start, k.end);
        if (c) return c;
      } else if (!isNounPhrase(k)) {
        const c = search(k);
        if (c) return c;
      }
    }
    return null;
  };
  return search(vp);
}
