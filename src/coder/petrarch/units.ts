import type { Unit } from "./match.ts";
import { isNounPhrase, type NounCoding } from "./nouns.ts";
import { type TreeNode, walk } from "./tree.ts";

/** The unit sequences patterns are matched against: words, and coded noun phrases as one unit. */

export function unitsBetween(
  words: readonly string[],
  nouns: readonly NounCoding[],
  skips: ReadonlyMap<number, number>,
  from: number,
  to: number,
): Unit[] {
  const out: Unit[] = [];
  const word = (i: number): Unit => {
    const span = skips.get(i) ?? 0;
    return { kind: "word", word: words[i], skip: i + span <= to ? span : 0 };
  };
  for (let i = from; i < to; ) {
    const n = nouns.find((u) => u.start === i && u.end <= to);
    if (!n) {
      out.push(word(i));
      i++;
    } else if (n.parts || n.isNew) {
      // Compounds and new actors stay open to patterns: "DEATH TOLL *" in "death and injury toll".
      const first = out.length;
      for (let j = n.start; j < n.end; ) {
        const part = n.parts?.find((p) => p.start === j && !p.isNew && p.end <= n.end);
        if (part) {
          out.push({ kind: "noun", noun: part });
          j = part.end;
        } else out.push(word(j++));
      }
      if (n.parts) out[first].group = { noun: n, length: out.length - first };
      i = n.end;
    } else {
      out.push({ kind: "noun", noun: n });
      i = n.end;
    }
  }
  return out;
}

const NOT_NOUN = new Set(["DT", "PRP$", "POS", "CD", "PDT", "WDT", "WP$"]);

/** Uncoded base noun phrases: their first content word → how many words they span. */
export function uncodedNouns(root: TreeNode, nouns: readonly NounCoding[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const n of walk(root)) {
    if (!isNounPhrase(n) || n.children.some((k) => k.word === null)) continue;
    if (nouns.some((u) => u.start < n.end && u.end > n.start)) continue;
    const first = n.children.find((k) => !NOT_NOUN.has(k.label));
    if (first) out.set(first.start, n.end - first.start);
  }
  return out;
}
