import type { ActorEntry } from "./actors.ts";
import type { AgentEntry } from "./agents.ts";
import { type DiscardEntry, type DiscardList, findDiscard } from "./discards.ts";
import { type Bindings, matchPattern, type Unit } from "./match.ts";
import {
  type ActorCoding,
  codeString,
  firstNounCoding,
  isNounPhrase,
  type NounCoding,
  type NounContext,
  newActor,
  nounUnits,
} from "./nouns.ts";
import type { PhraseIndex } from "./phrases.ts";
import { type ParsedSentence, type TreeNode, walk } from "./tree.ts";
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

const BE = new Set(["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "'S", "GET", "GOT"]);
const PRONOUN = /^(PRP|PRP\$|EX)$/;
const NO_ACTOR: ActorCoding = { actor: null, prefixes: [], suffixes: [] };

interface Side {
  coding: ActorCoding;
  noun: NounCoding | null;
}

function sides(noun: NounCoding | null): Side[] {
  return noun ? noun.codings.map((coding) => ({ coding, noun })) : [];
}

function headVerb(vp: TreeNode): TreeNode | null {
  return vp.children.find((k) => k.word !== null && k.label.startsWith("VB")) ?? null;
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

function isClause(n: TreeNode): boolean {
  return /^(S|SQ|SINV)(-|$)/.test(n.label);
}

function pronounOnly(np: TreeNode): boolean {
  const kids = np.children.filter((k) => k.label !== "DT");
  return kids.length > 0 && kids.every((k) => PRONOUN.test(k.label));
}

/** The subject NP of a clause before its child `child`, or of a coordinated clause before it. */
function subjectNp(clause: TreeNode, child: TreeNode): TreeNode | null {
  const before = clause.children.slice(0, clause.children.indexOf(child)).reverse();
  const np = before.find((k) => isNounPhrase(k));
  if (np) return np;
  // "Gondor launched a bombing and [S shelling …]": the subject of the clause coordinated before.
  const parent = clause.parent;
  if (!parent || !isClause(parent)) return null;
  const siblings = parent.children.slice(0, parent.children.indexOf(clause)).reverse();
  if (!siblings.some((k) => k.label === "CC")) return null;
  const prev = siblings.find((k) => isClause(k));
  return prev?.children.find((k) => isNounPhrase(k)) ?? null;
}

/** The subject NP of the clause governing `vp`; pronoun subjects defer to the enclosing clause. */
function subjectPhrase(vp: TreeNode): TreeNode | null {
  let child = vp;
  for (let node = vp.parent; node; child = node, node = node.parent) {
    if (isNounPhrase(node) && child === vp) {
      // A reduced relative ("a woman believed linked to …"): the noun it modifies.
      const head = node.children
        .slice(0, node.children.indexOf(vp))
        .reverse()
        .find((k) => isNounPhrase(k));
      if (head) return head;
    }
    if (!isClause(node)) continue;
    const np = subjectNp(node, child);
    if (!np || pronounOnly(np)) continue;
    return np;
  }
  return null;
}

/** The coded subject of the clause governing `vp`. */
function subjectOf(ctx: NounContext, vp: TreeNode): NounCoding | null {
  const np = subjectPhrase(vp);
  if (!np) return null;
  return firstNounCoding(ctx, np, np.start, np.end) ?? newActor(ctx, np);
}

/** The first noun phrase after the verb that qualifies as a new actor. */
function firstNewActor(ctx: NounContext, vp: TreeNode, from: number): NounCoding | null {
  if (!ctx.newActorLength) return null;
  for (const n of walk(vp)) if (isNounPhrase(n) && n.start >= from) return newActor(ctx, n);
  return null;
}

function isPassive(vp: TreeNode, verb: TreeNode): boolean {
  if (verb.label !== "VBN") return false;
  for (let n = vp.parent; n?.label.startsWith("VP"); n = n.parent) {
    const h = headVerb(n);
    if (h && BE.has(h.word!.toUpperCase())) return true;
  }
  return false;
}

/** The coded "by" phrase of a passive verb phrase, outside nested clauses. */
function byAgent(ctx: NounContext, vp: TreeNode, from: number): NounCoding | null {
  const search = (node: TreeNode): NounCoding | null => {
    for (const k of node.children) {
      if (
        k.word !== null ||
        k.end <= from ||
        isClause(k) ||
        k.label.startsWith("SBAR") ||
        k.label.startsWith("VP")
      )
        continue;
      if (k.label === "PP" && k.children[0]?.word?.toUpperCase() === "BY" && k.start >= from) {
        const c = firstNounCoding(ctx, k, k.start, k.end);
        if (c) return c;
      } else if (!isNounPhrase(k)) {
        const c = search(k);
        if (c) return c;
      }
    }
    return null;
  };
  return search(vp);
}

function unitsBetween(
  words: readonly string[],
  nouns: readonly NounCoding[],
  skips: ReadonlyMap<number, number>,
  from: number,
  to: number,
): Unit[] {
  const out: Unit[] = [];
  const word = (i: number): Unit => {
    const span = skips.get(i) ?? 0;
    return { kind: "word", word: words[i], skip: i + span <= to ? span : 0 };
  };
  for (let i = from; i < to; ) {
    const n = nouns.find((u) => u.start === i && u.end <= to);
    if (!n) {
      out.push(word(i));
      i++;
    } else if (n.parts || n.isNew) {
      // Compounds and new actors stay open to patterns: "DEATH TOLL *" in "death and injury toll".
      const first = out.length;
      for (let j = n.start; j < n.end; ) {
        const part = n.parts?.find((p) => p.start === j && !p.isNew && p.end <= n.end);
        if (part) {
          out.push({ kind: "noun", noun: part });
          j = part.end;
        } else out.push(word(j++));
      }
      if (n.parts) out[first].group = { noun: n, length: out.length - first };
      i = n.end;
    } else {
      out.push({ kind: "noun", noun: n });
      i = n.end;
    }
  }
  return out;
}

const NOT_NOUN = new Set(["DT", "PRP$", "POS", "CD", "PDT", "WDT", "WP$"]);

/** Uncoded base noun phrases: their first content word → how many words they span. */
function uncodedNouns(root: TreeNode, nouns: readonly NounCoding[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const n of walk(root)) {
    if (!isNounPhrase(n) || n.children.some((k) => k.word === null)) continue;
    if (nouns.some((u) => u.start < n.end && u.end > n.start)) continue;
    const first = n.children.find((k) => !NOT_NOUN.has(k.label));
    if (first) out.set(first.start, n.end - first.start);
  }
  return out;
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
