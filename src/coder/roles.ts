/**
 * Who did what to whom, read off the dependency parse: the subject of an event verb (through
 * coordination, control and participles), the agent of a passive, the object or the oblique the
 * verb governs, and whether the verb sits under a reporting verb, a negation or a modal frame.
 * Token i of the coder is word i of the parse (both use the coder's tokeniser).
 */
import type { Tree } from "../parse/index.ts";
import type { ActorMention } from "./actors.ts";

/** The word of a mention that the rest of the sentence attaches to (its syntactic head). */
export function mentionHead(t: Tree, m: ActorMention): number {
  let best = m.end - 1;
  for (let i = m.start; i < m.end; i++) {
    const h = t.head(i);
    if (h < m.start || h >= m.end) {
      best = i;
      if (t.words[i].upos === "PROPN" || t.words[i].upos === "NOUN") break;
    }
  }
  return best;
}

/** Relations through which a noun phrase names its actor ("China's foreign ministry", "the ministry of Japan"). */
const NOMINAL = new Set([
  "nmod:poss",
  "compound",
  "amod",
  "flat",
  "appos",
  "nmod",
  "nmod:of",
  "det",
  "nummod",
]);

/**
 * The mentions a noun phrase headed by word `w` stands for: the mention headed by `w`, else the
 * nearest mention inside its nominal modifiers (not inside clauses), with the mentions
 * coordinated with it ("Russia and China").
 */
export function mentionsOf(
  t: Tree,
  mentions: readonly ActorMention[],
  heads: readonly number[],
  w: number,
  nominal = true,
): ActorMention[] {
  const out: ActorMention[] = [];
  for (const c of conjuncts(t, w)) {
    const m = nominal ? phraseMention(t, mentions, heads, c) : ownMention(mentions, heads, c);
    if (m && !out.includes(m)) out.push(m);
  }
  return out;
}

function ownMention(
  mentions: readonly ActorMention[],
  heads: readonly number[],
  w: number,
): ActorMention | null {
  const own = mentions.findIndex((m, k) => heads[k] === w || (m.start <= w && w < m.end));
  return own >= 0 ? mentions[own] : null;
}

function phraseMention(
  t: Tree,
  mentions: readonly ActorMention[],
  heads: readonly number[],
  w: number,
): ActorMention | null {
  const own = ownMention(mentions, heads, w);
  if (own) return own;
  // Breadth-first through nominal modifiers, nearest first.
  let frontier = [w];
  for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const f of frontier)
      for (const c of t.children(f)) {
        const rel = t.words[c].deprel;
        if (!NOMINAL.has(rel) && !NOMINAL.has(t.rel(c)) && !participleArgument(t, c)) continue;
        if (rel === "nmod" && !isPossessiveOf(t, c)) continue;
        const k = mentions.findIndex((_, j) => heads[j] === c);
        if (k >= 0) return mentions[k];
        next.push(c);
      }
    frontier = next;
  }
  return null;
}

/** The subject or agent of a participle modifying a noun ("a US-drafted resolution", "Chinese-backed"). */
export function participleArgument(t: Tree, w: number): boolean {
  const h = t.head(w);
  if (h < 0 || !/^(nsubj|obl:agent|obl|compound)/.test(t.words[w].deprel)) return false;
  return /^(amod|acl)$/.test(t.words[h].deprel) && /^VB[NG]$/.test(t.words[h].xpos);
}

/** An "of"/"from" modifier names whose the head is ("the foreign minister of Japan"), unlike "talks in Geneva". */
function isPossessiveOf(t: Tree, w: number): boolean {
  return t.children(w).some((c) => t.rel(c) === "case" && /^(of|from)$/i.test(t.words[c].form));
}

/** Word w and the words coordinated with it. */
export function conjuncts(t: Tree, w: number): number[] {
  const out = [w];
  for (let i = 0; i < out.length; i++) for (const c of t.dependents(out[i], "conj")) out.push(c);
  return out;
}

/** True if verb `v` is passive: a passive subject or auxiliary, or a participle modifying a noun. */
export function isPassive(t: Tree, v: number): boolean {
  if (t.dependents(v, "aux:pass", "csubj:pass").length > 0) return true;
  if (t.dependents(v, "nsubj:pass").length > 0) {
    // Without an auxiliary ("Five killed in attack", a headline) a passive reading stands unless
    // its agent lacks "by": "The EU criticized President Trump" misread as a passive whose agent
    // is the object.
    return t.dependents(v, "obl:agent").every(hasBy(t));
  }
  return t.words[v].deprel === "acl" && t.words[v].xpos === "VBN";
}

/**
 * The word whose phrase is the grammatical subject of verb `v`: its own subject, else the
 * subject it shares (a verb coordinated with another, an infinitive controlled by its governing
 * verb's subject or object), else the noun a participle modifies. -1 if none.
 */
export function subjectWord(t: Tree, v: number, depth = 0): number {
  const own = t.dependents(v, "nsubj", "nsubj:pass", "nsubj:outer");
  // A possessor misread as a second subject ("Britain's Theresa May held…") is not the subject.
  const proper = own.filter(
    (w) => !t.children(w).some((c) => t.rel(c) === "case" && /^['’]s$/.test(t.words[c].form)),
  );
  if (proper.length > 0) return proper[proper.length - 1];
  if (own.length > 0) return own[0];
  if (depth > 4) return -1;
  const h = t.head(v);
  if (h < 0) return -1;
  const rel = t.words[v].deprel;
  if (rel === "conj") return subjectWord(t, h, depth + 1);
  if (rel === "xcomp") {
    // "urged Japan to lift": object control; "agreed to lift": subject control.
    const obj = t.dependents(h, "obj", "iobj");
    return obj.length > 0 ? obj[0] : subjectWord(t, h, depth + 1);
  }
  if (rel === "acl" || rel === "acl:relcl") return h;
  // "met Japan to discuss …", "…, accusing Iran": an adverbial clause without a subject shares its head's.
  if (rel === "advcl") return subjectWord(t, h, depth + 1);
  return -1;
}

/** The agent of a passive verb: its `obl:agent` ("backed by Djiboutian soldiers"). */
export function agentWord(t: Tree, v: number): number {
  // An "agent" without "by" is a misread object ("The EU criticized President Trump").
  const a = t.dependents(v, "obl:agent").filter(hasBy(t));
  return a.length > 0 ? a[0] : -1;
}

const hasBy = (t: Tree) => (w: number) => t.children(w).some((c) => /^by$/i.test(t.words[c].form));

/** Prepositions that place an event rather than name its target. */
const PLACE_CASES = /^(in|at|near|inside|within|during|throughout|across|around|outside|from|amid|via)$/i;

/**
 * Words heading the verb's targets, in order of preference: direct and indirect objects, then
 * obliques that are not places or times ("met with", "sanctions against"). Places come last and
 * only when `places` is set (attacks, protests: "protest in Beijing").
 */
export function targetWords(t: Tree, v: number, places: boolean): number[] {
  let objects = t.dependents(v, "obj", "iobj");
  // "called Saudi Arabia's King Salman" misread as a small clause ("called him a liar" has its
  // object): a nominal complement without an object is the object.
  if (objects.length === 0)
    objects = t.dependents(v, "xcomp").filter((c) => /^(PROPN|NOUN|PRON)$/.test(t.words[c].upos));
  const obliques: number[] = [];
  const where: number[] = [];
  for (const c of t.dependents(v, "obl")) {
    if (t.words[c].deprel === "obl:agent" || t.words[c].deprel === "obl:tmod") continue;
    const cases = t.dependents(c, "case").map((k) => t.words[k].form);
    if (cases.some((x) => PLACE_CASES.test(x))) where.push(c);
    else obliques.push(c);
  }
  return [...objects, ...obliques, ...(places ? where : [])].filter((w) => !isCredit(t, v, w));
}

/** True if word `w` follows verb `v` across a colon: a headline's credit ("… Slammed: Rodong Sinmun"), not its argument. */
export function isCredit(t: Tree, v: number, w: number): boolean {
  return w > v && t.words.slice(v + 1, w).some((x) => x.form === ":");
}

const REPORTING = new Set([
  "say",
  "tell",
  "claim",
  "allege",
  "accuse",
  "charge",
  "insist",
  "argue",
  "assert",
  "contend",
  "suggest",
  "believe",
  "think",
  "fear",
  "suspect",
  "warn",
  "deny",
  "add",
  "state",
  "note",
  "write",
  "declare",
  "maintain",
  "complain",
  "quote",
]);
/** Reporting verbs that present what they report as fact. */
const FACTIVE = new Set([
  "confirm",
  "reveal",
  "report",
  "announce",
  "acknowledge",
  "admit",
  "disclose",
  "show",
  "learn",
]);

/**
 * A closing attribution hung under `v` ("North Korea fired missiles, Japan's ministry said", parsed
 * with "said" as a dependent of "fired"): a later reporting verb with a subject of its own, after a
 * comma; or -1.
 */
export function closingReport(t: Tree, v: number): number {
  for (const c of t.children(v)) {
    if (c <= v || !/^(parataxis|advcl|ccomp)$/.test(t.rel(c))) continue;
    if (!REPORTING.has(t.words[c].lemma.toLowerCase())) continue;
    const subj = t.dependents(c, "nsubj");
    if (subj.length === 0 || !t.words.slice(v + 1, Math.min(...subj)).some((w) => w.form === ",")) continue;
    return c;
  }
  return -1;
}

/** True if word `w` is a verb of saying or reporting ("said", "reported"). */
export function isReportingVerb(t: Tree, w: number): boolean {
  const lemma = t.words[w].lemma.toLowerCase();
  return t.words[w].upos === "VERB" && (REPORTING.has(lemma) || ATTRIBUTING.has(lemma));
}

/** True if word `w` is the subject of a reporting verb ("…, the state news agency Xinhua said"). */
export function isReporter(t: Tree, w: number): boolean {
  const h = t.head(w);
  return h >= 0 && /^nsubj/.test(t.words[w].deprel) && isReportingVerb(t, h);
}

/** Verbs of a wire's attribution that report facts ("…, state media KCNA reported"). */
const ATTRIBUTING = new Set(["report", "announce", "confirm", "quote"]);

/** Subordinators of adverbial clauses: a clause they open is no reported speech. */
const ADVERBIAL_MARKS = new Set(
  "after before when while since as because although though until once unless whereas".split(" "),
);

/** The reporting verb that `v`'s clause is the content of (non-factive ones only), or -1. */
export function reportingVerb(t: Tree, v: number): number {
  let w = v;
  for (let depth = 0; depth < 3; depth++) {
    const rel = t.words[w].deprel;
    const h = t.head(w);
    if (h < 0) return -1;
    if (rel === "ccomp" || rel === "parataxis") {
      // "…, the military said, days after Pyongyang warned …": a clause opened by "after" or
      // "because" is the report's circumstance, not what it reports (a misread adverbial clause).
      if (t.dependents(w, "mark").some((k) => ADVERBIAL_MARKS.has(t.words[k].form.toLowerCase()))) return -1;
      const lemma = t.words[h].lemma.toLowerCase();
      if (FACTIVE.has(lemma)) return -1;
      if (REPORTING.has(lemma)) return h;
      return -1;
    }
    if (rel !== "conj") return -1;
    w = h;
  }
  return -1;
}

/** How a verb's frame changes its event. */
export type Frame = "plain" | "negated" | "refusal" | "intent" | "threat" | "hypothetical";

const NEGATORS = /^(not|n't|never|no|neither|nor)$/i;
const REFUSE = new Set(["refuse", "decline", "reject", "resist", "oppose"]);
const FAIL = new Set(["fail", "cease", "stop", "avoid", "forget", "neglect"]);
const INTEND = new Set([
  "plan",
  "intend",
  "seek",
  "want",
  "aim",
  "hope",
  "expect",
  "prepare",
  "wish",
  "promise",
  "pledge",
  "vow",
  "agree",
  "decide",
  "offer",
  "propose",
  "try",
  "attempt",
  "consider",
  "mull",
  "commit",
  "willingness",
  "readiness",
  "eagerness",
  "intention",
  "determination",
]);
const THREATEN = new Set(["threaten", "warn"]);
/** Nouns and adjectives of reluctance or doubt that govern an infinitive ("reluctance to endorse"). */
const RELUCTANT = new Set([
  "reluctance",
  "reluctant",
  "unwilling",
  "unwillingness",
  "refusal",
  "hesitant",
  "hesitance",
  "unable",
  "inability",
  "failure",
  "supposed",
]);
/** Nouns whose infinitive names what is wanted or possible, not what is done. */
const UNREAL_NOUNS = new Set([
  "preference",
  "desire",
  "ambition",
  "aspiration",
  "dream",
  "temptation",
  "incentive",
  "need",
  "right",
  "ability",
  "capacity",
  "capability",
  "opportunity",
  "chance",
  "option",
  "freedom",
  "power",
  "means",
  "potential",
]);
/** Words of asking: the act they ask for is not coded as done. */
const ASKED = new Set(["request", "call", "demand", "appeal", "plea", "urge", "ask", "press"]);

const HYPOTHETICAL_AUX = /^(could|might|may|should|must|can|ca|would)$/i;

/**
 * The frame of event verb `v` from the tree: a negation on it or on the verb governing it
 * ("did not", "never"), a governing verb of refusal, failure, intent or threat ("refused to
 * meet", "failed to agree", "plans to visit"), a word of reluctance ("reluctance to endorse",
 * "was supposed to"), or a hypothetical modal. "Called off" and "cancelled" negate an event noun.
 */
/**
 * True if verb `v` or a verb it depends on (through complements, adverbial clauses and
 * coordination) is a counterfactual "would have" ("This would have … maintained China's influence
 * by attempting to mediate"): what did not happen.
 */
function counterfactual(t: Tree, v: number): boolean {
  let w = v;
  for (let depth = 0; depth < 5 && w >= 0; depth++) {
    const aux = t.dependents(w, "aux").map((c) => t.words[c].form.toLowerCase());
    if (aux.includes("have") && aux.some((a) => /^(would|could|might|should)$/.test(a))) return true;
    const rel = t.words[w].deprel;
    if (!/^(xcomp|advcl|conj|acl)$/.test(rel)) return false;
    w = t.head(w);
    // A clause on a noun ("influence by attempting to mediate") hangs on that noun's verb.
    if (rel === "acl" && w >= 0 && /^(obj|obl|nsubj)$/.test(t.words[w].deprel) && t.words[w].upos !== "VERB")
      w = t.head(w);
  }
  return false;
}

export function frameOf(t: Tree, v: number): Frame {
  const negated = (w: number): boolean =>
    t
      .children(w)
      .some((c) => (t.rel(c) === "advmod" || t.rel(c) === "det") && NEGATORS.test(t.words[c].form));
  // "will not accept refugees", "won't lift the ban": a negated future is a refusal.
  if (negated(v))
    return t.children(v).some((c) => t.rel(c) === "aux" && /^(will|wo|would|shall)$/i.test(t.words[c].form))
      ? "refusal"
      : "negated";
  if (
    t
      .children(v)
      .some((c) => t.rel(c) === "aux" && /^(could|might|may|should|must|can|ca)$/i.test(t.words[c].form))
  )
    return "hypothetical";
  // "China would attack Taiwan": a conditional in a main clause of its own, not a speaker's
  // "would" ("China said it would …", "… would retaliate, the ministry said"), is hypothetical.
  if (
    t.words[v].deprel === "root" &&
    t.children(v).some((c) => t.rel(c) === "aux" && /^would$/i.test(t.words[c].form)) &&
    !t
      .children(v)
      .some(
        (c) => /^(parataxis|ccomp|advcl)$/.test(t.rel(c)) && REPORTING.has(t.words[c].lemma.toLowerCase()),
      )
  )
    return "hypothetical";
  if (counterfactual(t, v)) return "hypothetical";
  // "North Korea's preference to negotiate", parsed as the verb's subject: a wish, not an act.
  if (t.dependents(v, "nsubj").some((s) => UNREAL_NOUNS.has(t.words[s].lemma.toLowerCase())))
    return "hypothetical";
  let w = v;
  for (let depth = 0; depth < 3; depth++) {
    const rel = t.words[w].deprel;
    const h = t.head(w);
    if (h < 0) break;
    const lemma = t.words[h].lemma.toLowerCase();
    if (rel === "ccomp" && ASKED.has(lemma)) return "hypothetical";
    if (!(rel === "xcomp" || rel === "acl" || (rel === "ccomp" && depth > 0))) break;
    if (RELUCTANT.has(lemma) || RELUCTANT.has(t.words[h].form.toLowerCase())) return "negated";
    // "showed reluctance to endorse", parsed with the infinitive on the verb: the reluctance is its object.
    if (rel === "xcomp" && t.dependents(h, "obj").some((o) => RELUCTANT.has(t.words[o].lemma.toLowerCase())))
      return "negated";
    if (negated(h) && rel === "xcomp") return "negated";
    if (REFUSE.has(lemma)) return "refusal";
    if (FAIL.has(lemma)) return "negated";
    if (THREATEN.has(lemma)) return "threat";
    if (INTEND.has(lemma)) return "intent";
    // "refused a request to step down", "demanded that the government resign", "urged Iran to
    // release": what is asked for has not happened.
    if (ASKED.has(lemma)) return "hypothetical";
    // "its preference to negotiate", "the capacity to strike": a noun of wanting or being able.
    if (rel === "acl" && UNREAL_NOUNS.has(lemma)) return "hypothetical";
    if (t.children(h).some((c) => t.rel(c) === "aux" && HYPOTHETICAL_AUX.test(t.words[c].form)))
      return "hypothetical";
    w = h;
  }
  return "plain";
}

/** Verbs whose object is a topic, not a party: "discussed North Korea" is no meeting with it. */
export const TOPIC_VERBS = new Set([
  "discuss",
  "debate",
  "address",
  "review",
  "consider",
  "examine",
  "explore",
  "focus",
]);

/** Words heading a topic verb's partners: only "with" obliques ("discussed trade with Japan"). */
export function partnerWords(t: Tree, v: number): number[] {
  return t
    .dependents(v, "obl")
    .filter((c) => t.dependents(c, "case").some((k) => /^with$/i.test(t.words[k].form)));
}

/** Adverbs and frames that make a present-tense statement habitual rather than an event. */
const HABITUAL =
  /^(usually|often|always|generally|traditionally|typically|routinely|frequently|regularly|long|historically|seldom|rarely|sometimes|occasionally|normally|ordinarily|habitually)$/i;

/**
 * True if verb `v` states a habit or disposition, not a dated event: "China is known for …",
 * "the US has long opposed …", a present-tense verb with a habitual adverb.
 */
export function isGeneric(t: Tree, v: number): boolean {
  const w = t.words[v];
  if (t.children(v).some((c) => t.rel(c) === "advmod" && HABITUAL.test(t.words[c].form))) return true;
  // The adverb right before the verb, whatever the parse made of it ("seldom" read as a verb).
  if (v > 0 && HABITUAL.test(t.words[v - 1].form)) return true;
  if (/^known$/i.test(w.form) && t.dependents(v, "aux:pass", "cop").length > 0) return true;
  const h = t.head(v);
  if (
    h >= 0 &&
    /^known$/i.test(t.words[h].form) &&
    (w.deprel === "obl" || w.deprel === "xcomp" || w.deprel === "advcl")
  )
    return true;
  return false;
}
