import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import type { Token } from "./tokens.ts";

/** Universal POS tags as wink-nlp gives them ("VERB", "NOUN", "PROPN", "AUX", …). */
export type PosTag = string;

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

/** wink-nlp with its English lite model, loaded once, POS tagging only (no sentence or NER pass). */
function tagger(): Nlp {
  nlp ??= winkNLP(model, ["pos"]);
  return nlp;
}

/**
 * POS tags for our tokens of `text` from wink-nlp: each of our tokens takes the tag of the wink
 * token starting at the same character (or, for our finer splits, the one covering it).
 * Only sentences that already have an actor and a lexicon word are tagged — the expensive step.
 */
export function posTags(text: string, tokens: Token[]): PosTag[] {
  const n = tagger();
  const doc = n.readDoc(text);
  const its = n.its;
  const values = doc.tokens().out(its.value) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const starts: number[] = [];
  let cursor = 0;
  for (const v of values) {
    const at = text.indexOf(v, cursor);
    starts.push(at === -1 ? cursor : at);
    if (at !== -1) cursor = at + v.length;
  }
  const out: PosTag[] = new Array(tokens.length);
  let w = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (w + 1 < starts.length && starts[w + 1] <= tokens[i].start) w++;
    out[i] = tags[w] ?? "X";
  }
  return out;
}
