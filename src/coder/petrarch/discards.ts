import { dictionaryLines } from "./lines.ts";

/**
 * PETRARCH discard lists: phrases whose presence stops coding of the sentence, or with a leading
 * `+` of the whole story. A trailing `_` requires a word end; otherwise the phrase is a stem.
 */
export interface DiscardEntry {
  /** Upper-case phrase, words separated by single spaces. */
  phrase: string;
  story: boolean;
  wholeWord: boolean;
}

export interface DiscardList {
  entries: DiscardEntry[];
}

export function readDiscardList(source: string): DiscardList {
  const entries: DiscardEntry[] = [];
  for (const { text } of dictionaryLines(source)) {
    if (text === "") continue;
    const story = text.startsWith("+");
    const body = (story ? text.slice(1) : text).trim();
    const wholeWord = body.endsWith("_");
    const phrase = body
      .replace(/_+$/, "")
      .replace(/[\s_]+/g, " ")
      .toUpperCase();
    if (phrase) entries.push({ phrase, story, wholeWord });
  }
  return { entries };
}

/** The first discard that applies to a sentence (words upper-cased), or null. */
export function findDiscard(list: DiscardList, words: readonly string[]): DiscardEntry | null {
  const text = ` ${words.join(" ")} `;
  for (const d of list.entries) {
    const at = text.indexOf(` ${d.phrase}`);
    if (at === -1) continue;
    if (d.wholeWord && !/^[\s.,;:!?'")]/.test(text.charAt(at + d.phrase.length + 1))) continue;
    return d;
  }
  return null;
}
