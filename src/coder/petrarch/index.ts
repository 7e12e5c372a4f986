/**
 * PETRARCH/TABARI dictionary compatibility: verb (PETRARCH-1 `Validate` and CAMEO.2.0 formats),
 * actor, agent and discard dictionaries, and a dictionary-driven SentenceCoder.
 *
 * @example
 * const coder = await loadDictionaryCoder("../shared/reference/eventdata/petrarch2/dictionaries");
 * coder.code({ id: "1", text, parse, date: "2025-09-04", docId: null, offset: 0 });
 */
import { findDictionaryFiles, loadDictionaries } from "./load.ts";
import { type DictionaryCoder, type DictionaryCoderOptions, dictionaryCoder } from "./sentence-coder.ts";

export { type ActorDictionary, actorCodes, readActorDictionary } from "./actors.ts";
export { readAgentDictionary } from "./agents.ts";
export type { CodingOptions, Dictionaries, RawCoding, SentenceCoding } from "./coder.ts";
export { readDiscardList } from "./discards.ts";
export { DictionaryError } from "./lines.ts";
export { type DictionaryFiles, findDictionaryFiles, loadDictionaries } from "./load.ts";
export { type DictionaryCoder, type DictionaryCoderOptions, dictionaryCoder } from "./sentence-coder.ts";
export { parseTree } from "./tree.ts";
export { readVerbDictionary } from "./verbs.ts";

/**
 * Load the dictionaries under `dir` (a directory, or a directory plus a file-name prefix such as
 * `dictionaries/PETR.Validate`) and return a coder over them. See {@link findDictionaryFiles}.
 */
export async function loadDictionaryCoder(
  dir: string,
  options: Partial<DictionaryCoderOptions> = {},
): Promise<DictionaryCoder> {
  return dictionaryCoder(await loadDictionaries(await findDictionaryFiles(dir)), options);
}
