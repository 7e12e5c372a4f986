/**
 * Parsing CoNLL-U input in place: the given words, comments and multiword-token ranges are kept;
 * UPOS, XPOS, HEAD and DEPREL are filled by the parser (and LEMMA where it is empty). DEPS is
 * cleared, since an enhanced graph from elsewhere would contradict the new tree.
 */
import type { ConlluSentence } from "./conllu.ts";
import { type ParserModel, parse } from "./parser.ts";

/** A copy of `s` with the parser's tags and tree. */
export function parseConlluSentence(m: ParserModel, s: ConlluSentence): ConlluSentence {
  const parsed = parse(
    m,
    s.words.map((w) => w.form),
  );
  return {
    ...s,
    words: s.words.map((w, i) => {
      const p = parsed[i];
      return {
        ...w,
        lemma: w.lemma === "_" || w.lemma === "" ? p.lemma : w.lemma,
        upos: p.upos,
        xpos: p.xpos,
        head: p.head,
        deprel: p.deprel,
        deps: "_",
      };
    }),
  };
}
