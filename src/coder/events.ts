import { rootOf } from "../model/index.ts";
import type { Tree } from "../parse/index.ts";
import type { ActorMention } from "./actors.ts";
import type { DateMention } from "./dates.ts";
import { verbForms } from "./inflect.ts";
import { codeForMood } from "./moods.ts";
import { standsForSpeaker, type TreeRoles, treeRoles } from "./parsed.ts";
import { isPunct, type Token } from "./tokens.ts";
import { CLAUSE_WORDS, type Trigger } from "./triggers.ts";

/** An event found in a sentence, before dates and codes are settled into the event model. */
export interface RawEvent {
  source: ActorMention;
  target: ActorMention;
  code: string;
  trigger: Trigger;
  /** The dates the event takes (several for "in June 2018, January 2019 and June 2019"), may be empty. */
  dates: DateMention[];
}

/** What carries over between sentences: the last subject ("it", "he") and dyad ("both countries"). */
export interface EventContext {
  lastSource: ActorMention | null;
  lastPair?: [ActorMention, ActorMention] | null;
  /** The sentence is in a document's body, past its first (a headline or lead may use the present tense of news). */
  inBody?: boolean;
}

const PREPOSITIONS = new Set([
  "of",
  "in",
  "with",
  "to",
  "from",
  "by",
  "for",
  "against",
  "on",
  "at",
  "about",
  "over",
  "between",
  "among",
  "toward",
  "towards",
  "into",
  "under",
  "after",
  "before",
  "since",
  "during",
  "near",
  "through",
  "across",
  "within",
  "inside",
  "throughout",
  "upon",
  "amid",
  "than",
  "like",
  "including",
  "via",
  "per",
  "without",
]);
const LOCATION_PREPS = new Set([
  "in",
  "at",
  "during",
  "near",
  "inside",
  "within",
  "throughout",
  "across",
  "from",
  "of",
  "via",
  "amid",
  "including",
]);
const PRONOUNS = new Set(["it", "he", "she"]);
const PAIR_WORDS = new Set(["both", "two"]);
/** Nouns that, after "both" or "two", stand for the pair of the last event ("the two sides"). */
export const PAIR_NOUNS: ReadonlySet<string> = new Set([
  "countries",
  "sides",
  "nations",
  "governments",
  "leaders",
  "states",
  "ministers",
  "presidents",
  "delegations",
]);
const OBJECT_PRONOUNS = new Set([
  "him",
  "her",
  "them",
  "it",
  "us",
  "me",
  "you",
  "themselves",
  "itself",
  "himself",
  "herself",
]);
const DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "its",
  "their",
  "his",
  "her",
  "both",
  "all",
  "several",
  "two",
  "three",
  "other",
  "south",
  "north",
]);
const QUANTITY = new Set([
  "dozens",
  "hundreds",
  "thousands",
  "scores",
  "group",
  "groups",
  "number",
  "some",
  "many",
  "several",
  "most",
  "all",
  "two",
  "three",
  "members",
  "delegation",
]);
/** People and groups named by what they are of ("a member of Hezbollah", "the sons of Mubarak"): the "of" names the actor. */
const MEMBER_NOUNS = new Set([
  "member",
  "son",
  "sons",
  "daughter",
  "daughters",
  "wife",
  "husband",
  "family",
  "relatives",
  "leader",
  "leaders",
  "head",
  "chief",
  "supporters",
  "official",
  "officials",
  "representative",
  "representatives",
  "envoy",
  "spokesman",
  "spokeswoman",
  "citizen",
  "citizens",
  "nationals",
  "soldiers",
  "fighters",
  "militants",
  "troops",
  "forces",
  "staff",
  "employees",
  "activists",
  "followers",
  "allies",
  "ambassador",
]);
/** Things asked or offered, whose "from" names who asked or offered ("a request from Tokyo"). */
const PROPOSAL_NOUNS = new Set([
  "request",
  "requests",
  "offer",
  "offers",
  "proposal",
  "proposals",
  "demand",
  "demands",
  "call",
  "calls",
  "invitation",
  "appeal",
  "plea",
  "bid",
  "ultimatum",
  "plan",
  "initiative",
]);
/** The inflection of a verb form, to tell coordinated verbs ("killed … and wounded") from others. */
const verbShape = (w: string): string =>
  w.endsWith("ing") ? "ing" : w.endsWith("ed") ? "ed" : w.endsWith("s") ? "s" : "";
const STATE_NOUNS = new Set(["nation", "country", "state", "kingdom", "republic", "emirate", "sultanate"]);
const CLAUSE_START =
  /^(when|while|which|who|and|but|in|on|at|after|before|since|as|during|until|by|then|later)$/;
const HARD_STOP = new Set([";", ".", ":", "!", "?", "—", "–"]);
const WINDOW = 14;

/**
 * Whether a preposition after `noun` names an actor rather than a place: "dozens of protesters",
 * "a member of Hezbollah", "the island nation of Nauru", "an offer from the Afghan government".
 */
function namesActor(prep: string | undefined, noun: string | undefined): boolean {
  if (noun === undefined) return false;
  if (prep === "from") return PROPOSAL_NOUNS.has(noun);
  return (
    prep === "of" &&
    (QUANTITY.has(noun) || MEMBER_NOUNS.has(noun) || PROPOSAL_NOUNS.has(noun) || STATE_NOUNS.has(noun))
  );
}

const skipDet = (tokens: Token[], i: number): number => {
  let k = i - 1;
  while (k >= 0 && /^(the|a|an|its|their|his|her)$/.test(tokens[k].lower)) k--;
  return k;
};

function isPrepObject(tokens: Token[], m: ActorMention): boolean {
  const k = skipDet(tokens, m.start);
  return k >= 0 && PREPOSITIONS.has(tokens[k].lower);
}

/** The mention and those coordinated with it ("China and Russia", "the US, Japan and South Korea"). */
function coordinated(tokens: Token[], mentions: ActorMention[], idx: number, dir: 1 | -1): ActorMention[] {
  const out = [mentions[idx]];
  for (let j = idx + dir; j >= 0 && j < mentions.length; j += dir) {
    const [a, b] = dir === 1 ? [out[out.length - 1], mentions[j]] : [mentions[j], out[out.length - 1]];
    const between = tokens
      .slice(a.end, b.start)
      .map((t) => t.lower)
      .filter((w) => w !== "the");
    if (between.length === 1 && (between[0] === "and" || between[0] === ",")) out.push(mentions[j]);
    else if (between.length === 2 && between[0] === "," && between[1] === "and") out.push(mentions[j]);
    else break;
  }
  return out;
}

/** Pronouns a speaker uses of itself in reported speech ("the rebels said they …"). */
const SPEAKER_PRONOUNS = new Set(["they", "we"]);
/** Verbs of saying, as written before a reported clause (not as gerunds). */
const SAYING = new Set(
  [
    "say",
    "announce",
    "state",
    "declare",
    "add",
    "insist",
    "confirm",
    "claim",
    "reiterate",
    "stress",
    "note",
    "warn",
    "vow",
    "pledge",
  ].flatMap((v) => verbForms(v).filter((f) => !f.endsWith("ing"))),
);

/**
 * The speaker whose reported clause starts with the pronoun at `k` ("China said it would …",
 * "Putin said on Monday that he …"): the actor just before the reporting verb just before it.
 */
function reporterOf(tokens: Token[], mentions: ActorMention[], k: number, stop: number): ActorMention | null {
  // Back over "that" and a short time phrase ("said on Monday that it …") to the reporting verb.
  let j = k - 1;
  while (j >= stop && j >= k - 5 && !SAYING.has(tokens[j].lower)) {
    if (tokens[j].text === "," || mentions.some((m) => m.start <= j && j < m.end)) return null;
    j--;
  }
  if (j < stop || j < k - 5) return null;
  const speaker = mentions.findLast((m) => m.end <= j && m.end >= j - 2 && m.start >= stop && !m.location);
  return speaker && standsForSpeaker(tokens[k].lower, speaker) ? speaker : null;
}

/** The subject of a trigger: actors to its left in the same clause, not objects of prepositions. */
function subject(tokens: Token[], mentions: ActorMention[], t: Trigger, ctx: EventContext): ActorMention[] {
  let stop = t.start;
  while (
    stop > 0 &&
    !HARD_STOP.has(tokens[stop - 1].text) &&
    !/^(but|whereas|although)$/.test(tokens[stop - 1].lower)
  )
    stop--;
  const left = mentions.map((m, i) => ({ m, i })).filter(({ m }) => m.end <= t.start && m.start >= stop);
  const participial = /ing$/.test(tokens[t.start].lower) && tokens[t.start - 1]?.text === ",";
  const candidates = left.filter(({ m }) => !isPrepObject(tokens, m) || tokens[m.end]?.lower === "'s");
  if (t.pattern.kind === "noun") {
    // "Israeli strikes", "Israel's strikes", "Saudi-led strikes".
    const own = left.filter(
      ({ m }) =>
        m.end === t.start ||
        (tokens[m.end]?.lower === "'s" && t.start - m.end <= 2) ||
        (m.end === t.start - 1 && tokens[m.end].lower === "led"),
    );
    if (own.length > 0) return [own[own.length - 1].m];
    return [];
  }
  let k = t.start - 1;
  while (
    k >= stop &&
    /^(will|would|has|have|had|also|then|did|does|do|is|was|to|not|n't|already|later|earlier|now)$/.test(
      tokens[k].lower,
    )
  )
    k--;
  if (k >= stop && (PRONOUNS.has(tokens[k].lower) || SPEAKER_PRONOUNS.has(tokens[k].lower))) {
    const speaker = reporterOf(tokens, mentions, k, stop);
    if (speaker) return [speaker];
    return ctx.lastSource && PRONOUNS.has(tokens[k].lower) ? [ctx.lastSource] : [];
  }
  // "both countries renewed their treaty": the two sides of the last event.
  if (k >= 1 && PAIR_NOUNS.has(tokens[k].lower) && PAIR_WORDS.has(tokens[k - 1].lower) && ctx.lastPair) {
    const last = candidates[candidates.length - 1];
    // "The two ministers": the pair noun may itself be a role noun.
    if (!last || last.m.end <= k - 1 || last.m.start === k) return [...ctx.lastPair];
  }
  const pick = participial ? candidates[0] : candidates[candidates.length - 1];
  return pick ? coordinated(tokens, mentions, pick.i, -1) : [];
}

/** Nouns for an act that its target answers ("rejected the protest", "denied the accusation"). */
const REPLIES = new Set(
  "protest protests accusation accusations allegation allegations claim claims charge charges demand demands request criticism proposal offer".split(
    " ",
  ),
);

/**
 * Acts that coordinated actors with no other party named do with each other: agreeing, meeting,
 * signing and cooperating ("Trump and Putin agreed to share information", "China and Japan met").
 * Not a call (041): "Brazil and Colombia called for …" is no call between them.
 */
const MUTUAL = /^(030|031|036|04[02-9]|057|06)/;

/**
 * The object of a trigger: actors to its right in the same clause. Actors inside the pattern's
 * filler ("backed a UN resolution") come last, after the target of an earlier event of the same
 * subject in the sentence ("… and in 2017, when it supported a resolution …").
 */
function object(
  tokens: Token[],
  mentions: ActorMention[],
  t: Trigger,
  after: number,
  inherited: ActorMention | null,
): ActorMention[] {
  // "aided him", "met them": the object is a pronoun, its referent unknown. A word in capitals is
  // an abbreviation, not a pronoun ("US" is no "us").
  const next = tokens[after];
  if (next && OBJECT_PRONOUNS.has(next.lower) && next.text !== next.text.toUpperCase()) return [];
  let end = Math.min(tokens.length, after + WINDOW);
  for (let k = after; k < end; k++) {
    if (
      HARD_STOP.has(tokens[k].text) ||
      (k > after && CLAUSE_WORDS.has(tokens[k].lower) && tokens[k].lower !== "and") ||
      // "to mark the anniversary of …": an infinitive clause starts.
      (k > after &&
        tokens[k].lower === "to" &&
        /^\p{Ll}/u.test(tokens[k + 1]?.text ?? "") &&
        !DETERMINERS.has(tokens[k + 1].lower))
    ) {
      end = k;
      break;
    }
  }
  const right = mentions.map((m, i) => ({ m, i })).filter(({ m }) => m.start >= after && m.start < end);
  const good = right.filter(({ m }) => {
    const k = skipDet(tokens, m.start);
    if (namesActor(tokens[k]?.lower, tokens[k - 1]?.lower)) return true;
    // "lifted the blockade of Yemen": "of" right after a pattern's closing noun names its target.
    if (k === after && tokens[k].lower === "of" && t.pattern.slots.length > 0) return true;
    return !(k >= after && k >= 0 && LOCATION_PREPS.has(tokens[k].lower) && tokens[m.end]?.lower !== "'s");
  });
  if (good.length > 0) return coordinated(tokens, mentions, good[0].i, 1);
  if (inherited) return [inherited];
  const inside = mentions
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.start >= t.fillerStart && m.start < t.end);
  if (inside.length > 0) return [inside[0].m];
  return [];
}

/** The agent of a passive: the actor after "by". */
function agent(tokens: Token[], mentions: ActorMention[], t: Trigger): ActorMention[] {
  for (let k = t.end; k < Math.min(tokens.length, t.end + WINDOW); k++) {
    if (HARD_STOP.has(tokens[k].text)) break;
    if (tokens[k].lower !== "by") continue;
    const i = mentions.findIndex((m) => m.start === k + 1 || m.start === k + 2);
    return i === -1 ? [] : coordinated(tokens, mentions, i, 1);
  }
  return [];
}

/** The dates a trigger takes: a date list right after it in its clause, else the nearest before. */
function datesOf(
  tokens: Token[],
  dates: DateMention[],
  t: Trigger,
  next: Trigger | undefined,
): DateMention[] {
  const limit = next ? tokens[next.start].start : Number.POSITIVE_INFINITY;
  const from = tokens[t.end - 1].end;
  const out: DateMention[] = [];
  let cursor = from;
  // "last month's strike" dates the strike, not the event that mentions it.
  const usable = dates.filter((d) => !/^\s*['’]s\b/.test(tokens.find((tk) => tk.start >= d.end)?.text ?? ""));
  for (const d of usable) {
    if (d.start < from || d.start >= limit) continue;
    const between = tokens.filter((tk) => tk.start >= cursor && tk.end <= d.start);
    // A comma or "and" before the first date breaks only when a new clause or adjunct starts
    // there ("…to North Korea and in 2017, when…"), not inside a name ("Friendship, Co-operation and").
    const breaks = between.some(
      (tk, x) =>
        HARD_STOP.has(tk.text) ||
        (out.length === 0 &&
          /^(,|and|or)$/.test(tk.lower) &&
          CLAUSE_START.test(between[x + 1]?.lower ?? "")) ||
        /^(when|while|but|which)$/.test(tk.lower),
    );
    if (breaks) break;
    if (out.length > 0 && between.some((tk) => !/^(,|and|or|in|on|the)$/.test(tk.lower))) break;
    out.push(d);
    cursor = d.end;
  }
  if (out.length > 0) return out;
  const before = usable.filter((d) => d.end <= tokens[t.start].start);
  return before.length > 0 ? [before[before.length - 1]] : [];
}

/** Source–target pairs of a trigger (passive swapped, coordination multiplied out). */
function pairsOf(
  tokens: Token[],
  mentions: ActorMention[],
  t: Trigger,
  ctx: EventContext,
  earlier: RawEvent[],
  read?: TreeRoles,
): { pairs: [ActorMention, ActorMention][]; sources: ActorMention[]; targets: ActorMention[] } {
  let sources = subject(tokens, mentions, t, ctx);
  // "X killed one soldier and wounded another": a verb coordinated with the previous event's verb
  // shares its subject.
  const last = earlier.at(-1);
  if (
    last &&
    t.pattern.kind === "verb" &&
    last.trigger.pattern.kind === "verb" &&
    !t.passive &&
    !last.trigger.passive &&
    tokens[t.start - 1]?.lower === "and" &&
    verbShape(tokens[t.start].lower) === verbShape(tokens[last.trigger.start].lower) &&
    last.trigger.end < t.start &&
    t.start - last.trigger.end <= WINDOW &&
    !tokens
      .slice(last.trigger.end, t.start)
      .some((tk) => HARD_STOP.has(tk.text) || (CLAUSE_WORDS.has(tk.lower) && tk.lower !== "and"))
  )
    sources = [
      ...new Set(earlier.filter((e) => e.trigger.start === last.trigger.start).map((e) => e.source)),
    ];
  // "Netanyahu ordered strikes on Hamas": the parse names the doer of an event noun.
  if (t.pattern.kind === "noun" && sources.length === 0 && read?.sources) sources = read.sources;
  const prev = earlier.findLast((e) => sources.some((s) => s.code === e.source.code));
  let targets =
    t.pattern.kind === "noun" && sources.length === 0
      ? []
      : object(tokens, mentions, t, t.end, prev ? prev.target : null);
  if (t.pattern.kind === "noun" && sources.length === 0) sources = agent(tokens, mentions, t);
  if (t.passive) {
    targets = sources;
    sources = agent(tokens, mentions, t);
  }
  // The parse, where it can tell, overrules the linear reading.
  if (read) {
    if (read.sources && t.pattern.kind === "verb") sources = read.sources;
    targets = read.targets ?? targets.filter(read.keepTarget);
    // A bare state killing its own people is more often a misread possessor ("an attack in
    // Pakistan's south that killed nine people") than a state's act: those victims are not coded.
    const victims = read.victims;
    if (targets.length === 0 && victims && !sources.some((s) => s.code === victims.country))
      targets = [victims];
  }
  const pairs: [ActorMention, ActorMention][] = [];
  const pair = ctx.lastPair;
  // "Tokyo lodged a protest with Beijing. China's foreign ministry rejected the protest": a reply
  // to the last event's act, by its target, is to its source.
  if (
    targets.length === 0 &&
    pair &&
    /^1[12]/.test(t.pattern.code) &&
    tokens[t.start + 1]?.lower === "the" &&
    REPLIES.has(tokens[t.start + 2]?.lower ?? "") &&
    sources.some((s) => s.country !== null && s.country === pair[1].country)
  )
    targets = [pair[0]];
  if (pair && sources.length === 2 && sources[0] === pair[0] && sources[1] === pair[1]) {
    // "Both countries …": the two sides act on each other.
    if (t.pattern.reciprocal || targets.length === 0)
      return { pairs: [pair, [pair[1], pair[0]]], sources, targets: [] };
    targets = targets.filter((tg) => tg.country !== pair[0].country && tg.country !== pair[1].country);
  }
  if (t.pattern.self) {
    for (const s of sources) if (s.country) pairs.push([s, { ...s, code: s.country, via: "name" }]);
    return { pairs, sources, targets: [] };
  }
  if (targets.length === 0 && (t.pattern.reciprocal || MUTUAL.test(t.pattern.code)) && sources.length > 1) {
    for (const a of sources) for (const b of sources) if (a !== b) pairs.push([a, b]);
  } else {
    for (const s of sources) for (const tg of targets) pairs.push([s, tg]);
  }
  // A bare institution ("the army") takes the other side's country. Within one country an actor
  // may act on its own state or institutions ("German police opened an investigation into a former
  // Germany defender", "Pakistan rejected allegations that the Pakistan army …"): domestic events,
  // which news is full of, are coded; only an actor and itself are not.
  const adopt = (role: ActorMention, other: ActorMention): ActorMention | null =>
    other.country && !other.bare
      ? { ...role, code: `${other.country}${role.code}`, country: other.country, bare: false }
      : null;
  const resolved = pairs
    .map(([s, tg]) => [s.bare ? adopt(s, tg) : s, tg.bare ? adopt(tg, s) : tg] as const)
    .filter((p): p is [ActorMention, ActorMention] => p[0] !== null && p[1] !== null);
  const kept = resolved.filter(([s, tg]) => s.code !== tg.code);
  return { pairs: kept, sources, targets };
}

/**
 * Events of one sentence from its tokens, actor mentions, triggers and dates: source and target by
 * clause position (passive swaps them), coordinated actors multiplied out, moods applied.
 */
export function extractEvents(
  tokens: Token[],
  mentions: ActorMention[],
  triggers: Trigger[],
  dates: DateMention[],
  ctx: EventContext,
  tree?: Tree,
): RawEvent[] {
  const out: RawEvent[] = [];
  const appealTargets = new Set<number>();
  triggers.forEach((first, k) => {
    if (tokens[first.start - 1]?.lower === "to" && appealTargets.has(first.start - 2)) return;
    // The preferred pattern first; a shorter one at the same head when it gives no event
    // ("fired missiles into the sea": no target, so the self-targeted missile-launch pattern).
    for (const pattern of [first.pattern, ...first.alternatives]) {
      // A statement or protest without its addressee falls back on the actor's own country, but
      // not in a purpose clause ("summoned the ambassador to protest against the killings"); a
      // "to" after a word of intent or refusal is no purpose ("agreed to lift the curfew").
      if (
        pattern !== first.pattern &&
        pattern.self &&
        tokens[first.start - 1]?.lower === "to" &&
        first.mood === "plain"
      )
        continue;
      let t: Trigger = { ...first, pattern };
      const read = tree ? treeRoles(tree, tokens, mentions, t, ctx.inBody === true) : null;
      if (read?.skip) return;
      if (read) t = { ...t, mood: read.mood, passive: read.passive };
      if (read?.demand) {
        // The speaker's demand of the actor who must act (the embedded subject), not the act.
        const found = pairsOf(tokens, mentions, { ...t, mood: "plain" }, ctx, out, read);
        const evDates = datesOf(tokens, dates, t, triggers[k + 1]);
        for (const speaker of read.demand.speakers)
          for (const s of found.sources)
            if (speaker.country !== s.country)
              out.push({ source: speaker, target: s, code: read.demand.code, trigger: t, dates: evDates });
        return;
      }
      const code = codeForMood(pattern.code, t.mood);
      if (code === null) return;
      const found = pairsOf(tokens, mentions, t, ctx, out, read ?? undefined);
      // "The US said Iran is defying the Council": an actor reporting another's conflictual act is
      // the speaker's accusation, not the act. A speaker reporting its own act ("the rebels said
      // they will release…") or another's cooperative one states it: the act is coded.
      const speakers = read?.accusation ?? [];
      const codeRoot = rootOf(code);
      // The reported actor is accused even where its act names no target of ours ("the Council").
      const actors = found.pairs.length > 0 ? [...new Set(found.pairs.map(([s]) => s))] : found.sources;
      const accused = actors.filter(
        (s) => speakers.length > 0 && !speakers.some((sp) => sp.country === s.country),
      );
      if (Number(codeRoot) >= 10 && accused.length > 0) {
        const evDates = datesOf(tokens, dates, t, triggers[k + 1]);
        for (const speaker of speakers)
          for (const s of accused)
            if (speaker.code !== s.code)
              out.push({ source: speaker, target: s, code: "112", trigger: t, dates: evDates });
        return;
      }
      if (pattern === first.pattern && pattern.kind === "verb" && !t.passive && found.sources.length > 0)
        ctx.lastSource = found.sources[0];
      if (found.pairs.length === 0) continue;
      const evDates = datesOf(tokens, dates, t, triggers[k + 1]);
      for (const [s, tg] of found.pairs)
        out.push({ source: s, target: tg, code, trigger: t, dates: evDates });
      const [s0, t0] = found.pairs[0];
      if (s0.country !== t0.country) ctx.lastPair = [s0, t0];
      const root = rootOf(code);
      if (root === "02" || root === "10") for (const tg of found.targets) appealTargets.add(tg.end - 1);
      return;
    }
  });
  if (out.length === 0) {
    const first = mentions.find((m) => !isPrepObject(tokens, m) && !isPunct(tokens[m.start]));
    if (first) ctx.lastSource = first;
  }
  return out;
}
