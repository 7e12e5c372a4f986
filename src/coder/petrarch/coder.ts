import type { ActorEntry } from "./actors.ts";
import type { AgentEntry } from "./agents.ts";
import { byAgent, firstNewActor, headVerb, isPassive, subjectOf } from "./clauses.ts";
import { type DiscardEntry, type DiscardList, findDiscard } from "./discards.ts";
import { type Bindings, matchPattern } from "./match.ts";
import {
  type ActorCoding,
  codeString,
  firstNounCoding,
  type NounCoding,
  type NounContext,
  nounUnits,
} from "./nouns.ts";
import type { PhraseIndex } from "./phrases.ts";
import { type ParsedSentence, walk } from "./tree.ts";
import { uncodedNouns, unitsBetween } from "./units.ts";
import { type VerbCode, type VerbDictionary, type VerbEntry, verbEntriesFor } from "./verbs.ts";

/**
 * The dictionary-driven coder: for every verb of the parse found in the verb dictionary, match its
 * patterns, find the source (the clause's subject, or `$`) and target (the first actor after the
 * verb in its verb phrase, or `+`) and emit the pattern's or the verb's code.
 */

export interface Dictionaries {
  verbs: VerbDictionary;
  actors: PhraseIndex<ActorEntry>;
  agents: PhraseIndex<AgentEntry>;
  discards: DiscardList;
  /** Entries skipped while loading (malformed date restrictions), with file and line. */
  warnings?: string[];
}

export interface CodingOptions {
  /** Sentence date as YYYYMMDD, for actor date restrictions. */
  date: number | null;
  /** Only code events with both a source and a target (PETRARCH's `require_dyad`). */
  requireDyad: boolean;
  /**
   * PETRARCH's `new_actor_length`: a subject or object with no dictionary actor, of at most this
   * many words, is coded as its own text in quotes ('"INJURY TOLL"'); 0 = off (default).
   */
  newActorLength?: number;
}

/** One coded event in PETRARCH's terms: actor code strings ("---" = none) and the event code. */
export interface RawCoding {
  source: string;
  target: string;
  code: string;
  /** The words of the source and target phrases as written (upper case), null if none. */
  sourceText: string | null;
  targetText: string | null;
  /** The verb and pattern behind the coding, for reporting. */
  verb: string;
  pattern: string | null;
}

export interface SentenceCoding {
  codings: RawCoding[];
  /** The discard that stopped coding, if any. */
  discard: DiscardEntry | null;
  /** Why the sentence could not be coded (a malformed parse), if so. */
  error?: string;
}

const NO_ACTOR: ActorCoding = { actor: null, prefixes: [], suffixes: [] };

interface Side {
  coding: ActorCoding;
  noun: NounCoding | null;
}

function sides(noun: NounCoding | null): Side[] {
  return noun ? noun.codings.map((coding) => ({ coding, noun })) : [];
}

/** The dictionary entry for a verb leaf, preferring multi-word verbs whose other words are present. */
function verbEntry(dict: VerbDictionary, words: readonly string[], at: number) {
  const entries = verbEntriesFor(dict, words[at]);
  if (!entries) return null;
  let best: { entries: VerbEntry[]; start: number; end: number } | null = null;
  for (const e of entries) {
    const start = at - e.verbIndex;
    let ok = start >= 0 && start + e.words.length <= words.length;
    for (let k = 0; ok && k < e.words.length; k++)
      if (words[start + k] !== e.words[k] && !(e.stem && k === e.verbIndex)) ok = false;
    if (!ok) continue;
    if (!best || e.words.length > best.end - best.start)
      best = { entries: [e], start, end: start + e.words.length };
    else if (e.words.length === best.end - best.start) best.entries.push(e);
  }
  return best;
}

function firstCode(entries: readonly VerbEntry[]): VerbCode {
  return entries.find((e) => e.code.primary || e.code.paired)?.code ?? { primary: null, paired: null };
}

/** Code one parsed sentence. */
export function codeParsed(
  dicts: Dictionaries,
  parsed: ParsedSentence,
  options: CodingOptions,
): SentenceCoding {
  const discard = findDiscard(dicts.discards, parsed.words);
  if (discard) return { codings: [], discard };
  const ctx: NounContext = {
    sentence: parsed,
    actors: dicts.actors,
    agents: dicts.agents,
    date: options.date,
    newActorLength: options.newActorLength ?? 0,
  };
  const nouns = nounUnits(ctx);
  const present = new Set(parsed.words);
  const skips = uncodedNouns(parsed.root, nouns);
  const codings: RawCoding[] = [];
  const seen = new Set<string>();
  const text = (n: NounCoding | null) => (n ? parsed.words.slice(n.start, n.end).join(" ") : null);
  const emit = (s: Side, t: Side, code: string, verb: string, pattern: string | null) => {
    const source = codeString(s.coding);
    const target = codeString(t.coding);
    if (source === target) return;
    const key = `${source}\u0000${target}\u0000${code}`;
    if (seen.has(key)) return;
    seen.add(key);
    codings.push({ source, target, code, sourceText: text(s.noun), targetText: text(t.noun), verb, pattern });
  };
  for (const vp of walk(parsed.root)) {
    if (!vp.label.startsWith("VP")) continue;
    const verb = headVerb(vp);
    if (!verb) continue;
    const found = verbEntry(dicts.verbs, parsed.words, verb.start);
    if (!found) continue;
    const lower = unitsBetween(parsed.words, nouns, skips, 0, found.start);
    const upper = unitsBetween(parsed.words, nouns, skips, found.end, vp.end);
    let code = firstCode(found.entries);
    let bindings: Bindings = {};
    let patternText: string | null = null;
    search: for (const e of found.entries) {
      for (const p of e.patterns) {
        if (!p.required.every((w) => present.has(w))) continue;
        const b = matchPattern(p, lower, upper);
        if (b) {
          code = p.code;
          bindings = b;
          patternText = p.text;
          break search;
        }
      }
    }
    if (!code.primary && !code.paired) continue;
    let source = bindings.source ?? null;
    let target = bindings.target ?? null;
    if (!source && bindings.beforeTarget) {
      // A target matched before the verb: the source is the subject, unless the subject is that
      // very target ("… noted that Cirith Ungol regretted" with "NOTED + *"): then the actor before it.
      const subject = subjectOf(ctx, vp);
      if (subject && subject.start !== bindings.target?.start) source = subject;
      else {
        const u = bindings.beforeTarget.find((x) => x.kind === "noun");
        if (u?.kind === "noun") source = u.noun;
      }
    }
    if (!source) {
      const passiveBy = isPassive(vp, verb) ? byAgent(ctx, vp, found.end) : null;
      if (passiveBy) {
        source = passiveBy;
        target ??= subjectOf(ctx, vp);
      } else source = subjectOf(ctx, vp);
    }
    if (!target) target = firstNounCoding(ctx, vp, found.end, vp.end) ?? firstNewActor(ctx, vp, found.end);
    const verbText = parsed.words.slice(found.start, found.end).join(" ");
    let pairs: [Side, Side][] = [];
    const compound = bindings.compound;
    if (compound && bindings.compoundSide === "lower" && !bindings.target) {
      const members = sides(compound);
      for (const a of members) for (const b of members) if (a !== b) pairs.push([a, b]);
    } else {
      const sources = compound && bindings.compoundSide === "lower" ? sides(compound) : sides(source);
      const targets = compound && bindings.compoundSide === "upper" ? sides(compound) : sides(target);
      if (sources.length === 0) continue;
      if (targets.length === 0 && sources.length > 1) {
        // A compound subject with no object acts on itself: "Gondor and Osgiliath renewed ties".
        for (const a of sources) for (const b of sources) if (a !== b) pairs.push([a, b]);
      } else if (targets.length === 0) {
        if (options.requireDyad) continue;
        pairs = sources.map((s) => [s, { coding: NO_ACTOR, noun: null }]);
      } else for (const s of sources) for (const t of targets) pairs.push([s, t]);
    }
    for (const [s, t] of pairs) {
      if (code.primary) emit(s, t, code.primary, verbText, patternText);
      if (code.paired && t.coding.actor !== null) emit(t, s, code.paired, verbText, patternText);
    }
  }
  return { codings, discard: null };
}
