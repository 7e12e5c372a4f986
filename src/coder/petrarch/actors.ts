import { DictionaryError, dictionaryDate, dictionaryLines, phraseGaps, phraseWords } from "./lines.ts";

/**
 * PETRARCH/TABARI actor dictionaries:
 *
 * ```
 * NORTH_KOREA  [PRK]        primary phrase and its default code
 * +PYONGYANG                synonyms
 * GOLLUM
 *     [HOB < 950601]        date restrictions, indented: <date, >date, date-date, or a bare default
 *     [HOBGOV 19950601 - 19990815]
 * THE_SHIRE [FRO/BIL/SAM]   several codes: the actor is a compound
 * ```
 */

/** One code of an actor, valid before/after/between dates (YYYYMMDD, inclusive). */
export interface ActorRestriction {
  codes: string[];
  from: number | null;
  to: number | null;
}

export interface ActorEntry {
  /** Every phrase naming the actor (primary and synonyms), as upper-case words. */
  phrases: string[][];
  /** For each phrase, which words may follow a gap (a blank, not "_", in the dictionary). */
  gaps: boolean[][];
  /** Code(s) when no restriction applies; empty = null-coded ("[---]"). */
  defaultCodes: string[];
  restrictions: ActorRestriction[];
  line: number;
}

export interface ActorDictionary {
  entries: ActorEntry[];
}

const NULL = new Set(["---", "+++", ""]);

function codesOf(raw: string): string[] {
  return raw
    .split("/")
    .map((c) => c.trim().toUpperCase())
    .filter((c) => !NULL.has(c));
}

/** Parse the inside of a `[...]` code block: "HOBGOV 19950601 - 19990815", "HOB <950601", "USA". */
function restriction(inner: string, file: string, line: number): ActorRestriction {
  const m = /^\s*(\S+?)\s*(?:([<>])\s*(\d{6,9})|(\d{6,9})\s*-\s*(\d{6,9}))?\s*$/.exec(inner);
  if (!m) throw new DictionaryError(`malformed actor code "[${inner}]"`, file, line);
  const codes = codesOf(m[1]);
  if (m[2]) {
    const d = dictionaryDate(m[3])!;
    return m[2] === "<" ? { codes, from: null, to: d } : { codes, from: d, to: null };
  }
  if (m[4]) return { codes, from: dictionaryDate(m[4]), to: dictionaryDate(m[5]) };
  return { codes, from: null, to: null };
}

/**
 * Read an actor dictionary (PETRARCH or TABARI format). Errors name the file and line.
 *
 * @example actorCodes(readActorDictionary(text, "actors.txt").entries[0], 19950101)
 */
export function readActorDictionary(
  source: string,
  file: string,
  warn?: (message: string) => void,
): ActorDictionary {
  const entries: ActorEntry[] = [];
  // With `warn`, a malformed code block (operational dictionaries have a few date typos) is
  // reported and skipped; without it, it is an error.
  const addCode = (entry: ActorEntry, inner: string, line: number) => {
    let r: ActorRestriction;
    try {
      r = restriction(inner, file, line);
    } catch (err) {
      if (!warn || !(err instanceof DictionaryError)) throw err;
      warn(err.message);
      return;
    }
    if (r.from === null && r.to === null) entry.defaultCodes = r.codes;
    else entry.restrictions.push(r);
  };
  let current: ActorEntry | null = null;
  for (const { text, line } of dictionaryLines(source, file)) {
    if (text === "") continue;
    if (text.startsWith("[")) {
      if (!current) throw new DictionaryError("date restriction before any actor", file, line);
      for (const m of text.matchAll(/\[([^\]]*)\]/g)) addCode(current, m[1], line);
      continue;
    }
    const synonym = text.startsWith("+");
    const body = synonym ? text.slice(1) : text;
    const bracket = body.indexOf("[");
    const phrase = (bracket === -1 ? body : body.slice(0, bracket)).trim();
    const words = phraseWords(phrase);
    if (words.length === 0) throw new DictionaryError(`actor line without a phrase: "${text}"`, file, line);
    if (synonym) {
      if (!current) throw new DictionaryError(`synonym "${phrase}" before any actor`, file, line);
      current.phrases.push(words);
      current.gaps.push(phraseGaps(phrase));
    } else {
      current = { phrases: [words], gaps: [phraseGaps(phrase)], defaultCodes: [], restrictions: [], line };
      entries.push(current);
    }
    if (bracket !== -1) {
      for (const m of body.slice(bracket).matchAll(/\[([^\]]*)\]/g)) addCode(current, m[1], line);
    }
  }
  return { entries };
}

/** The codes of an actor on a date (YYYYMMDD; null = no restriction applies). */
export function actorCodes(entry: ActorEntry, date: number | null): string[] {
  if (date !== null) {
    for (const r of entry.restrictions) {
      if ((r.from === null || date >= r.from) && (r.to === null || date <= r.to)) return r.codes;
    }
  }
  return entry.defaultCodes;
}
