/** Yalu's coder: English text → dated, sourced CAMEO/PLOVER events. */
export { ActorMatcher, type ActorMention, type ActorSource } from "./actors.ts";
export { type DateContext, type DateMention, findDates, headerDate } from "./dates.ts";
export {
  type CodeDocumentOptions,
  type CodedDocument,
  codeDocument,
  detectFormat,
  type InputFormat,
} from "./document.ts";
export { type CleanText, parseCitation, stripFootnotes } from "./footnotes.ts";
export { compileLexicon, type Lexicon, LexiconError } from "./lexicon.ts";
export { codeForMood } from "./moods.ts";
export {
  type CoderContext,
  type CoderData,
  NativeCoder,
  type NativeCoderOptions,
  newContext,
} from "./native.ts";
export { splitSentences } from "./sentences.ts";
export {
  defaultCoder,
  shippedCoderData,
  shippedConfidence,
  shippedLexicon,
  shippedSense,
} from "./shipped.ts";
export { codeStream, type StreamStats } from "./stream.ts";
export { type Token, tokenize } from "./tokens.ts";
export type { SentenceCoder, SentenceInput } from "./types.ts";

/**
 * A coder over PETRARCH-2 dictionaries (see `petrarch/index.ts`), loaded when asked for: most runs
 * code with Yalu's own coder and need none of it.
 */
export async function loadDictionaryCoder(
  ...args: Parameters<typeof import("./petrarch/index.ts").loadDictionaryCoder>
): ReturnType<typeof import("./petrarch/index.ts").loadDictionaryCoder> {
  return (await import("./petrarch/index.ts")).loadDictionaryCoder(...args);
}
