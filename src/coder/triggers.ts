import { startsTime } from "./dates.ts";
import type { Lexicon, Pattern, Slot } from "./lexicon.ts";
import { isPunct, type Token } from "./tokens.ts";

/** A lexicon pattern matched in a sentence. */
export interface Trigger {
  pattern: Pattern;
  /** Token span of the head and its slots [start, end). */
  start: number;
  end: number;
  /** Token span of the filler words before the `~` slot, if any. */
  fillerStart: number;
  fillerEnd: number;
  /** How the surrounding words modify the event. */
  mood: "plain" | "intent" | "threat" | "refusal" | "negated" | "hypothetical";
  passive: boolean;
  /** Other patterns matching at the same head, in order of preference, tried when this one gives no event. */
  alternatives: Pattern[];
}

/** Words that end a filler run or a search window: a new clause starts. */
export const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  "and",
  "but",
  "or",
  "which",
  "who",
  "whom",
  "that",
  "when",
  "while",
  "whereas",
  "although",
  "because",
  "after",
  "before",
  "if",
  "unless",
  "since",
  "so",
  "nor",
  "where",
  "as",
]);

const MAX_FILLER = 5;
const BE = new Set(["is", "are", "was", "were", "been", "being", "be", "get", "got", "gets", "'s"]);
const NEGATION = new Set(["not", "n't", "never", "neither", "nor"]);
const MODAL_FUTURE = new Set(["will", "'ll", "shall", "would"]);
const MODAL_HYPOTHETICAL = new Set(["could", "might", "may", "should", "must", "can", "cannot"]);
const ADVERB_LIKE = new Set([
  "also",
  "already",
  "still",
  "then",
  "now",
  "again",
  "further",
  "reportedly",
  "officially",
  "formally",
  "jointly",
  "repeatedly",
  "recently",
  "finally",
  "once",
  "even",
  "only",
  "just",
  "later",
  "earlier",
  "publicly",
  "quickly",
  "strongly",
  "allegedly",
  "previously",
  "subsequently",
  "instead",
  "first",
  "militarily",
  "have",
  "has",
  "had",
  "do",
  "does",
  "did",
  "to",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "being",
  "it",
  "they",
  "he",
  "she",
  "not",
  "n't",
  "never",
  "will",
  "would",
  "shall",
  "'ll",
  "could",
  "might",
  "may",
  "should",
  "must",
  "can",
  "cannot",
  "no",
  "longer",
  "reluctantly",
  "effectively",
  "swiftly",
  "immediately",
  "quietly",
  "often",
  "usually",
  "widely",
  "frequently",
  "increasingly",
  "generally",
  "openly",
  "sharply",
  "overtly",
  "actively",
  "temporarily",
]);
const INTENT_VERBS = new Set([
  "plan",
  "plans",
  "planned",
  "planning",
  "intend",
  "intends",
  "intended",
  "agree",
  "agrees",
  "agreed",
  "pledge",
  "pledges",
  "pledged",
  "promise",
  "promises",
  "promised",
  "vow",
  "vows",
  "vowed",
  "offer",
  "offers",
  "offered",
  "expect",
  "expects",
  "expected",
  "hope",
  "hopes",
  "hoped",
  "want",
  "wants",
  "wanted",
  "seek",
  "seeks",
  "sought",
  "aim",
  "aims",
  "aimed",
  "decide",
  "decides",
  "decided",
  "prepare",
  "prepares",
  "prepared",
  "set",
  "going",
  "ready",
  "willing",
  "scheduled",
  "due",
  "propose",
  "proposes",
  "proposed",
  "wish",
  "wishes",
  "wished",
  "try",
  "tries",
  "tried",
  "attempt",
  "attempts",
  "attempted",
  "likely",
  "poised",
  "eager",
  "determined",
  "committed",
]);
const THREAT_VERBS = new Set([
  "threaten",
  "threatens",
  "threatened",
  "threatening",
  "warn",
  "warns",
  "warned",
  "warning",
]);
const REFUSAL_VERBS = new Set([
  "refuse",
  "refuses",
  "refused",
  "refusing",
  "decline",
  "declines",
  "declined",
  "declining",
  "reject",
  "rejects",
  "rejected",
  "fail",
  "fails",
  "failed",
  "failing",
]);
/** A gerund after these is the content of something else ("accused X of attacking", "sanctions on limiting"). */
const GERUND_AFTER = new Set([
  "on",
  "of",
  "for",
  "by",
  "in",
  "about",
  "from",
  "without",
  "after",
  "before",
  "against",
  "towards",
  "toward",
  "into",
  "than",
  "like",
]);
const NOT_VERB = new Set(["NOUN", "PROPN", "ADJ", "NUM", "DET", "PRON", "ADP"]);
const NOUN_DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "its",
  "their",
  "his",
  "her",
  "'s",
  "this",
  "that",
  "these",
  "those",
  "our",
  "any",
  "no",
]);

function matchSeq(tokens: Token[], at: number, seq: string[]): boolean {
  for (let k = 0; k < seq.length; k++) if (tokens[at + k]?.lower !== seq[k]) return false;
  return true;
}

function matchSlot(tokens: Token[], at: number, slot: Slot): { end: number; from: number } | null {
  const maxGap = slot.gap ? MAX_FILLER : 0;
  for (let g = 0; g <= maxGap; g++) {
    const i = at + g;
    if (i >= tokens.length) return null;
    const t = tokens[i];
    const alts = slot.byFirst.get(t.lower);
    if (alts) for (const alt of alts) if (matchSeq(tokens, i, alt)) return { end: i + alt.length, from: i };
    // A possessive's "'s" may sit in the filler ("expelled Ethiopia's ambassador").
    if ((isPunct(t) && !/^([$€£¥%]|'s)$/.test(t.lower)) || CLAUSE_WORDS.has(t.lower) || t.lower === "to")
      return null;
  }
  return null;
}

type Match = Omit<Trigger, "mood" | "passive" | "alternatives">;

function matchPattern(tokens: Token[], i: number, p: Pattern): Match | null {
  let at = i + 1;
  let fillerStart = at;
  let fillerEnd = at;
  for (const slot of p.slots) {
    const m = matchSlot(tokens, at, slot);
    if (!m) return null;
    if (slot.gap) {
      fillerStart = at;
      fillerEnd = m.from;
    }
    at = m.end;
  }
  // "fired missiles on May 12": a closing preposition that introduces a time names no target.
  if (
    p.slots.length > 0 &&
    /^(on|at|in)$/.test(tokens[at - 1]?.lower ?? "") &&
    startsTime(tokens[at]?.lower ?? "")
  )
    return null;
  return { pattern: p, start: i, end: at, fillerStart, fillerEnd };
}

/** The modality of the words before a trigger: negation, intent, threat, refusal, hypothesis, passive. */
function moodOf(tokens: Token[], t: Match, headline = false): Pick<Trigger, "mood" | "passive"> {
  let mood: Trigger["mood"] = "plain";
  let passive = false;
  const before = (k: number) => tokens[t.start - k]?.lower;
  if (t.pattern.kind === "verb" && t.pattern.participle) {
    for (let k = 1; k <= 3 && before(k); k++) {
      if (BE.has(before(k)!)) {
        passive = before(k) !== "'s" || tokens[t.start].lower.endsWith("ed");
        break;
      }
      if (!ADVERB_LIKE.has(before(k)!) || before(k) === "to") break;
    }
  }
  for (let k = 1; k <= 6; k++) {
    const w = before(k);
    if (w === undefined) break;
    // "will not accept refugees", "won't lift the ban": a negated future is a refusal.
    if (NEGATION.has(w))
      return {
        mood: /^(will|wo|would|shall|'ll)$/.test(before(k + 1) ?? "") ? "refusal" : "negated",
        passive,
      };
    // A capitalised "May" or "Will" inside the sentence is a name or a month, not a modal
    // ("Theresa May has held talks").
    const modal = headline || t.start - k === 0 || !/^\p{Lu}/u.test(tokens[t.start - k].text);
    if (modal && MODAL_HYPOTHETICAL.has(w)) return { mood: "hypothetical", passive };
    if (modal && MODAL_FUTURE.has(w)) mood = "intent";
    if (w === "to") {
      const v = before(k + 1);
      if (v && THREAT_VERBS.has(v)) return { mood: "threat", passive };
      if (v && REFUSAL_VERBS.has(v)) return { mood: v.startsWith("fail") ? "negated" : "refusal", passive };
      if (v && (INTENT_VERBS.has(v) || BE.has(v))) return { mood: "intent", passive };
      if (mood === "plain") return { mood, passive };
    }
    if (!ADVERB_LIKE.has(w)) break;
  }
  return { mood, passive };
}

/**
 * True for a headline in title case ("Russian Party Leader Pays Visit to DPRK Embassy"). Actors'
 * names are not counted: a sentence full of names ("Prime Minister Theresa May held talks with
 * Irish premier Leo Varadkar at Downing Street") is running text.
 */
function isHeadline(tokens: Token[], inActor: (i: number) => boolean): boolean {
  let words = 0;
  let capitalised = 0;
  for (const [i, t] of tokens.entries()) {
    if (t.text.length <= 3 || !/^\p{L}/u.test(t.text) || inActor(i)) continue;
    words++;
    if (/^\p{Lu}/u.test(t.text)) capitalised++;
  }
  return words >= 2 && capitalised / words >= 0.6;
}

/**
 * Lexicon patterns of a sentence, longest match per head word, with their modality. A verb whose
 * form is also a noun after a determiner ("the visit") is left to the noun patterns, and a
 * trigger that only governs the next ("threatened to impose …", "agreed to meet") is dropped in
 * favour of the governed one, whose mood records it.
 */
export function findTriggers(
  tokens: Token[],
  lexicon: Lexicon,
  inActor: (i: number) => boolean,
  pos: readonly string[] | null = null,
): Trigger[] {
  const found: Trigger[] = [];
  let covered = 0;
  const headline = isHeadline(tokens, inActor);
  for (let i = 0; i < tokens.length; i++) {
    const ps = lexicon.byHead.get(tokens[i].lower);
    // A head inside a longer pattern already found belongs to it ("imposed new sanctions on").
    if (!ps || inActor(i) || i < covered) continue;
    // A capitalised word inside running text is a name ("Occupy Boston", "Operation Resolute Support").
    if (i > 0 && !headline && /^\p{Lu}/u.test(tokens[i].text) && !/^["“(:—–]$/.test(tokens[i - 1].text))
      continue;
    const matches: Match[] = [];
    const prev = tokens[i - 1]?.lower;
    const tag = pos?.[i];
    // "Saudi-led", "Russia-backed", "UN-brokered": a participle joined to a name is an adjective.
    const modifier = tokens[i].joined && (inActor(i - 1) || /^\p{Lu}/u.test(tokens[i - 1].text));
    // "China and Russia call on US to …": a headline's verb right after its actor, before "on" or
    // "for", that the tagger read as a noun.
    const headlineVerb =
      tag === "NOUN" && i > 0 && inActor(i - 1) && /^(on|for)$/.test(tokens[i + 1]?.lower ?? "");
    for (const p of ps) {
      if (p.kind === "verb" && modifier) continue;
      if (p.kind === "verb" && tag && NOT_VERB.has(tag) && !(tag === "ADJ" && p.participle) && !headlineVerb)
        continue;
      if (p.kind === "noun" && (tag === "VERB" || tag === "AUX")) continue;
      // "has hosted … for talks", "has firmly refused talks": "have" before a participle (past its
      // adverbs) is an auxiliary, not "have talks".
      if (p.lemma === "have") {
        let j = i + 1;
        while (
          j < tokens.length &&
          j <= i + 3 &&
          (pos ? pos[j] === "ADV" : /ly$|^(long|also|already|not|never)$/.test(tokens[j].lower))
        )
          j++;
        if (pos ? pos[j] === "VERB" : /ed$/.test(tokens[j]?.lower ?? "")) continue;
      }
      if (p.kind === "verb" && prev && GERUND_AFTER.has(prev) && tokens[i].lower.endsWith("ing")) continue;
      // After "to" a verb is an infinitive: "conceded to demands" holds a noun.
      if (p.kind === "verb" && prev === "to" && tokens[i].lower !== p.lemma) continue;
      if (p.kind === "verb" && prev && NOUN_DETERMINERS.has(prev) && !tokens[i].lower.endsWith("ed"))
        continue;
      if (
        p.kind === "noun" &&
        prev &&
        (prev === "to" || MODAL_FUTURE.has(prev) || MODAL_HYPOTHETICAL.has(prev))
      )
        continue;
      const m = matchPattern(tokens, i, p);
      if (m) matches.push(m);
    }
    if (matches.length === 0) continue;
    // Longest first; then fewer filler words; then more slots (the more specific pattern).
    matches.sort(
      (a, b) =>
        b.end - a.end ||
        a.fillerEnd - a.fillerStart - (b.fillerEnd - b.fillerStart) ||
        b.pattern.slots.length - a.pattern.slots.length,
    );
    const best = matches[0];
    covered = best.end;
    found.push({
      ...best,
      ...moodOf(tokens, best, headline),
      alternatives: matches.slice(1).map((m) => m.pattern),
    });
  }
  return found.filter((t, k) => {
    const next = found[k + 1];
    // Only a bare verb governs the next ("threatened to impose"); one with an object does not
    // ("summoned the ambassador to protest").
    if (!next || next.start <= t.start || t.pattern.slots.some((s) => s.gap)) return true;
    // Only an infinitive is governed ("agreed to meet"); "conceded to demands" ends in a noun.
    if (next.pattern.kind !== "verb" || tokens[next.start].lower !== next.pattern.lemma) return true;
    const toAt = tokens[t.end]?.lower === "to" ? t.end : tokens[t.end - 1]?.lower === "to" ? t.end - 1 : -1;
    return !(toAt !== -1 && next.start <= toAt + 2 && next.start > toAt);
  });
}
