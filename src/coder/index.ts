/** Yalu's coder: English text → dated, sourced CAMEO/PLOVER events. */
export { ActorMatcher, type ActorMention, type ActorSource } from "./actors.ts";
export { type DateContext, type DateMention, findDates, headerDate } from "./dates.ts";
export {
  type CodeDocumentOptions,
  type CodedDocument,
  codeDocument,
  defaultCoder,
  detectFormat,
  type InputFormat,
} from "./document.ts";
export { type CleanText, parseCitation, stripFootnotes } from "./footnotes.ts";
export { compileLexicon, defaultLexicon, type Lexicon, LexiconError } from "./lexicon.ts";
export { codeForMood } from "./moods.ts";
export { type CoderContext, NativeCoder, type NativeCoderOptions, newContext } from "./native.ts";
export { splitSentences } from "./sentences.ts";
export { tokenize } from "./tokens.ts";
export type { SentenceCoder, SentenceInput } from "./types.ts";
