import { DictionaryError, dictionaryLines, phraseGaps, phraseWords } from "./lines.ts";
import { pluralOf } from "./verbs.ts";

/**
 * PETRARCH agent dictionaries:
 *
 * ```
 * !PERSON! = MAN, MEN, WOMAN        substitution set
 * FOREIGN_MINISTER [~GOVFRM]        `~CODE` is appended to the actor's code
 * MSF {} [NGO~]                     `CODE~` is prefixed; `{}` = no plural, `{GEESE}` = this plural
 * CONGRESS!PERSON! [~LEG]
 * ```
 * Regular plurals (+S, Y → IES, SS → ES) are generated unless braces say otherwise.
 */

export interface AgentEntry {
  words: string[];
  /** Which words may follow a gap (a blank, not "_", in the dictionary). */
  gaps: boolean[];
  code: string;
  /** True when the code goes before the actor code (`NGO~`). */
  prefix: boolean;
  line: number;
}

export interface AgentDictionary {
  entries: AgentEntry[];
}

/**
 * Split `PHRASE {PLURALS} [CODE]` into [whole, phrase, plurals, code] by scanning, not by a
 * backtracking pattern: a long line with no bracket must fail in linear time.
 */
function splitAgentEntry(text: string): [string, string, string | undefined, string] | null {
  let i = 0;
  while (i < text.length && text[i] !== "{" && text[i] !== "[") i++;
  const phrase = text.slice(0, i).trimEnd();
  if (phrase.trim() === "" || i === text.length) return null;
  let plurals: string | undefined;
  if (text[i] === "{") {
    const close = text.indexOf("}", i);
    if (close < 0) return null;
    plurals = text.slice(i + 1, close);
    i = close + 1;
    while (i < text.length && /\s/.test(text[i])) i++;
  }
  if (text[i] !== "[") return null;
  const end = text.indexOf("]", i);
  if (end < 0) return null;
  return [text.slice(0, end + 1), phrase, plurals, text.slice(i + 1, end).trim()];
}

/** Read an agent dictionary. Errors name the file and line. */
export function readAgentDictionary(
  source: string,
  file: string,
  warn?: (message: string) => void,
): AgentDictionary {
  const subs = new Map<string, string[]>();
  const entries: AgentEntry[] = [];
  for (const { text, line } of dictionaryLines(source, file)) {
    if (text === "") continue;
    const sub = /^(![A-Z0-9_]+!)\s*=\s*(.*)$/i.exec(text);
    if (sub) {
      subs.set(
        sub[1].toUpperCase(),
        sub[2].split(",").map((s) => s.trim().toUpperCase()),
      );
      continue;
    }
    const m = splitAgentEntry(text);
    const rawCode = m ? m[3].replace(/\s+/g, "") : "";
    const problem = !m
      ? `malformed agent entry "${text.length > 80 ? `${text.slice(0, 80)}…` : text}"`
      : !rawCode.includes("~")
        ? `agent code "[${m[3]}]" needs a "~" before or after it`
        : null;
    if (problem || !m) {
      // With `warn`, a malformed entry is reported and skipped; without it, it is an error.
      const err = new DictionaryError(problem ?? "malformed agent entry", file, line);
      if (!warn) throw err;
      warn(err.message);
      continue;
    }
    const prefix = rawCode.endsWith("~");
    const code = rawCode.replace(/~/g, "").toUpperCase();
    const phrases = substitute(m[1].trim().toUpperCase(), subs, file, line);
    const plurals = m[2];
    for (const phrase of phrases) {
      const words = phraseWords(phrase);
      const gaps = phraseGaps(phrase);
      entries.push({ words, gaps, code, prefix, line });
      if (plurals === undefined) {
        if (phrases.length === 1)
          entries.push({ words: [...words.slice(0, -1), pluralOf(words.at(-1)!)], gaps, code, prefix, line });
      } else {
        for (const p of plurals.split(/\s+/).filter((s) => s.length > 0))
          entries.push({ words: phraseWords(p), gaps: phraseGaps(p), code, prefix, line });
      }
    }
  }
  return { entries };
}

function substitute(phrase: string, subs: Map<string, string[]>, file: string, line: number): string[] {
  const m = /![A-Z0-9_]+!/.exec(phrase);
  if (!m) return [phrase];
  const options = subs.get(m[0]);
  if (!options) throw new DictionaryError(`unknown substitution set ${m[0]}`, file, line);
  return options.flatMap((o) => substitute(phrase.replace(m[0], o), subs, file, line));
}
