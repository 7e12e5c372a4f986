import { type Event, normalizeEvent } from "../../model/index.ts";
import type { SentenceCoder, SentenceInput } from "../types.ts";
import { type CodingOptions, codeParsed, type Dictionaries, type SentenceCoding } from "./coder.ts";
import { sentenceDate } from "./lines.ts";
import { shallowTree } from "./shallow.ts";
import { type ParsedSentence, ParseTreeError, parseTree } from "./tree.ts";

export interface DictionaryCoderOptions {
  /** Only code events with both a source and a target (default true, as PETRARCH). */
  requireDyad: boolean;
}

const defaults: DictionaryCoderOptions = { requireDyad: true };
/** Unparsed sentences longer than this are not news sentences (tables, run-ons, binary junk). */
const MAX_TEXT = 5000;

/** A SentenceCoder over loaded dictionaries; also exposes PETRARCH-style raw codings. */
export interface DictionaryCoder extends SentenceCoder {
  /** PETRARCH-style codings of a sentence (codes as the dictionaries give them). */
  codeRaw(sentence: SentenceInput, options?: Partial<CodingOptions>): SentenceCoding;
  /** Malformed dictionary entries skipped while loading, each naming its file and line. */
  readonly warnings: readonly string[];
}

const NON_STATE = new Set(["IGO", "NGO", "NGM", "MNC", "IMG", "UNO"]);

function countryOf(code: string): string | null {
  const head = code.slice(0, 3);
  return /^[A-Z]{3}$/.test(head) && !NON_STATE.has(head) ? head : null;
}

function titleCase(words: string | null): string | null {
  if (!words) return null;
  return words.toLowerCase().replace(/(^|\s)(\S)/g, (_, s: string, c: string) => s + c.toUpperCase());
}

/** Build the coder. Parses come from `sentence.parse`; without one a shallow chunking is used. */
export function dictionaryCoder(
  dicts: Dictionaries,
  options: Partial<DictionaryCoderOptions> = {},
): DictionaryCoder {
  const opts = { ...defaults, ...options } satisfies DictionaryCoderOptions;
  const codeRaw = (sentence: SentenceInput, o: Partial<CodingOptions> = {}): SentenceCoding => {
    if (!sentence.parse && sentence.text.length > MAX_TEXT)
      return {
        codings: [],
        discard: null,
        error: `sentence "${sentence.id}": longer than ${MAX_TEXT} characters`,
      };
    let parsed: ParsedSentence;
    try {
      parsed = sentence.parse ? parseTree(sentence.parse) : shallowTree(sentence.text, dicts);
    } catch (err) {
      if (!(err instanceof ParseTreeError)) throw err;
      return { codings: [], discard: null, error: `sentence "${sentence.id}": bad parse: ${err.message}` };
    }
    return codeParsed(dicts, parsed, {
      date: sentenceDate(sentence.date),
      requireDyad: opts.requireDyad,
      ...o,
    });
  };
  return {
    name: "petrarch-dictionaries",
    codeRaw,
    warnings: dicts.warnings ?? [],
    code(sentence: SentenceInput): Event[] {
      if (!sentence.date) return [];
      const out: Event[] = [];
      for (const c of codeRaw(sentence).codings) {
        try {
          out.push(
            normalizeEvent({
              date: sentence.date,
              source: { code: c.source, country: countryOf(c.source), name: titleCase(c.sourceText) },
              target: { code: c.target, country: countryOf(c.target), name: titleCase(c.targetText) },
              cameo: c.code,
              origin: "petrarch",
              evidence: {
                docId: sentence.docId,
                sentence: sentence.text,
                start: sentence.offset,
                end: sentence.offset + sentence.text.length,
                citation: null,
              },
            }),
          );
        } catch {
          // Codes outside CAMEO (the validation dictionaries' "903") or null actors ("---") are
          // not events of the shared model; codeRaw still reports them.
        }
      }
      return out;
    },
  };
}
