import type { NounCoding, NounContext } from "./noun-coding.ts";
import { isLabel, isNounPhrase, type TreeNode } from "./tree.ts";

/**
 * A noun phrase with no dictionary actor as a new actor coded by its own words in quotes, when
 * PETRARCH's new_actor_length allows: its words (a possessor's not counted) must
 * number at most that length. Null when off or too long.
 */
export function newActor(ctx: NounContext, np: TreeNode): NounCoding | null {
  const max = ctx.newActorLength ?? 0;
  if (max <= 0) return null;
  let counted = 0;
  const words: string[] = [];
  const visit = (n: TreeNode, possessor: boolean): void => {
    if (n.word !== null) {
      if (n.label === "POS") return;
      words.push(ctx.sentence.words[n.start]);
      if (!possessor) counted++;
      return;
    }
    if (isLabel(n, "SBAR") || isLabel(n, "VP") || isLabel(n, "S")) return;
    const owner = possessor || (isNounPhrase(n) && n.children.at(-1)?.label === "POS");
    for (const k of n.children) visit(k, owner);
  };
  visit(np, false);
  if (counted === 0 || counted > max) return null;
  return {
    codings: [{ actor: `"${words.join(" ")}"`, prefixes: [], suffixes: [] }],
    isNew: true,
    start: np.start,
    end: np.end,
  };
}
