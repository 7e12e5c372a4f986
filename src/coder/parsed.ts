/**
 * A trigger read against the dependency parse: its source and target actors, its frame (negated,
 * refused, intended, threatened, hypothetical), whether it is generic, and whether it is only
 * reported by an actor who says it (then the speaker's accusation is the event).
 */
import type { Tree } from "../parse/index.ts";
import type { ActorMention } from "./actors.ts";
import {
  agentWord,
  closingReport,
  frameOf,
  isCredit,
  isGeneric,
  isPassive,
  isReporter,
  isReportingVerb,
  mentionHead,
  mentionsOf,
  partnerWords,
  reportingVerb,
  subjectWord,
  TOPIC_VERBS,
  targetWords,
} from "./roles.ts";
import type { Token } from "./tokens.ts";
import type { Trigger } from "./triggers.ts";

export interface TreeRoles {
  /** Not an event: generic, or a verb the parse says is no verb. */
  skip: boolean;
  mood: Trigger["mood"];
  passive: boolean;
  /** Sources and targets the parse names; null where it cannot tell (the linear reading stays). */
  sources: ActorMention[] | null;
  targets: ActorMention[] | null;
  /** For a linear target: is it attached to the trigger as an argument (not the topic's owner)? */
  keepTarget: (m: ActorMention) => boolean;
  /** Speakers whose report this event is (then only their accusation is coded). */
  accusation: ActorMention[] | null;
  /**
   * "The US said China must release them": speakers who say another actor must or should act make a
   * demand (100) or an appeal (020) of it; the act itself is not coded.
   */
  demand?: { speakers: ActorMention[]; code: "100" | "020" } | null;
  /** Unnamed victims of a violent act, the target where neither reading finds another. */
  victims?: ActorMention | null;
}

/** Vessels and craft: as the subject of a visit or meeting, no actor visits. */
const VEHICLES =
  /^(ship|vessel|boat|warship|destroyer|frigate|submarine|carrier|freighter|tanker|aircraft|plane|jet|bomber|drone|helicopter|train|convoy|fleet|flotilla)s?$/i;

/** Moods from weakest to strongest: where the word order and the tree disagree, the stronger wins. */
const STRENGTH: Trigger["mood"][] = ["plain", "intent", "threat", "refusal", "hypothetical", "negated"];

/** Roots whose targets may be places ("protest in Beijing", "shelling in Gaza"). */
const PLACE_TARGET = /^(14|18|19|20)/;

/**
 * Nouns of violent acts: in an oblique of a violent verb ("killed in an Israeli air strike") the
 * nationality modifying them is the attacker, not the target.
 */
const ATTACK_NOUN =
  /^(strike|airstrike|air-strike|raid|attack|bombing|bombardment|shelling|assault|offensive|operation|ambush|blast|explosion|fire|crossfire|clash)$/i;

/**
 * Whether `pronoun` (lower-cased) in a reported clause stands for its `speaker`: "it", "they" and
 * "we" for any speaker, "he" and "she" for a person.
 */
export function standsForSpeaker(pronoun: string, speaker: ActorMention): boolean {
  if (pronoun === "it" || pronoun === "they" || pronoun === "we") return true;
  return (pronoun === "he" || pronoun === "she") && speaker.kind === "person";
}

/**
 * Whether verb `v` is in the simple past: tagged so, or a participle with a subject of its own and
 * no auxiliary (the tagger's VBN for a VBD: "Chinese troops killed three soldiers").
 */
function pastTense(tree: Tree, v: number): boolean {
  const tag = tree.words[v].xpos;
  if (tag === "VBD") return true;
  return (
    tag === "VBN" &&
    tree.dependents(v, "nsubj").length > 0 &&
    tree.dependents(v, "aux", "aux:pass", "cop").length === 0
  );
}

/**
 * Verbs whose subject does what their object names ("ordered strikes on Gaza", "carried out raids
 * against", "issued a warning to"), unlike verbs that judge or report it ("condemned strikes on").
 */
const DOING_VERBS = new Set([
  "order",
  "announce",
  "authorize",
  "authorise",
  "approve",
  "launch",
  "carry",
  "conduct",
  "stage",
  "mount",
  "unleash",
  "wage",
  "begin",
  "start",
  "resume",
  "continue",
  "complete",
  "intensify",
  "escalate",
  "step",
  "expand",
  "lead",
  "direct",
  "make",
  "issue",
  "deliver",
  "extend",
  "offer",
  "provide",
  "express",
  "lodge",
  "file",
  "hold",
]);

/** Nouns that refer to an act rather than report it ("the anniversary of", "support of", "the threat of"). */
const REFERRING = new Set(
  "support observance implementation enforcement violation anniversary aftermath wake history memory threat risk possibility prospect fear impact effect cost legacy victim".split(
    " ",
  ),
);

/**
 * The owner named inside a pattern that ends with its object noun ("freed four Israeli hostages",
 * "released the American prisoners"): the nationality or possessor of that noun, or null (the
 * pattern's own target then comes after it, as in "backed a UN resolution against Iran").
 */
function fillerOwner(
  tree: Tree,
  tokens: Token[],
  mentions: ActorMention[],
  heads: number[],
  v: number,
  t: Trigger,
): ActorMention[] | null {
  const last = t.end - 1;
  if (tree.head(last) !== v || tree.rel(last) !== "obj" || !/^(NOUN|PROPN)$/.test(tree.words[last].upos))
    return null;
  const owners = tree
    .children(last)
    .filter((c) => c >= t.start && /^(amod|nmod:poss|compound)$/.test(tree.words[c].deprel))
    .flatMap((c) => mentions.filter((m, k) => heads[k] === c && m.kind === "state" && m.via === "demonym"));
  return owners.length > 0 && !/^(to|on|against|with)$/.test(tokens[t.end]?.lower ?? "") ? owners : null;
}

/** The head noun of a noun pattern's words: "air strikes" is headed by "strikes". */
function nounHead(tree: Tree, t: Trigger): number {
  let w = t.start;
  while (tree.head(w) > w && tree.head(w) < t.end && /^(compound|amod)$/.test(tree.rel(w))) w = tree.head(w);
  return w;
}

/**
 * The doer of an event noun that is the object of a doing verb ("Netanyahu ordered strikes on
 * Hamas": Netanyahu), or null. A noun's actor is otherwise only its own modifier ("Israeli
 * strikes") or its agent ("strikes by Israel").
 */
function doerOfNoun(
  tree: Tree,
  mentions: ActorMention[],
  heads: number[],
  t: Trigger,
): ActorMention[] | null {
  const w = nounHead(tree, t);
  const v = tree.head(w);
  if (v < 0 || tree.rel(w) !== "obj" || !DOING_VERBS.has(tree.words[v].lemma.toLowerCase())) return null;
  if (isPassive(tree, v) || isGeneric(tree, v)) return null;
  const sw = subjectWord(tree, v);
  const doers = sw >= 0 ? mentionsOf(tree, mentions, heads, sw) : [];
  return doers.length > 0 ? doers : null;
}

/** Read trigger `t` against the parse. */
export function treeRoles(
  tree: Tree,
  tokens: Token[],
  mentions: ActorMention[],
  t: Trigger,
  inBody = false,
): TreeRoles | null {
  if (tree.words.length !== tokens.length) return null;
  // An auxiliary or copula the pattern starts with ("has held talks") stands for its verb.
  const v = /^(aux|cop)$/.test(tree.rel(t.start)) && tree.head(t.start) >= 0 ? tree.head(t.start) : t.start;
  const heads = mentions.map((m) => mentionHead(tree, m));
  // Meetings and talks are with their participants, not with the owner of their topic ("discussed
  // China's role"); condemnation, praise, support and the rest reach the topic's owner
  // ("condemned North Korea's missile launch").
  const topicOwner = !/^04/.test(t.pattern.code);
  // Agreeing, meeting and cooperating are with a party, not with what they are "on" or "about"
  // ("agreed to share information on North Korea", "cooperate on Syria").
  const topical = /^0[3-46]/.test(t.pattern.code);
  // A word-order target is dropped only on the parse's positive evidence: it is the owner of a
  // meeting's topic, or it sits in another clause with a subject of its own ("met Japan, which
  // criticised China"). Where the parse is no help (the path never reaches the verb), it stays.
  const reported = reportingVerb(tree, v);
  const rv = reported >= 0 ? reported : closingReport(tree, v);
  // "North Korea fired two missiles on Sunday, Seoul's military said": an attribution after a
  // past act is the wire's way of naming its source, not an accusation; the act is coded, and the
  // source is no target of it.
  const attribution = rv > v && pastTense(tree, v);
  const inAttribution = (m: ActorMention): boolean => {
    let w = heads[mentions.indexOf(m)] ?? m.start;
    for (let depth = 0; depth < 8 && w >= 0 && w !== v; depth++) {
      if (w === rv) return true;
      w = tree.head(w);
    }
    return false;
  };
  // "… a fire that killed 19 people, the state news agency Xinhua said": the source reporting the
  // act after it is not its target.
  const reportsAfter = (m: ActorMention): boolean => {
    const k = mentions.indexOf(m);
    return k >= 0 && heads[k] > v && isReporter(tree, heads[k]);
  };
  const keepTarget = (m: ActorMention): boolean => {
    if (attribution && inAttribution(m)) return false;
    // A target carried from an earlier sentence has no words in this tree.
    const k = mentions.indexOf(m);
    if (k < 0) return true;
    if (reportsAfter(m)) return false;
    const path: number[] = [];
    let w = heads[k] ?? m.start;
    for (let depth = 0; depth < 8; depth++) {
      path.push(w);
      const h = tree.head(w);
      // Outside the verb's phrase: the parse is no help, unless the verb has an object of its own
      // that names no actor ("… urged the United States …, to defend its sovereignty").
      if (h < 0) return tree.dependents(v, "obj").length === 0;
      if (h === v) break;
      w = h;
    }
    if (tree.head(path[path.length - 1]) !== v) return true;
    if (!topicOwner && path.some((x) => tree.words[x].deprel === "nmod:poss")) return false;
    if (topical && path.some((x) => isTopic(tree, x))) return false;
    // "condemned the launches and said Tokyo had lodged a protest": what another verb of the
    // sentence reports is not this verb's target.
    if (path.slice(1).some((x) => isReportingVerb(tree, x))) return false;
    return !path
      .slice(1)
      .some(
        (x) => tree.words[x].upos === "VERB" && tree.dependents(x, "nsubj").some((sj) => !path.includes(sj)),
      );
  };
  const noRead: TreeRoles = {
    skip: false,
    mood: t.mood,
    passive: t.passive,
    sources: null,
    targets: null,
    keepTarget: () => true,
    accusation: null,
    demand: null,
  };
  if (t.pattern.kind !== "verb") {
    // "support of UN sanctions against Pyongyang", "the anniversary of the invasion of Iraq": an
    // act named as what another noun is about is a reference to it, not a report of it.
    const w = nounHead(tree, t);
    const h = tree.head(w);
    if (tree.rel(w) === "nmod" && h >= 0 && REFERRING.has(tree.words[h].lemma.toLowerCase()))
      return { ...noRead, skip: true };
    return { ...noRead, sources: doerOfNoun(tree, mentions, heads, t) };
  }
  if (isGeneric(tree, v) || (inBody && isStance(tree, v))) return { ...noRead, skip: true };
  const frame = frameOf(tree, v);
  const mood: Trigger["mood"] = STRENGTH.indexOf(frame) > STRENGTH.indexOf(t.mood) ? frame : t.mood;
  const word = tree.words[v];
  // "Forces backed by Djiboutian soldiers": a participle modifying its noun, with an agent.
  // A past participle with a "by" agent is passive even where the parse makes it the main verb.
  const participle = word.xpos === "VBN" && agentWord(tree, v) >= 0;
  const passive =
    t.passive ||
    participle ||
    (word.xpos === "VBN" && isPassive(tree, v) && tree.dependents(v, "aux:pass").length > 0) ||
    reducedPassive(tree, v);
  const sw = subjectWord(tree, v);
  // "Japan called China a threat" names China; it is no phone call.
  if (
    word.lemma.toLowerCase() === "call" &&
    tree.dependents(v, "obj").length > 0 &&
    tree.dependents(v, "xcomp").some((c) => /^(NOUN|PROPN)$/.test(tree.words[c].upos))
  )
    return { ...noRead, skip: true };
  // A ship or plane that "arrived" or "visited" is no state visit or meeting.
  if (/^04/.test(t.pattern.code) && sw >= 0 && VEHICLES.test(tree.words[sw].lemma))
    return { ...noRead, skip: true };
  let subject = sw >= 0 ? mentionsOf(tree, mentions, heads, sw) : [];
  // "US-led forces attacked", with the participle misattached: the name opening the subject's
  // phrase is still its doer.
  if (subject.length === 0 && sw >= 0)
    subject = mentions.filter((_, k) => beforeInPhrase(tree, heads[k], sw, tokens, true));
  // "A car bombing by the Islamic State group killed …", "a statement by Japan condemned …": a
  // subject that is an act names its actor after "by".
  // So is a subject that is a weapon "fired by" its actor ("The missiles fired by the Israeli
  // military struck …").
  if (subject.length === 0 && sw >= 0 && tree.words[sw].upos === "NOUN")
    for (const c of [
      ...tree.dependents(sw, "nmod"),
      ...tree
        .dependents(sw, "acl")
        .filter((p) => tree.words[p].deprel === "acl" && tree.words[p].xpos === "VBN")
        .flatMap((p) => tree.dependents(p, "obl:agent", "obl")),
    ])
      if (tree.children(c).some((k) => tree.rel(k) === "case" && /^by$/i.test(tree.words[k].form))) {
        subject = mentionsOf(tree, mentions, heads, c);
        if (subject.length > 0) break;
      }
  let sources: ActorMention[] | null = null;
  let targets: ActorMention[] | null = null;
  const places = PLACE_TARGET.test(t.pattern.code);
  const objectMentions = (): ActorMention[] | null => {
    for (const w of targetWords(tree, v, places)) {
      if (topical && isTopic(tree, w)) continue;
      const byAttacker = places && tree.rel(w) === "obl" && ATTACK_NOUN.test(tree.words[w].lemma);
      const own = mentionsOf(tree, mentions, heads, w, topicOwner && !byAttacker);
      if (own.length > 0) return own;
    }
    // "refused to send troops to Iraq": the target of the complement that carries the act.
    for (const c of tree.dependents(v, "xcomp"))
      if (tree.words[c].upos === "VERB")
        for (const w of targetWords(tree, c, places)) {
          if (topical && isTopic(tree, w)) continue;
          const own = mentionsOf(tree, mentions, heads, w, topicOwner);
          if (own.length > 0) return own;
        }
    return null;
  };
  // A pattern with slots ("backed * resolution against $") says itself where its target is.
  const ownTarget = t.pattern.slots.length === 0;
  if (passive) {
    const a = agentWord(tree, v);
    let agents = a >= 0 ? mentionsOf(tree, mentions, heads, a) : [];
    // "Two Palestinians were killed in an Israeli air strike": without "by", the nationality on
    // the attack is the attacker.
    if (agents.length === 0 && /^(18|19|20)/.test(t.pattern.code))
      for (const o of tree.dependents(v, "obl"))
        if (ATTACK_NOUN.test(tree.words[o].lemma)) {
          agents = mentionsOf(tree, mentions, heads, o).filter((m) => !m.location);
          if (agents.length > 0) break;
        }
    if (agents.length > 0) sources = agents;
    if (subject.length > 0 && agents.length > 0) targets = subject;
  } else {
    if (subject.length > 0) sources = subject;
    // "… as mediators pressed Israel and Hamas": a subject the parse finds and that names no actor
    // leaves the act without one, rather than to an actor named earlier in the sentence.
    else if (
      sw >= 0 &&
      tree.head(sw) === v &&
      nameless(tree, sw) &&
      !heads.some((h) => within(tree, h, sw) || beforeInPhrase(tree, h, sw))
    )
      sources = [];
    if (TOPIC_VERBS.has(word.lemma.toLowerCase()))
      targets = partnerWords(tree, v).flatMap((w) => mentionsOf(tree, mentions, heads, w, false));
    else if (ownTarget) targets = objectMentions();
    else targets = fillerOwner(tree, tokens, mentions, heads, v, t);
  }
  // "A court in Lyon convicted Barbarin": a person the registry does not know, acted on by a
  // state's institution, is one of that state's civilians.
  const institution = sources?.length === 1 ? sources[0] : null;
  if (
    !passive &&
    (targets === null || targets.length === 0) &&
    institution &&
    ON_PERSONS.test(t.pattern.code)
  ) {
    const person = unknownPerson(tree, tokens, mentions, v, institution, t);
    if (person) targets = [person];
  }
  // "Saudi Arabia banned the Muslim Brotherhood Party": a party or movement the registry does not
  // know, coerced by a state, is that state's opposition.
  if (
    !passive &&
    (targets === null || targets.length === 0) &&
    institution?.country &&
    /^17/.test(t.pattern.code)
  ) {
    const party = unknownParty(tree, tokens, mentions, v, institution.country);
    if (party) targets = [party];
  }
  // "A suicide bomber in Mogadishu killed six people": unnamed victims are civilians of the scene;
  // "stormed a migrant camp in Calais": an unnamed place attacked is its country's.
  const victims =
    !passive && /^(18|19|20|175)/.test(t.pattern.code)
      ? (unnamedVictims(tree, tokens, mentions, v) ?? placeOfObject(tree, mentions, v))
      : null;
  if (victims && targets?.length === 1 && targets[0].code === "CVL" && !targets[0].country)
    targets = [victims];
  let accusation: ActorMention[] | null = null;
  let demand: TreeRoles["demand"] = null;
  if (rv >= 0 && !attribution) {
    const speakerWord = subjectWord(tree, rv);
    const speakers = speakerWord >= 0 ? mentionsOf(tree, mentions, heads, speakerWord) : [];
    const must = tree
      .children(v)
      .map((c) => (tree.rel(c) === "aux" ? tree.words[c].form.toLowerCase() : ""))
      .find((f) => /^(must|should|ought)$/.test(f));
    if (speakers.length > 0 && must) demand = { speakers, code: must === "must" ? "100" : "020" };
    else if (
      speakers.length > 0 &&
      sources === null &&
      !passive &&
      sw >= 0 &&
      speakers.every((m) => standsForSpeaker(tree.words[sw].form.toLowerCase(), m))
    )
      // "China said it condemned Japan", "Putin said he would visit": the speaker's own act.
      sources = speakers;
    else if (speakers.length > 0) accusation = speakers;
  }
  return {
    skip: false,
    mood,
    passive,
    sources,
    targets,
    keepTarget: ownTarget
      ? keepTarget
      : (m) =>
          !(attribution && inAttribution(m)) &&
          !reportsAfter(m) &&
          !(topical && mentions.includes(m) && isTopic(tree, heads[mentions.indexOf(m)])),
    accusation,
    demand,
    victims,
  };
}

/**
 * True if subject word `w` is a common noun that is no actor and no way of referring back to one
 * ("mediators", "the blast"; not "the group", "both sides").
 */
function nameless(tree: Tree, w: number): boolean {
  const word = tree.words[w];
  if (word.upos !== "NOUN" || ANAPHORIC_NOUNS.has(word.lemma.toLowerCase())) return false;
  return !tree.dependents(w, "det", "nummod").some((d) => /^(both|two|its|their)$/i.test(tree.words[d].form));
}

/** True if word `w` is inside the noun phrase headed by `top` ("Officials of the Central Committee of …, … visited"), not in a clause of it. */
function within(tree: Tree, w: number, top: number): boolean {
  for (let depth = 0; depth < 10 && w >= 0; depth++) {
    if (w === top) return true;
    // A participle modifying the noun is inside its phrase ("US-led forces"); a clause is not.
    if (tree.words[w].upos === "VERB" && tree.words[w].deprel !== "amod") return false;
    w = tree.head(w);
  }
  return false;
}

/**
 * True if word `h` opens the noun phrase that ends in `w`, whatever the parse made of it: only
 * names, nouns, adjectives, determiners, conjunctions and hyphens stand between them ("UK and EU
 * negotiators"; not "Palestinians in Gaza, as mediators").
 */
function beforeInPhrase(
  tree: Tree,
  h: number,
  w: number,
  tokens?: readonly Token[],
  joinedOnly = false,
): boolean {
  if (h < 0 || h >= w) return false;
  let joined = false;
  for (let k = h + 1; k < w; k++) {
    // A participle joined to the name by a hyphen ("US-led") is an adjective of the phrase.
    if (tokens?.[k].joined && k === h + 1 && /^VB[NG]$/.test(tree.words[k].xpos)) {
      joined = true;
      continue;
    }
    if (!/^(PROPN|NOUN|ADJ|DET|CCONJ)$/.test(tree.words[k].upos) && tree.words[k].form !== "-") return false;
  }
  return !joinedOnly || joined;
}

/** Nouns that refer back to an actor named before ("the group", "the country", "the two sides"). */
const ANAPHORIC_NOUNS = new Set(
  "group side country nation government leader state party organization organisation movement militia regime administration ministry agency".split(
    " ",
  ),
);

/**
 * True if verb `v` states a standing position in the simple present ("Taiwan rejects China's
 * sovereignty claims", "the US opposes China's expansion"): in a document's body that is what
 * holds, not an act of the day. A statement's own words ("we reject", "the ministry strongly
 * denounces and rejects") are its act, and stay.
 */
function isStance(tree: Tree, v: number): boolean {
  const w = tree.words[v];
  if ((w.xpos !== "VBZ" && w.xpos !== "VBP") || !STANCES.has(w.lemma.toLowerCase())) return false;
  if (tree.dependents(v, "aux", "aux:pass").length > 0) return false;
  // "strongly denounces and rejects": a manner adverb of the verb or of the one it is joined to.
  const verbs = w.deprel === "conj" ? [v, tree.head(v)] : [v];
  if (verbs.some((x) => tree.dependents(x, "advmod").some((a) => /ly$/i.test(tree.words[a].form))))
    return false;
  return !tree.dependents(v, "nsubj").some((s) => /^(i|we)$/i.test(tree.words[s].form));
}

/** Verbs of a standing position. */
const STANCES = new Set([
  "oppose",
  "reject",
  "support",
  "back",
  "recognize",
  "recognise",
  "dispute",
  "favor",
  "favour",
  "deny",
]);

/** Nouns whose "on" names their target ("a ban on Japan", "tariffs on Chinese goods", "strikes on Gaza"). */
const ON_TARGET: ReadonlySet<string> = new Set(
  "tariff sanction ban embargo restriction levy curb duty blockade boycott pressure attack strike raid assault crackdown war".split(
    " ",
  ),
);

/**
 * True if word `w` is a topic: a phrase "on", "about", "regarding" or "concerning" something, but
 * not what a restriction or an attack is on ("tariffs on Chinese goods", "strikes on Gaza").
 */
function isTopic(tree: Tree, w: number): boolean {
  const cases = tree.dependents(w, "case").map((k) => tree.words[k].form.toLowerCase());
  if (!cases.some((c) => /^(on|about|regarding|concerning|over)$/.test(c))) return false;
  const h = tree.head(w);
  return !(cases.includes("on") && h >= 0 && ON_TARGET.has(tree.words[h].lemma.toLowerCase()));
}

/**
 * A past participle read as passive without its own auxiliary: a headline's "More Soldiers Killed
 * in Afghanistan" (capitalised, no auxiliary, no object), or a verb sharing a passive's auxiliary
 * ("were killed and six others wounded").
 */
function reducedPassive(tree: Tree, v: number): boolean {
  const w = tree.words[v];
  if (w.xpos !== "VBN" || tree.dependents(v, "aux", "aux:pass").length > 0) return false;
  if (tree.rel(v) === "conj") {
    const h = tree.head(v);
    return h >= 0 && tree.dependents(h, "aux:pass").length > 0;
  }
  // Only in a headline, where the capital tells: a tagger's VBN for a plain past tense ("China and
  // Ukraine agreed to …") is common.
  return (
    v > 0 &&
    /^\p{Lu}/u.test(w.form) &&
    tree.rel(v) === "root" &&
    tree.dependents(v, "obj", "iobj").every((o) => isCredit(tree, v, o)) &&
    tree.dependents(v, "nsubj", "nsubj:pass").length > 0
  );
}

/**
 * True if a trigger of an act on persons is followed by a capitalised word that is no actor
 * ("arrested Jean Dupont"), or a coercive one by a party's name ("banned the Liberal Democratic
 * Party"): a sentence naming one actor that the parse may still code.
 */
export function namesUnknownActor(
  tokens: Token[],
  triggers: readonly Trigger[],
  inActor: (i: number) => boolean,
): boolean {
  return triggers.some((t) => {
    if (!ON_PERSONS.test(t.pattern.code)) return false;
    const at = t.fillerEnd > t.fillerStart ? t.fillerStart : t.end;
    const next = tokens[at];
    if (next !== undefined && !inActor(at) && /^\p{Lu}\p{Ll}/u.test(next.text)) return true;
    // "banned the Liberal Democratic Party": a party the registry does not know (unknownParty).
    if (!/^17/.test(t.pattern.code)) return false;
    let k = tokens[at]?.lower === "the" ? at + 1 : at;
    for (const stop = k + 6; k < stop && tokens[k] && /^\p{Lu}/u.test(tokens[k].text) && !inActor(k); k++)
      if (PARTY_WORD.test(tokens[k].text)) return true;
    return false;
  });
}

/** Codes of an institution's acts on a person: investigating, accusing, suing, convicting, arresting, sentencing, releasing, pardoning, deporting. */
const ON_PERSONS = /^(09|11|17|0841|056|174)/;
/** A state's own institutions, which act on persons in their country. */
const INSTITUTION = /^[A-Z]{3}(JUD|COP|GOV|LEG)$/;
/** Days and months, which the parse may take for an object ("arrested Monday a man"). */
const TIME_WORD =
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$/;
/** Words that make a name an organisation's, not a person's. */
const ORG_WORD =
  /^(Inc|Corp|Co|Ltd|LLC|Group|Bank|University|College|Company|Corporation|Holdings|Party|Association|Foundation|Institute|Council|Committee|Ministry|Agency|Airlines?|News|Times|Post|Court|Police|Army|Front|Movement|Union|Organization|Organisation)\.?$/;

/**
 * A mention the parse makes of words the registry does not know (a person's name, a party's, "six
 * people"): `role` of `country`, named as written.
 */
function unregistered(
  tokens: Token[],
  start: number,
  end: number,
  role: string,
  country: string,
  kind: ActorMention["kind"],
  via: ActorMention["via"] = "role",
): ActorMention {
  const name = tokens
    .slice(start, end)
    .map((w) => w.text)
    .join(" ");
  return { start, end, code: `${country}${role}`, country, name, kind, via };
}

/** The last word of a party's or movement's name. */
const PARTY_WORD = /^(party|movement|front|league|alliance|brotherhood|congress)$/i;

/**
 * The object of verb `v` read as a political party or movement the registry does not know ("the
 * Muslim Brotherhood Party", "the Northern Branch of the Islamic Movement"): a capitalised name
 * ending in Party, Movement, Front, League, Alliance, Brotherhood or Congress, coded as the
 * opposition (OPP) of `country`. Null otherwise.
 */
function unknownParty(
  tree: Tree,
  tokens: Token[],
  mentions: ActorMention[],
  v: number,
  country: string,
): ActorMention | null {
  const o = tree.dependents(v, "obj")[0];
  if (o === undefined || !PARTY_WORD.test(tree.words[o].form) || !/^\p{Lu}/u.test(tokens[o].text))
    return null;
  let start = o;
  for (const c of tree.children(o))
    if (c < o && /^(compound|amod|flat)$/.test(tree.rel(c)) && /^\p{Lu}/u.test(tokens[c].text))
      start = Math.min(start, c);
  if (mentions.some((m) => m.start <= o && o < m.end)) return null;
  return unregistered(tokens, start, o + 1, "OPP", country, "group");
}

/** Nouns for people killed or hurt who are neither named nor an actor of the registry. */
const VICTIMS = new Set([
  "people",
  "person",
  "civilian",
  "villager",
  "resident",
  "worshipper",
  "worshiper",
  "passenger",
  "child",
  "woman",
  "man",
  "student",
  "pilgrim",
  "farmer",
  "miner",
  "worker",
  "tourist",
  "shopper",
  "bystander",
  "commuter",
  "family",
  "inmate",
  "prisoner",
  "detainee",
  "teenager",
  "boy",
  "girl",
  "youth",
  "protester",
  "demonstrator",
  "journalist",
  "fisherman",
  "migrant",
  "refugee",
]);

/**
 * The object of violent verb `v` read as unnamed victims ("killed at least six people", "wounded
 * 40 villagers"): civilians (CVL) of the country the sentence names as the scene ("in Mogadishu"),
 * or null where no scene is named (the attacker's country need not be the victims').
 */
function unnamedVictims(
  tree: Tree,
  tokens: Token[],
  mentions: ActorMention[],
  v: number,
): ActorMention | null {
  const o = tree.dependents(v, "obj")[0];
  if (o === undefined || !VICTIMS.has(tree.words[o].lemma.toLowerCase())) return null;
  // "killed 12 people": counted people are civilians of no country until the scene gives one.
  if (mentions.some((m) => m.start <= o && o < m.end && (m.code !== "CVL" || m.country))) return null;
  const scene = mentions.find((m) => {
    if (!m.country) return false;
    if (m.location) return true;
    let k = m.start - 1;
    if (tokens[k]?.lower === "the") k--;
    return m.kind !== "person" && /^(in|near|at|outside)$/.test(tokens[k]?.lower ?? "");
  });
  if (!scene?.country) return null;
  return unregistered(tokens, o, o + 1, "CVL", scene.country, "agent");
}

/**
 * The place that the unnamed object of violent verb `v` is in ("stormed a migrant camp in Calais",
 * "shelled a hospital near Kharkiv"): the place's mention, standing for its country, or null.
 */
function placeOfObject(tree: Tree, mentions: ActorMention[], v: number): ActorMention | null {
  const o = tree.dependents(v, "obj")[0];
  if (o === undefined || VICTIMS.has(tree.words[o].lemma.toLowerCase())) return null;
  if (mentions.some((m) => m.start <= o && o < m.end)) return null;
  for (const c of tree.dependents(o, "nmod")) {
    if (!tree.dependents(c, "case").some((k) => /^(in|at|near|outside)$/i.test(tree.words[k].form))) continue;
    const place = mentions.find((m) => m.start <= c && c < m.end);
    if (place?.location && place.country) return place;
  }
  return null;
}

/**
 * The object of verb `v` (or the filler of the trigger's pattern) read as a person the registry
 * does not know ("convicted Barbarin", "found Britta Nielsen guilty"): a proper name, capitalised
 * throughout, naming no actor, organisation, day or month, coded as a civilian (CVL) of the
 * institution's state. Null otherwise.
 */
function unknownPerson(
  tree: Tree,
  tokens: Token[],
  mentions: ActorMention[],
  v: number,
  institution: ActorMention,
  t: Trigger,
): ActorMention | null {
  if (!institution.country || !INSTITUTION.test(institution.code)) return null;
  let start: number;
  let end: number;
  if (t.fillerEnd > t.fillerStart) {
    // A pattern's filler: "found Britta Nielsen guilty" (the parse may join the name to "guilty").
    start = t.fillerStart;
    end = t.fillerEnd;
  } else {
    const o = tree.dependents(v, "obj")[0];
    if (o === undefined || tree.words[o].upos !== "PROPN") return null;
    start = o;
    end = o + 1;
    for (const c of tree.children(o))
      if (/^(flat|compound)$/.test(tree.rel(c)) && tree.words[c].upos === "PROPN") {
        start = Math.min(start, c);
        end = Math.max(end, c + 1);
      }
  }
  if (mentions.some((m) => m.start < end && start < m.end)) return null;
  const words = tokens.slice(start, end);
  if (words.some((w) => !/^\p{Lu}\p{Ll}/u.test(w.text) || ORG_WORD.test(w.text) || TIME_WORD.test(w.text)))
    return null;
  return unregistered(tokens, start, end, "CVL", institution.country, "person", "name");
}
