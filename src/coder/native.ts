import { type Citation, type Event, normalizeEvent } from "../model/index.ts";
import { type ParsedWord, type ParserModel, parse, type Tree, tree } from "../parse/index.ts";
import { ActorMatcher, type ActorMention, type ActorSource } from "./actors.ts";
import { type CodingEvidence, type ConfidenceModel, confidenceOf } from "./confidence.ts";
import { type DateContext, type DateMention, findDates } from "./dates.ts";
import { type EventContext, extractEvents, PAIR_NOUNS, type RawEvent } from "./events.ts";
import type { Lexicon } from "./lexicon.ts";
import { namesUnknownActor } from "./parsed.ts";
import { posTags } from "./pos.ts";
import {
  frameOf,
  isGeneric,
  mentionHead,
  mentionsOf,
  reportingVerb,
  subjectWord,
  targetWords,
} from "./roles.ts";
import { predictSense, type SenseModel, TYPE_CODES } from "./sense.ts";
import { datelineLength, isPunct, type Token, tokenize } from "./tokens.ts";
import { findTriggers, type Trigger } from "./triggers.ts";
import type { SentenceCoder, SentenceInput } from "./types.ts";

/** What carries over from one sentence of a document to the next. */
export interface CoderContext {
  dates: DateContext;
  events: EventContext;
  /** The country of the document's dateline ("KABUL -"), read from its first sentence; undefined until then. */
  dateline?: string | null;
  /** The explicit date of the last dated event, and how many sentences ago it was coded. */
  recent?: { date: string; age: number } | null;
  /** People named with a title the registry does not know, by name (see actors.ts `MentionContext`). */
  people?: Map<string, ActorMention>;
}

/**
 * A sentence that opens by naming an event already reported ("The drills involved …", "The talks
 * ended …"): without a date of its own it takes that event's date, not the document's.
 */
const ANAPHORIC =
  /^(?:the|these|those|this|that)\s+(?:[\w-]+\s+){0,2}?(?:drills?|exercises?|tests?|launch(?:es)?|attacks?|(?:air ?)?strikes?|meetings?|summit|talks|visit|trip|incident|clash(?:es)?|bombings?|explosions?|blasts?|shootings?|raids?|parade|ceremony|vote)\b/i;

/**
 * What the coder codes with, passed in: `shippedCoderData()` (shipped.ts) reads the project's from
 * data/ once.
 */
export interface CoderData {
  /** The actor registry (the project's: data/actors). */
  registry: ActorSource;
  /** The event lexicon (the project's: data/lexicon/events.yaml). */
  lexicon: Lexicon;
  /** The role nouns, as YAML text (the project's: data/lexicon/roles.yaml). */
  roles: string;
  /**
   * The dependency parser that reads roles, frames and reported speech, or a function giving it
   * when first needed (loading takes most of a second, and many runs never parse); null codes
   * from word order alone, as before the parser.
   */
  parser: ParserModel | null | (() => ParserModel | null);
  /**
   * The model that gives each event its confidence (the project's: data/lexicon/confidence.json,
   * see confidence.ts); null leaves events' confidence null.
   */
  confidence: ConfidenceModel | null;
}

export interface NativeCoderOptions extends CoderData {
  /** The events' `origin` field. */
  origin: string;
  /** Sentences longer than this (characters) are not coded: tables, run-ons, binary junk. */
  maxSentenceLength: number;
  /**
   * The learned event sense for clauses the lexicon is silent on (`shippedSense()` gives the
   * shipped model); off by default: it gains on labelled sets where every sentence holds an event
   * (PLV held-out macro-F1 39.3 → 43.7) but on ordinary news most of what it adds is wrong (KCNA:
   * 211 events beside the lexicon's 190, 2 right of 30 read), and it parses every sentence naming
   * two actors (about 6× the coder's time on KCNA).
   */
  sense?: SenseModel | null;
}

/** A raw event of the lexicon (with its trigger) or of the sense (without). */
type Coded = Pick<RawEvent, "source" | "target" | "code" | "dates"> & { trigger?: Trigger };

/** Ways an actor is implied rather than named. */
const IMPLIED = new Set(["demonym", "capital", "role"]);

/** A fresh context for a document dated `docDate` (YYYY-MM-DD or null). */
export function newContext(docDate: string | null): CoderContext {
  return { dates: { docDate, last: null }, events: { lastSource: null } };
}

/** Main verbs that report speech rather than act: the sense does not code them. */
const SAYING =
  /^(say|tell|state|add|note|announce|report|claim|stress|emphasize|emphasise|express|declare|write|quote|point)$/i;

const MUST = /\b(?:must|should|ought)\b/i;

/** "Both countries", "the two sides": the dyad of the previous event acts (see events.ts). */
const PAIR_RE = new RegExp(`\\b(?:both|two) (?:${[...PAIR_NOUNS].join("|")})\\b`, "i");
const YEAR_HINT = /\b(?:1\d|20)\d\d\b/;

/**
 * Where wink-nlp reads a noun or adjective but the parse has a verb with both a subject and an
 * object, the word is a verb: wink-nlp reads a headline's present tense ("Venezuela releases
 * dozens of activists") as a noun, a progressive ("is striking targets") as an adjective.
 */
function verbsWithArguments(t: Tree, tags: string[]): void {
  for (let i = 0; i < tags.length; i++)
    if (
      (tags[i] === "NOUN" || tags[i] === "ADJ") &&
      t.words[i]?.upos === "VERB" &&
      t.dependents(i, "nsubj").length > 0 &&
      t.dependents(i, "obj").length > 0
    )
      tags[i] = "VERB";
}

/**
 * The parse of `tokens`, with the hyphens the tokeniser drops given back to the parser ("Saudi -
 * led strike", as the treebank writes it: without the hyphen "Saudi led" reads as a clause), and
 * the tree returned over the tokens alone. A hyphen's dependents, if any, go to its head.
 */
function parseWithHyphens(parser: ParserModel, tokens: readonly Token[]): ParsedWord[] {
  const forms: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && tokens[i].joined) forms.push("-");
    at.push(forms.length);
    forms.push(tokens[i].text);
  }
  const words = parse(parser, forms);
  if (forms.length === tokens.length) return words;
  const id = new Int32Array(forms.length + 1);
  at.forEach((w, i) => {
    id[w + 1] = i + 1;
  });
  const headOf = (h: number): number => {
    for (let hops = 0; h !== 0 && id[h] === 0 && hops < forms.length; hops++) h = words[h - 1].head;
    return h === 0 ? 0 : id[h];
  };
  return at.map((w, i) => ({ ...words[w], id: i + 1, head: headOf(words[w].head) }));
}

/**
 * Yalu's own coder: tokens → actors (registry trie) → lexicon patterns → events with dates.
 * Pure and fast: sentences with no actor or no lexicon word are dismissed after tokenising.
 *
 * @example new NativeCoder(shippedCoderData()).code({ id: "s1", text: "China condemned Japan.", date: "2024-01-02", docId: null, offset: 0 })
 */
export class NativeCoder implements SentenceCoder {
  readonly name = "yalu";
  readonly #opts: NativeCoderOptions;
  readonly #actors: ActorMatcher;

  /** The parser, once asked for (undefined until then). */
  #parser: ParserModel | null | undefined;

  constructor(options: CoderData & Partial<NativeCoderOptions>) {
    this.#opts = { origin: "yalu", maxSentenceLength: 3000, ...options } satisfies NativeCoderOptions;
    this.#actors = new ActorMatcher(this.#opts.registry, this.#opts.roles);
  }

  code(sentence: SentenceInput): Event[] {
    return this.codeInContext(sentence, newContext(sentence.date), null);
  }

  /** The events of a sentence, each with the evidence it was coded on (what its confidence weighs). */
  explain(sentence: SentenceInput): { event: Event; evidence: CodingEvidence }[] {
    this.#collect = [];
    try {
      const events = this.code(sentence);
      const evidence = this.#collect;
      return events.map((event, i) => ({ event, evidence: evidence[i] }));
    } finally {
      this.#collect = null;
    }
  }

  /** While `explain` runs: the evidence of each event coded, in order. */
  #collect: CodingEvidence[] | null = null;

  /** Code a sentence of a document, carrying dates and subjects over in `ctx`. */
  codeInContext(s: SentenceInput, ctx: CoderContext, citation: Citation | null, end?: number): Event[] {
    if (s.text.length > this.#opts.maxSentenceLength) return [];
    if (ctx.recent) ctx.recent = ctx.recent.age >= 2 ? null : { ...ctx.recent, age: ctx.recent.age + 1 };
    const tokens = tokenize(s.text);
    ctx.events.inBody = ctx.dateline !== undefined;
    // The first sentence tells the dateline, whose country later agents without one take.
    if (ctx.dateline === undefined)
      ctx.dateline = this.#actors.dateline(tokens, s.text, 0, ctx.dates.docDate);
    const lex = this.#opts.lexicon.byHead;
    let trigger = false;
    for (const t of tokens)
      if (lex.has(t.lower)) {
        trigger = true;
        break;
      }
    const pair = PAIR_RE.test(s.text);
    const sense = this.#sense();
    if (!(trigger || sense) || !(pair || this.#actors.hasCandidate(tokens))) {
      if (YEAR_HINT.test(s.text)) findDates(s.text, ctx.dates);
      return [];
    }
    const dates = findDates(s.text, ctx.dates);
    const when = dates[0]?.date ?? ctx.dates.docDate;
    ctx.people ??= new Map();
    const mentions = this.#actors.find(tokens, s.text, 0, when, {
      datelineCountry: ctx.dateline ?? null,
      people: ctx.people,
    });
    if (mentions.length === 0 && !pair) return [];
    if (!trigger)
      return this.#events(
        s,
        ctx,
        citation,
        end,
        this.#bySense(tokens, s.text, mentions, dates, []),
        mentions,
      );
    const inActor = new Uint8Array(tokens.length);
    for (const m of mentions) inActor.fill(1, m.start, m.end);
    // Parsing is the expensive step: only for sentences with a lexicon word that name two actors
    // (or one actor and a person it may act on: "French police arrested Jean Dupont"), or that give
    // an event by word order alone (one actor and "both countries"). Its tags drop verb patterns
    // read off nouns ("international support", "coal exports"); its tree gives roles, frames and
    // reported speech, and finds events word order misses ("A car bombing by the Islamic State
    // group killed …").
    const found = findTriggers(tokens, this.#opts.lexicon, (i) => inActor[i] === 1);
    const worthParsing =
      new Set(mentions.map((m) => m.code)).size >= 2 ||
      namesUnknownActor(tokens, found, (i) => inActor[i] === 1);
    if (found.length === 0 || !worthParsing) {
      const before = ctx.events.lastSource;
      const pairBefore = ctx.events.lastPair;
      const rough = extractEvents(tokens, mentions, found, dates, ctx.events);
      // "X said Y must …": no event by word order, but the parse may read a demand.
      const demand = found.some((t) => t.mood === "hypothetical") && MUST.test(s.text);
      if (rough.length === 0 && !demand)
        return this.#events(
          s,
          ctx,
          citation,
          end,
          this.#bySense(tokens, s.text, mentions, dates, found),
          mentions,
        );
      ctx.events.lastSource = before;
      ctx.events.lastPair = pairBefore;
    }
    const words = this.#parse(tokens, s.text);
    const parsed = words ? tree(words) : undefined;
    // Trigger words are checked against wink-nlp's tags, which read news headlines' verbs better
    // than our web-trained tagger; the tree is our parser's.
    const tags = posTags(s.text, tokens);
    if (parsed) verbsWithArguments(parsed, tags);
    const triggers = findTriggers(tokens, this.#opts.lexicon, (i) => inActor[i] === 1, tags);
    const raw = extractEvents(tokens, mentions, triggers, dates, ctx.events, parsed);
    if (raw.length === 0 && worthParsing)
      return this.#events(
        s,
        ctx,
        citation,
        end,
        this.#bySense(tokens, s.text, mentions, dates, triggers, words),
        mentions,
      );
    return this.#events(s, ctx, citation, end, raw, mentions);
  }

  /** Events of the sentence's raw events, each on its dates (else the document date). */
  #events(
    s: SentenceInput,
    ctx: CoderContext,
    citation: Citation | null,
    end: number | undefined,
    raw: Coded[],
    mentions: ActorMention[],
  ): Event[] {
    const out: Event[] = [];
    const seen = new Set<string>();
    // One event per dyad, root and date in a sentence: "a Saudi-led air strike on a school bus
    // killed 40 children" is one act (195), not also a 190; the most specific code is kept.
    const byRoot = new Map<string, number>();
    const collected = this.#collect?.length ?? 0;
    const model = this.#opts.confidence;
    // An act the sentence gives no date of is the act of the same dyad and root it dates ("an
    // air strike on Gaza killed five people on Monday": the strike is Monday's too).
    const act = (c: Coded): string => `${c.source.code}\t${c.target.code}\t${c.code.slice(0, 2)}`;
    const dated = new Map<string, Coded["dates"]>();
    for (const r of raw) if (r.dates.length > 0) dated.set(act(r), r.dates);
    for (const found of raw) {
      const r = found.dates.length === 0 ? { ...found, dates: dated.get(act(found)) ?? [] } : found;
      const evidence: CodingEvidence = {
        code: r.code,
        sense: !r.trigger,
        phrase: (r.trigger?.pattern.slots.length ?? 0) > 0,
        noun: r.trigger?.pattern.kind === "noun",
        carried: !mentions.includes(r.source),
        implied: IMPLIED.has(r.source.via) || IMPLIED.has(r.target.via),
      };
      const confidence = model ? confidenceOf(model, evidence) : null;
      const anaphoric = r.dates.length === 0 && ctx.recent && ANAPHORIC.test(s.text.trimStart());
      const eventDates =
        r.dates.length > 0
          ? r.dates.map((d) => d.date)
          : anaphoric && ctx.recent
            ? [ctx.recent.date]
            : ctx.dates.docDate
              ? [ctx.dates.docDate]
              : [];
      if (r.dates.length > 0) ctx.recent = { date: r.dates[0].date, age: 0 };
      for (const date of eventDates) {
        const e = normalizeEvent({
          date,
          publicationDate: ctx.dates.docDate,
          source: { code: r.source.code, country: r.source.country, name: r.source.name },
          target: { code: r.target.code, country: r.target.country, name: r.target.name },
          cameo: r.code,
          origin: this.#opts.origin,
          confidence,
          evidence: {
            docId: s.docId,
            sentence: s.text,
            start: s.offset,
            end: end ?? s.offset + s.text.length,
            citation,
          },
        });
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        const key = `${e.date}\t${e.source.code}\t${e.target.code}\t${e.root}`;
        const at = byRoot.get(key);
        if (at === undefined) {
          byRoot.set(key, out.length);
          out.push(e);
          this.#collect?.push(evidence);
        } else if (e.cameo.length > out[at].cameo.length) {
          out[at] = e;
          if (this.#collect) this.#collect[collected + at] = evidence;
        }
      }
    }
    return out;
  }

  /**
   * The sentence's parse (null when the coder runs without a parser). A wire dateline ("TEL AVIV
   * --") is parsed apart from the sentence, whose subject it would otherwise become, and hangs
   * from the sentence's root.
   */
  #parse(tokens: Token[], text: string): ParsedWord[] | null {
    if (this.#parser === undefined) {
      const p = this.#opts.parser;
      this.#parser = typeof p === "function" ? p() : p;
    }
    const parser = this.#parser;
    if (!parser) return null;
    const skip = datelineLength(tokens, text);
    const words = parseWithHyphens(parser, tokens.slice(skip));
    if (skip === 0) return words;
    const root = skip + (words.find((w) => w.head === 0)?.id ?? 1);
    const dateline = tokens.slice(0, skip).map((t, i): ParsedWord => {
      const punct = isPunct(t);
      return {
        id: i + 1,
        form: t.text,
        lemma: t.lower,
        upos: punct ? "PUNCT" : "PROPN",
        xpos: punct ? t.text : "NNP",
        head: root,
        deprel: punct ? "punct" : "dep",
      };
    });
    return [
      ...dateline,
      ...words.map((w) => ({ ...w, id: w.id + skip, head: w.head === 0 ? 0 : w.head + skip })),
    ];
  }

  #sense(): SenseModel | null {
    return this.#opts.sense ?? null;
  }

  /**
   * A sentence naming two actors that the lexicon gives no event: its learned sense, when the
   * model is sure enough, gives one event from the main verb's subject to its object (else the
   * first two actors named), coded with its type's general CAMEO code.
   */
  #bySense(
    tokens: Token[],
    text: string,
    mentions: ActorMention[],
    dates: DateMention[],
    triggers: Trigger[],
    parsed?: ParsedWord[] | null,
  ): Pick<RawEvent, "source" | "target" | "code" | "dates">[] {
    const sense = this.#sense();
    // Where the lexicon found event words and chose no event (negated, hypothetical, a passive
    // without its agent), the sense does not overrule it.
    if (triggers.some((t) => t.mood !== "plain" || t.passive)) return [];
    const actors = mentions.filter((m) => !m.bare);
    if (!sense || new Set(actors.map((m) => m.code)).size < 2) return [];
    // The sentence's parse, where the caller has it already.
    const words = parsed === undefined ? this.#parse(tokens, text) : parsed;
    const { type, confidence } = predictSense(
      sense,
      tokens.map((t) => t.lower),
      words,
    );
    if (confidence < sense.threshold) return [];
    // Only a clause that reads as an act: a main verb (not a verb of saying) whose subject is an
    // actor. Without that it fires on every sentence that names two states (measured on KCNA:
    // eight times the lexicon's events, most of them wrong).
    if (!words) return [];
    const t = tree(words);
    const v = t.root;
    if (v < 0 || words[v].upos !== "VERB" || SAYING.test(words[v].lemma)) return [];
    if (reportingVerb(t, v) >= 0 || frameOf(t, v) !== "plain" || isGeneric(t, v)) return [];
    if (triggers.some((x) => frameOf(t, x.start) !== "plain" || isGeneric(t, x.start))) return [];
    const heads = actors.map((m) => mentionHead(t, m));
    const subj = subjectWord(t, v);
    const source = subj >= 0 ? mentionsOf(t, actors, heads, subj)[0] : undefined;
    if (!source) return [];
    const other = (m: ActorMention): boolean => m.code !== source.code && m.country !== source.country;
    // The verb's object or oblique, else another state named in the clause (not a place).
    const target =
      targetWords(t, v, true)
        .flatMap((w) => mentionsOf(t, actors, heads, w, false))
        .find(other) ?? actors.find((m) => other(m) && !m.location);
    if (!target) return [];
    return [{ source, target, code: TYPE_CODES[type], dates: dates.slice(0, 1) }];
  }
}
