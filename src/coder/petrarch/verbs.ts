import { DictionaryError, dictionaryLines, phraseWords } from "./lines.ts";
import { parsePattern, parseVerbCode, type VerbCode, type VerbPattern } from "./patterns.ts";

export {
  type PatternToken,
  parsePattern,
  parseVerbCode,
  type VerbCode,
  type VerbPattern,
} from "./patterns.ts";

/**
 * PETRARCH verb dictionaries: the PETRARCH-1/`Validate` format and CAMEO.2.0 (PETRARCH-2), which
 * share the same skeleton:
 *
 * ```
 * &TIETYPES            synset: a label and `+phrase` lines
 * +MILITARY
 * --- ABANDON [345] ---   verb block: header with the block's default code
 * ABANDON {ABANDONED}     verbs (irregular forms in braces, `+` marks the verb of a multi-word verb)
 * - * &TIETYPES TIES [902]   patterns: words before/after the verb `*`, `_` joins adjacent words,
 *                            `$` source, `+` target, `^` skip an actor, `%` compound actor
 * ```
 * CAMEO.2.0's `(PP words)` and `{noun phrase}` groupings are read as plain word sequences.
 */

/** A verb of the dictionary (one inflected form of it) with its block's patterns. */
export interface VerbEntry {
  /** The words of the verb phrase as written in text ("BREAK", "DOWN"). */
  words: string[];
  /** Index of the verb proper within `words`. */
  verbIndex: number;
  code: VerbCode;
  patterns: VerbPattern[];
  /** The block's name, for reporting. */
  block: string;
  /** TABARI stem: the verb word matches any word it begins ("ACCUS" → "ACCUSED"). */
  stem: boolean;
}

export interface VerbDictionary {
  /** Entries keyed by the form of their verb word ("BROKE" → BREAK's entries). */
  byForm: Map<string, VerbEntry[]>;
  /** TABARI stem entries keyed by the stem. */
  stems: Map<string, VerbEntry[]>;
  synsets: Map<string, string[][]>;
  patternCount: number;
}

/** Regular plural of a word: +S, Y → IES, S/SS/SH/CH/X → +ES. */
export function pluralOf(word: string): string {
  if (/[^AEIOU]Y$/.test(word)) return word.slice(0, -1) + "IES";
  if (/(S|SH|CH|X|Z)$/.test(word)) return word + "ES";
  return word + "S";
}

/** Regular verb forms: base, 3rd person, past, gerund. */
export function verbForms(verb: string): string[] {
  const forms = [verb, pluralOf(verb)];
  if (verb.endsWith("E")) forms.push(verb + "D");
  else if (/[^AEIOU]Y$/.test(verb)) forms.push(verb.slice(0, -1) + "IED");
  else forms.push(verb + "ED");
  if (verb.endsWith("E") && !verb.endsWith("EE")) forms.push(verb.slice(0, -1) + "ING");
  else forms.push(verb + "ING");
  return forms;
}

interface Block {
  name: string;
  code: VerbCode;
  patterns: VerbPattern[];
  /** A TABARI verb: the next "VERB [code]" line opens a new block. */
  tabari: boolean;
  verbs: { words: string[]; verbIndex: number; code: VerbCode | null; stem?: boolean }[];
}

/** Parse a verb phrase spec "WIRE_+TAP" → words and the verb's index. */
function verbPhrase(spec: string): { words: string[]; verbIndex: number } {
  const raw = spec.split(/[\s_]+/).filter((w) => w.length > 0);
  let verbIndex = raw.findIndex((w) => w.startsWith("+"));
  if (verbIndex === -1) verbIndex = 0;
  return { words: raw.map((w) => w.replace(/^\+/, "").toUpperCase()), verbIndex };
}

/** The entries for a word: exact forms first, else the longest TABARI stem it begins with. */
export function verbEntriesFor(dict: VerbDictionary, word: string): VerbEntry[] | undefined {
  const exact = dict.byForm.get(word);
  if (exact || dict.stems.size === 0) return exact;
  for (let n = word.length; n >= 3; n--) {
    const list = dict.stems.get(word.slice(0, n));
    if (list) return list;
  }
  return undefined;
}

/**
 * Read a PETRARCH verb dictionary. Errors name the file and line.
 *
 * @example const verbs = readVerbDictionary(text, "CAMEO.2.0.txt"); verbs.byForm.get("RESTORED")
 */
export function readVerbDictionary(
  source: string,
  file: string,
  warn?: (message: string) => void,
): VerbDictionary {
  const lines = dictionaryLines(source, file);
  const rawSynsets = new Map<string, { phrases: string[][]; plural: boolean; line: number }>();
  const blocks: Block[] = [];
  const pendingPatterns: { text: string; line: number; block: Block }[] = [];
  let synset: string | null = null;
  let block: Block | null = null;
  let skipUntil: string | null = null;
  for (const { text, line } of lines) {
    if (skipUntil) {
      if (text.toUpperCase() === skipUntil) skipUntil = null;
      continue;
    }
    if (text === "") {
      synset = null;
      continue;
    }
    const section = /^<([A-Z]+)>$/i.exec(text);
    if (section) {
      // TABARI sections such as <TIME>…</TIME> are not verbs.
      skipUntil = `</${section[1].toUpperCase()}>`;
      continue;
    }
    if (text.startsWith("####")) continue;
    if (text.startsWith("&")) {
      const label = text.split(/\s+/)[0];
      const plural = !label.endsWith("_");
      synset = label.replace(/_+$/, "").toUpperCase();
      rawSynsets.set(synset, { phrases: [], plural, line });
      block = null;
      continue;
    }
    if (synset && text.startsWith("+")) {
      const phrase = text.slice(1).trim();
      const entry = rawSynsets.get(synset)!;
      const words = phraseWords(phrase);
      if (words.length === 0) throw new DictionaryError(`empty synset phrase in ${synset}`, file, line);
      entry.phrases.push(words);
      if (entry.plural && !/_\s*$/.test(phrase) && !words.at(-1)!.startsWith("&")) {
        entry.phrases.push([...words.slice(0, -1), pluralOf(words.at(-1)!)]);
      }
      continue;
    }
    synset = null;
    if (text.startsWith("---")) {
      const m = /^---+\s*(.*?)\s*(\[[^\]]*\])?[^[]*?(?:---+.*)?$/.exec(text);
      if (!m) throw new DictionaryError(`malformed verb block header "${text}"`, file, line);
      block = {
        name: m[1].replace(/\s+/g, " ").replace(/_$/, ""),
        code: m[2] ? parseVerbCode(m[2]) : { primary: null, paired: null },
        patterns: [],
        verbs: [],
        tabari: false,
      };
      blocks.push(block);
      continue;
    }
    if (block?.tabari && !text.startsWith("-")) block = null;
    if (!block) {
      // TABARI verbs files have no block headers: each "VERB [code]" line opens its own block, and
      // a verb without a trailing "_" is a stem.
      const m = /^([^\-[{][^[{]*?)\s*(\[[^\]]*\])\s*$/.exec(text);
      if (!m) throw new DictionaryError(`"${text}" outside a verb block`, file, line);
      const code = parseVerbCode(m[2]);
      block = { name: m[1].trim(), code, patterns: [], verbs: [], tabari: true };
      blocks.push(block);
      const phrase = verbPhrase(m[1]);
      block.verbs.push({ ...phrase, code, stem: !/_\s*$/.test(m[1]) && phrase.words.length === 1 });
      continue;
    }
    if (text.startsWith("-")) {
      pendingPatterns.push({ text: text.slice(1).trim(), line, block });
      continue;
    }
    const m = /^([^{[]+?)\s*(?:\{([^}]*)\})?\s*(\[[^\]]*\])?\s*$/.exec(text);
    if (!m) throw new DictionaryError(`malformed verb line "${text}"`, file, line);
    const code = m[3] ? parseVerbCode(m[3]) : null;
    const base = verbPhrase(m[1]);
    block.verbs.push({ ...base, code });
    const forms = m[2]?.trim();
    if (forms === undefined) {
      for (const f of verbForms(base.words[base.verbIndex]).slice(1)) {
        const words = [...base.words];
        words[base.verbIndex] = f;
        block.verbs.push({ words, verbIndex: base.verbIndex, code });
      }
    } else if (forms.length > 0) {
      for (const f of forms.split(/\s+/)) block.verbs.push({ ...verbPhrase(f), code });
    }
  }
  const synsets = expandSynsets(rawSynsets, file);
  let patternCount = 0;
  for (const p of pendingPatterns) {
    let pattern: VerbPattern | null;
    try {
      pattern = parsePattern(p.text, p.line, file, synsets);
    } catch (err) {
      // With `warn`, a malformed pattern is reported and skipped; without it, it is an error.
      if (!warn || !(err instanceof DictionaryError)) throw err;
      warn(err.message);
      pattern = null;
    }
    if (pattern) {
      p.block.patterns.push(pattern);
      patternCount++;
    }
  }
  const byForm = new Map<string, VerbEntry[]>();
  const stems = new Map<string, VerbEntry[]>();
  for (const b of blocks) {
    for (const v of b.verbs) {
      const entry: VerbEntry = {
        words: v.words,
        verbIndex: v.verbIndex,
        code: v.code ?? b.code,
        patterns: b.patterns,
        block: b.name,
        stem: v.stem === true,
      };
      const key = v.words[v.verbIndex];
      const map = entry.stem ? stems : byForm;
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
    }
  }
  return { byForm, stems, synsets, patternCount };
}

function expandSynsets(
  raw: Map<string, { phrases: string[][]; line: number }>,
  file: string,
): Map<string, string[][]> {
  const done = new Map<string, string[][]>();
  const expand = (name: string, seen: Set<string>): string[][] => {
    const cached = done.get(name);
    if (cached) return cached;
    const entry = raw.get(name);
    if (!entry) return [];
    if (seen.has(name)) throw new DictionaryError(`synset ${name} contains itself`, file, entry.line);
    seen.add(name);
    let out: string[][] = [];
    for (const phrase of entry.phrases) {
      let partial: string[][] = [[]];
      for (const w of phrase) {
        const alts = w.startsWith("&") ? expand(w.replace(/_+$/, ""), seen) : [[w]];
        partial = partial.flatMap((p) => alts.map((a) => [...p, ...a]));
      }
      out = out.concat(partial);
    }
    done.set(name, out);
    return out;
  };
  for (const name of raw.keys()) expand(name, new Set());
  return done;
}
