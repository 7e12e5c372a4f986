import type { Event } from "../model/index.ts";

/** One sentence handed to a coder. */
export interface SentenceInput {
  /** Sentence id, unique within the run (PETRARCH XML `id`, or `docId:n`). */
  id: string;
  text: string;
  /** The date the sentence's relative dates resolve against (document date), YYYY-MM-DD, if known. */
  date: string | null;
  /** Document the sentence belongs to, for evidence. */
  docId: string | null;
  /** Character offset of the sentence in its document. */
  offset: number;
  /** Penn Treebank parse, where the input carries one (PETRARCH XML). */
  parse?: string | null;
}

/**
 * A sentence coder: Yalu's own pipeline, or the dictionary-driven coder loaded with
 * `--dictionaries`. Pure: the same sentence always gives the same events.
 */
export interface SentenceCoder {
  readonly name: string;
  code(sentence: SentenceInput): Event[];
}
