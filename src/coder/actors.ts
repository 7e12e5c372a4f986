import { parse } from "yaml";
import type { ActorEntry, ResolvedActor, ResolvedVia } from "../model/index.ts";
import { isPunct, phraseKeys, type Token } from "./tokens.ts";

/** What the matcher needs of the actor registry (src/model/registry.ts `ActorRegistry`). */
export interface ActorSource {
  surfaceForms(): {
    text: string;
    entryId: string;
    via: ResolvedVia;
    caseSensitive: boolean;
    needsCapital?: boolean;
    generated?: boolean;
  }[];
  resolve(entryId: string, date?: string | null, via?: ResolvedVia): ResolvedActor;
  lookup(text: string, date?: string | null): ResolvedActor | null;
  entry(id: string): ActorEntry | undefined;
  /** Generated forms (lower-case words joined by spaces) → entry id; matched only when capitalised. */
  generatedForms?(): ReadonlyMap<string, string>;
}

/** An actor found in a sentence: a token span and the actor it stands for. */
export interface ActorMention {
  /** Token span [start, end). */
  start: number;
  end: number;
  code: string;
  country: string | null;
  /** The text as written ("North Korean leader Kim Jong-Un"). */
  name: string;
  kind: ActorEntry["kind"];
  /** How the mention was recognised (the registry's `via`, or "role" for country + role noun). */
  via: ResolvedVia;
  /** A domestic institution named without its country ("the army"): it takes the other side's. */
  bare?: boolean;
  /**
   * A place named as where something happens ("in Kabul", a dateline "KABUL -"): it stands for its
   * state (a capital gives the country, not the government) and gives agents without a country
   * theirs; the event builder decides whether it is a target.
   */
  location?: boolean;
}

/** What the matcher may know of a sentence's document. */
export interface MentionContext {
  /** The country (ISO3) of the document's dateline place, if known: agents without one take it. */
  datelineCountry?: string | null;
  /**
   * People the document has named with a title that the registry does not know ("Czech Prime
   * Minister Andrej Babis"), by full name and by surname in lower case, so that a later "Babis" is
   * theirs. The matcher adds to it as it reads.
   */
  people?: Map<string, ActorMention>;
}

/** A mention before combination: a role noun keeps its role code, and whether a table gave it. */
type RawMention = ActorMention & { role?: string; table?: boolean; generated?: boolean };

interface Claim {
  entryId?: string;
  via?: ResolvedVia;
  /** Role code of a role noun ("GOV"). */
  role?: string;
  /** A role noun from a generated table: it needs a country written with it or stands alone. */
  table?: boolean;
  caseText?: string;
  /** Matches only if the text has a capital (see {@link capitalised}). */
  capital?: boolean;
  text?: string;
}

interface TrieNode {
  /** Children by token; null until the node has one (most nodes are leaves). */
  next: Map<string, TrieNode> | null;
  claims: Claim[];
}

const NO_CLAIMS: Claim[] = [];
const node = (): TrieNode => ({ next: null, claims: NO_CLAIMS });

/**
 * Finds actors in tokenised sentences: a token trie over the registry's names, aliases, demonyms
 * and capitals plus the role nouns (`rolesYaml`: the text of data/lexicon/roles.yaml), then combination of
 * country + role ("China's foreign ministry" → CHNGOV, "North Korean leader" → PRKGOV), titles
 * before people ("President Xi" → the person's dated role), and "<role> of <country>".
 */
export class ActorMatcher {
  readonly #root = node();
  readonly #source: ActorSource;
  readonly #notAfter: string[][];
  /** Role nouns standing as actors without a country → whether they must end their phrase. */
  readonly #standalone: Map<string, boolean>;
  readonly #phrases: ReadonlyMap<string, string>;
  /** Every run of leading words of a generated form that is shorter than the form ("islamic state"). */
  readonly #phrasePrefixes = new Set<string>();
  /** The first word of every generated form. */
  readonly #phraseFirst = new Set<string>();

  constructor(source: ActorSource, rolesYaml: string) {
    this.#source = source;
    const roles = parse(rolesYaml) as {
      roles: Record<string, string[]>;
      notActorAfter: string[];
      standalone: string[];
    };
    this.#standalone = new Map(roles.standalone.map((w) => [phraseKeys(w).join(" "), false]));
    // Hand-written forms and role nouns first; a generated agent only where they have none.
    const later: [string, string][] = [];
    for (const f of source.surfaceForms()) {
      const e = source.entry(f.entryId);
      if (e?.kind === "agent") {
        if (!f.generated) this.#add(f.text, { role: e.code });
        else {
          later.push([f.text, e.code]);
          // "gunmen", "terrorists" stand alone, but not as a modifier ("fighter planes").
          if (STANDALONE_ROLES.has(e.code.slice(0, 3)) && !this.#standalone.has(f.text))
            this.#standalone.set(f.text, true);
        }
        continue;
      }
      const claim: Claim = {
        entryId: f.entryId,
        via: f.via,
        text: f.text,
        caseText: f.caseSensitive ? f.text : undefined,
        capital: f.needsCapital === true,
      };
      this.#add(f.text, claim);
      // "Syrians", "Afghans", "South Koreans": the people of a demonym stand for their state.
      if (f.via === "demonym" && !/[sh]$/.test(f.text)) this.#add(`${f.text}s`, claim, true);
    }
    for (const [role, words] of Object.entries(roles.roles)) for (const w of words) this.#add(w, { role });
    // Generated forms are the tokeniser's lower-case words joined by spaces already.
    for (const [text, role] of later) this.#add(text, { role, table: true }, true, text.split(" "));
    this.#notAfter = roles.notActorAfter.map((w) => phraseKeys(w));
    this.#phrases = source.generatedForms?.() ?? new Map();
    for (const form of this.#phrases.keys()) {
      const space = form.indexOf(" ");
      this.#phraseFirst.add(space < 0 ? form : form.slice(0, space));
      for (let k = space; k >= 0; k = form.indexOf(" ", k + 1)) this.#phrasePrefixes.add(form.slice(0, k));
    }
  }

  /** Add a form to the trie; `onlyIfFree`: only where no form or role noun is yet. */
  #add(text: string, claim: Claim, onlyIfFree = false, words: string[] = phraseKeys(text)): void {
    let keys = words;
    if (keys[0] === "the" && keys.length > 1) keys = keys.slice(1);
    if (keys.length === 0) return;
    let n = this.#root;
    for (const k of keys) {
      n.next ??= new Map();
      let child = n.next.get(k);
      if (!child) {
        child = node();
        n.next.set(k, child);
      }
      n = child;
    }
    if (onlyIfFree && n.claims.length > 0) return;
    if (claim.role && n.claims.some((c) => c.entryId)) return;
    if (claim.entryId && n.claims.some((c) => c.entryId === claim.entryId)) return;
    if (n.claims === NO_CLAIMS) n.claims = [claim];
    else n.claims.push(claim);
  }

  /** True if any token could start an actor (the cheap prefilter). */
  hasCandidate(tokens: Token[]): boolean {
    for (const t of tokens) if (this.#root.next?.has(t.lower) || this.#startsGenerated(t)) return true;
    return false;
  }

  /** True if a generated form may start at this token: its first word, capitalised or a particle ("al-"). */
  #startsGenerated(t: Token): boolean {
    if (!startsUpper(t) && (t.lower.length > 3 || !PARTICLES.has(t.lower))) return false;
    return this.#phraseFirst.has(t.lower);
  }

  /** The longest generated form at token i, written with a capital, if it ends after `than`. */
  #generated(tokens: Token[], i: number, than: number): { end: number; claims: Claim[] } | null {
    if (!this.#startsGenerated(tokens[i])) return null;
    // Words are added while they continue some form (forms are words only: punctuation ends them);
    // the forms met on the way are the candidates, longest first.
    let key = tokens[i].lower;
    let found: [string, number][] | null = this.#phrases.has(key) ? [[key, 1]] : null;
    for (let n = 1; this.#phrasePrefixes.has(key); n++) {
      const next = tokens[i + n];
      if (!next || isPunct(next)) break;
      key = `${key} ${next.lower}`;
      if (this.#phrases.has(key)) {
        found ??= [];
        found.push([key, n + 1]);
      }
    }
    for (let c = (found?.length ?? 0) - 1; c >= 0; c--) {
      const [form, n] = found![c];
      if (i + n <= than || !capitalised(tokens, i, i + n)) continue;
      const id = this.#phrases.get(form)!;
      // One word of a longer name ("Amit Shah" is not the NGO Amit), unless a place ("Helmand Province").
      const after = tokens[i + 1];
      if (n === 1 && after && startsUpper(after) && this.#source.entry(id)?.kind !== "state") continue;
      return { end: i + n, claims: [{ entryId: id, via: "name", text: form }] };
    }
    return null;
  }

  #longest(tokens: Token[], i: number): { end: number; claims: Claim[] } | null {
    let n = this.#root;
    let best: { end: number; claims: Claim[] } | null = null;
    for (let j = i; j < tokens.length; j++) {
      const child = n.next?.get(tokens[j].lower);
      if (!child) break;
      n = child;
      if (n.claims.length === 0) continue;
      // The claims whose case the text satisfies (usually all of them: then no copy).
      let ok = n.claims;
      let copied = false;
      for (let c = 0; c < n.claims.length; c++) {
        const claim = n.claims[c];
        const pass =
          (!claim.capital || capitalised(tokens, i, j + 1)) &&
          (!claim.caseText ||
            tokens
              .slice(i, j + 1)
              .map((t) => t.text)
              .join(" ") === claim.caseText);
        if (pass && copied) ok.push(claim);
        else if (!pass && !copied) {
          ok = n.claims.slice(0, c);
          copied = true;
        }
      }
      if (ok.length > 0) best = { end: j + 1, claims: ok };
    }
    return best;
  }

  #notActorFollows(tokens: Token[], at: number): boolean {
    return this.#notAfter.some((seq) => seq.every((k, x) => tokens[at + x]?.lower === k));
  }

  /**
   * Actor mentions of a sentence, left to right; `date` picks people's dated roles. Agents without
   * a country ("gunmen", "the police") take the country of the places named as where things happen
   * ("in Kabul") when those agree, else the dateline's (`context`), else stay bare role codes.
   */
  find(
    tokens: Token[],
    text: string,
    base: number,
    date: string | null,
    context: MentionContext = {},
  ): ActorMention[] {
    const raw = this.#raw(tokens, text, base, date);
    const first = raw[0];
    const headed = first && !first.role && isDateline(tokens, first, text, base);
    const dateline = context.datelineCountry ?? (headed ? first.country : null);
    // A dateline and its credit ("OSLO (Reuters) --") give context, not actors: "A court convicted …"
    // is the court's act.
    const credit = (m: ActorMention) =>
      headed && m.start <= 6 && tokens[m.start - 1]?.text === "(" && tokens[m.end]?.text === ")";
    let mentions = combine(raw, tokens, text, base, this.#standalone, dateline).filter(
      (m) => (m.via === "role" || !isDateline(tokens, m, text, base)) && !credit(m),
    );
    if (context.people) mentions = namedPeople(mentions, tokens, text, base, context.people);
    return placeContext(mentions, tokens, dateline);
  }

  /** Entities and role nouns of a sentence, left to right, before they are combined. */
  #raw(tokens: Token[], text: string, base: number, date: string | null): RawMention[] {
    const raw: RawMention[] = [];
    for (let i = 0; i < tokens.length; ) {
      const own = this.#root.next?.has(tokens[i].lower) ? this.#longest(tokens, i) : null;
      // A generated form wins only by being longer ("Israel Defense Forces" over "Israel"): looked for
      // only where the hand-written match, if any, is followed by a capitalised word.
      const after = own ? tokens[own.end] : undefined;
      const m =
        (!own || (after && startsUpper(after)) ? this.#generated(tokens, i, own?.end ?? i) : null) ?? own;
      if (!m) {
        i++;
        continue;
      }
      const entities = m.claims.filter((c) => c.entryId);
      const entity = entities[0];
      const name = text.slice(tokens[i].start - base, tokens[m.end - 1].end - base);
      if (entity) {
        // "anti-Japanese struggle", "pro-Russian separatists" are not the country itself.
        const prefix = tokens[i - 1]?.lower;
        if (
          !this.#notActorFollows(tokens, m.end) &&
          prefix !== "anti" &&
          prefix !== "pro" &&
          prefix !== "non"
        ) {
          // A form several entries share ("Kim") goes to the one active at the date.
          const r =
            (entities.length > 1 ? this.#source.lookup(entity.text!, date) : null) ??
            this.#source.resolve(entity.entryId!, date, entity.via);
          const entry = this.#source.entry(r.entryId);
          const kind = entry?.kind ?? "state";
          const generated = entry?.generated === true;
          raw.push({
            start: i,
            end: m.end,
            code: r.code,
            country: r.country,
            name,
            kind,
            via: r.via,
            generated,
          });
        }
      } else {
        const claim = m.claims.find((c) => c.role)!;
        const role = claim.role!;
        raw.push({
          start: i,
          end: m.end,
          code: role,
          country: null,
          name,
          kind: "agent",
          via: "title",
          role,
          ...(claim.table ? { table: true } : {}),
        });
      }
      i = m.end;
    }
    return raw;
  }

  /**
   * The country of a dateline opening the text ("KABUL, March 3 (Reuters) -", "SAN FRANCISCO -"),
   * or null: a caller coding a document passes it on to later sentences as `datelineCountry`.
   */
  dateline(tokens: Token[], text: string, base: number, date: string | null): string | null {
    const m = this.#raw(tokens.slice(0, 8), text, base, date)[0];
    return m && !m.role && isDateline(tokens, m, text, base) ? m.country : null;
  }
}

/**
 * True if a span of tokens has a capital: its one word starts with one ("Pole", not "a pole"), or
 * of several words some does ("al-Qaeda", "Islamic State").
 */
function capitalised(tokens: Token[], start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (startsUpper(tokens[k])) return true;
  return false;
}

/** True if a token starts with a capital: its lower-cased text differs in the first character. */
const startsUpper = (t: Token): boolean => t.text.charCodeAt(0) !== t.lower.charCodeAt(0);
/** Lower-case words that open names ("al-Shabaab", "bin Laden"). */
const PARTICLES = new Set([
  "al",
  "el",
  "ad",
  "ar",
  "as",
  "an",
  "bin",
  "ibn",
  "de",
  "del",
  "la",
  "le",
  "van",
  "von",
]);

/** Agents that stand as actors without a country ("gunmen", "terrorists", "police officers"). */
const STANDALONE_ROLES: ReadonlySet<string> = new Set(["UAF", "REB", "INS", "CRM"]);

/** Prepositions that make a place the scene ("a hotel in Kabul"), not an actor. */
const SCENE = new Set(["in", "at", "near", "inside", "outside", "across", "throughout", "around", "within"]);

/**
 * A place mention heading a text, written in capitals and followed by a comma, bracket, colon or
 * dash: a dateline ("KABUL, May 3 -", "THE HAGUE (AP) --").
 */
function isDateline(tokens: Token[], m: ActorMention, text: string, base: number): boolean {
  if (m.kind !== "state" || !(m.start === 0 || (m.start === 1 && tokens[0].text === "THE"))) return false;
  for (let k = m.start; k < m.end; k++)
    if (tokens[k].text.length < 2 || tokens[k].text !== tokens[k].text.toUpperCase()) return false;
  // "US-led forces": a hyphen joining words is no dateline's dash.
  if (tokens[m.end]?.joined) return false;
  let i = tokens[m.end - 1].end - base;
  while (text[i] === " ") i++;
  return /[,(:\-–—]/.test(text[i] ?? "");
}

/** True if the word at `i` is counted: after a number or "thousands of", "dozens of". */
function counted(tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev) return false;
  if (/^\p{N}/u.test(prev.text)) return true;
  return (
    prev.lower === "of" &&
    /^(thousands|hundreds|dozens|scores|millions|tens)$/.test(tokens[i - 2]?.lower ?? "")
  );
}

/** Adjectives between a state's possessive and its role ("South Korea's new president"). */
const ROLE_ADJECTIVES = new Set(
  "new top senior chief incoming acting interim current newly elected veteran powerful".split(" "),
);

/** The last words of roles that title a person ("Prime Minister", "opposition leader", "spokesman"). */
const TITLES = new Set(
  "minister premier president chancellor secretary spokesman spokeswoman spokesperson ambassador envoy leader general commander chief governor senator lawmaker mayor king queen prince judge prosecutor diplomat representative adviser advisor director speaker chairman chairwoman activist dissident".split(
    " ",
  ),
);

/** Capitalised words that are no names ("Czech Prime Minister On Monday …"). */
const NOT_NAMES = new Set(
  "the a an and but or on in at for of to he she it his her they mr mrs ms monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december".split(
    " ",
  ),
);

const isNameWord = (t: Token): boolean => /^\p{Lu}\p{Ll}+$/u.test(t.text) && !NOT_NAMES.has(t.lower);

/**
 * People the registry does not know, named after a title with a country ("Czech Prime Minister
 * Andrej Babis"): the mention takes in the name, which `people` learns, and the document's later
 * "Babis" or "Andrej Babis" is that person. Mentions stay in order.
 */
function namedPeople(
  mentions: ActorMention[],
  tokens: Token[],
  text: string,
  base: number,
  people: Map<string, ActorMention>,
): ActorMention[] {
  const covered = new Uint8Array(tokens.length);
  for (const m of mentions) covered.fill(1, m.start, m.end);
  const out = mentions.map((m) => {
    if (m.via !== "role" || !m.country || m.kind === "person" || !TITLES.has(tokens[m.end - 1].lower))
      return m;
    let end = m.end;
    while (end < tokens.length && end - m.end < 3 && !covered[end] && isNameWord(tokens[end])) end++;
    if (end === m.end) return m;
    covered.fill(1, m.end, end);
    const name = text.slice(tokens[m.start].start - base, tokens[end - 1].end - base);
    const person: ActorMention = { ...m, end, name, kind: "person" };
    const words = tokens.slice(m.end, end).map((t) => t.lower);
    people.set(words.join(" "), person);
    people.set(words[words.length - 1], person);
    return person;
  });
  if (people.size === 0) return out;
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i] || !isNameWord(tokens[i])) continue;
    const two =
      i + 1 < tokens.length && !covered[i + 1]
        ? people.get(`${tokens[i].lower} ${tokens[i + 1].lower}`)
        : undefined;
    const known = two ?? people.get(tokens[i].lower);
    if (!known) continue;
    const end = two ? i + 2 : i + 1;
    out.push({
      ...known,
      start: i,
      end,
      name: text.slice(tokens[i].start - base, tokens[end - 1].end - base),
      via: "alias",
    });
    covered.fill(1, i, end);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The country of the actor that mention `i` is coordinated with ("Maduro and the opposition"), or null. */
function coordinatedCountry(mentions: ActorMention[], i: number, tokens: Token[]): string | null {
  let k = mentions[i].start - 1;
  if (tokens[k]?.lower === "the") k--;
  if (tokens[k]?.lower !== "and") return null;
  const before = mentions[i - 1];
  return before && before.end === k && before.kind !== "agent" ? before.country : null;
}

/** Mark places named as the scene and give agents without a country the scene's, else the dateline's. */
function placeContext(mentions: ActorMention[], tokens: Token[], dateline: string | null): ActorMention[] {
  const scene = new Set<string>();
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (m.kind !== "state" || !m.country) continue;
    let k = m.start - 1;
    if (tokens[k]?.lower === "the") k--;
    // "in Kabul's police", "in Kabul police headquarters" (a place with a role): not a bare scene.
    const withRole = m.code !== m.country && m.via !== "capital";
    if (k < 0 || !SCENE.has(tokens[k].lower) || tokens[m.end]?.lower === "'s" || withRole) continue;
    mentions[i] = { ...m, code: m.country, location: true };
    scene.add(m.country);
  }
  const country = scene.size === 1 ? [...scene][0] : scene.size === 0 ? dateline : null;
  // Only agents standing alone ("gunmen", "police"): a bare institution ("the army") still takes
  // the other side's country in the event (events.ts), as an appositive title would mislead here.
  // An agent coordinated with an actor of a country is of that country first ("between Maduro and
  // the opposition", "the government and the rebels").
  return mentions.map((m, i) => {
    if (m.kind !== "agent" || m.country !== null || m.bare) return m;
    const partner = coordinatedCountry(mentions, i, tokens) ?? country;
    return partner ? { ...m, code: `${partner}${m.code}`, country: partner, via: "role" } : m;
  });
}

/** True if a noun before this token ends its phrase ("the army for", "the army."), not a modifier ("military talks"). */
function endsPhrase(next: Token | undefined): boolean {
  return !next || !/^\p{L}/u.test(next.text) || PHRASE_END.has(next.lower);
}
const PHRASE_END = new Set([
  "for",
  "in",
  "on",
  "to",
  "and",
  "of",
  "with",
  "at",
  "from",
  "after",
  "when",
  "as",
  "over",
  "during",
  "that",
  "who",
  "which",
  "by",
  "but",
  "or",
  "into",
  "against",
  "near",
]);

/**
 * True if a noun before this token is the head of its phrase followed by its verb or the end of
 * the phrase ("gunmen stormed", "terrorists who", "33 terrorists."), not a modifier ("terrorist
 * attack", "fighter planes").
 */
function headsClause(next: Token | undefined): boolean {
  return endsPhrase(next) || next!.lower.endsWith("ed") || AUXILIARY.has(next!.lower);
}
const AUXILIARY = new Set(
  "is are was were has have had will would could can may might also reportedly allegedly then on said says told".split(
    " ",
  ),
);

const DETERMINER = new Set(["the", "a", "an"]);
/** Words before "opposition" that make it a stance, not a party ("with opposition", "fierce opposition"). */
const NOUN_SENSE_BEFORE = new Set(
  "with any strong stiff fierce growing little no much widespread public its their his her".split(" "),
);

/** Institutions that, named without a country ("praised the army"), belong to the other side's. */
const DOMESTIC: ReadonlySet<string> = new Set(["MIL", "COP", "JUD", "LEG"]);
const FORCES: ReadonlySet<string> = new Set(["MIL", "COP"]);

/** True if the phrase starting at token `i` has no modifier before it: it opens the sentence or follows "the" or punctuation. */
function unmodified(tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return !prev || prev.lower === "the" || !/^\p{L}/u.test(prev.text);
}

const NATIONAL: ReadonlySet<ActorEntry["kind"]> = new Set(["state"]);

/**
 * The code of a person named with a title ("President Emmerson Mnangagwa", "opposition leader
 * Nelson Chamisa"). The outside dictionaries' dated roles are often stale (they end Mnangagwa's at
 * defence minister), so the title as written wins over a generated entry's role; the hand-written
 * registry's dated roles are kept, as is every code after "former" or "ex-", which name a past title.
 */
function titledCode(title: RawMention, person: RawMention, tokens: Token[]): string {
  const country = person.country;
  const before = tokens[title.start - 1]?.lower;
  if (!person.generated || !country || !title.role || before === "former" || before === "ex")
    return person.code;
  return `${country}${title.role}`;
}

function combine(
  raw: RawMention[],
  tokens: Token[],
  text: string,
  base: number,
  standalone: ReadonlyMap<string, boolean>,
  dateline: string | null,
): ActorMention[] {
  const out: ActorMention[] = [];
  const spanText = (s: number, e: number) => text.slice(tokens[s].start - base, tokens[e - 1].end - base);
  for (let k = 0; k < raw.length; k++) {
    const m = raw[k];
    if (!m.role) {
      const next = raw[k + 1];
      // "US President Donald Trump": a title the dictionaries list as an office, then its holder;
      // "Chinese Foreign Minister Wang Yi": a nationality, then a holder listed with the title.
      if (
        next?.kind === "person" &&
        next.start === m.end &&
        m.kind !== "person" &&
        (m.code !== m.country || m.via === "demonym") &&
        m.country === next.country
      ) {
        out.push({ ...next, start: m.start, name: spanText(m.start, next.end) });
        k++;
      } else out.push(m);
      continue;
    }
    const prev = out[out.length - 1];
    const gap = prev ? m.start - prev.end : -1;
    // "China's foreign ministry", "South Korea's new president".
    const possessive =
      gap >= 1 &&
      gap <= 3 &&
      tokens[prev.end].lower === "'s" &&
      tokens.slice(prev.end + 1, m.start).every((t) => ROLE_ADJECTIVES.has(t.lower));
    const next = raw[k + 1];
    if (prev && NATIONAL.has(prev.kind) && (gap === 0 || possessive)) {
      // "China's foreign ministry", "North Korean leader" (a following person keeps their own code).
      if (next && next.kind === "person" && next.start === m.end) {
        out.pop();
        const code = titledCode(m, next, tokens);
        out.push({ ...next, code, start: prev.start, name: spanText(prev.start, next.end) });
        k++;
        continue;
      }
      const country = prev.country ?? prev.code.slice(0, 3);
      out[out.length - 1] = {
        ...prev,
        end: m.end,
        code: `${country}${m.role}`,
        name: spanText(prev.start, m.end),
        via: "role",
      };
      continue;
    }
    if (prev && prev.kind === "group" && gap === 0) {
      // "Taliban fighters", "Boko Haram militants": the group itself.
      out[out.length - 1] = { ...prev, end: m.end, name: spanText(prev.start, m.end) };
      continue;
    }
    if (next && next.kind === "person" && next.start === m.end) {
      out.push({
        ...next,
        code: titledCode(m, next, tokens),
        start: m.start,
        name: spanText(m.start, next.end),
      });
      k++;
      continue;
    }
    let j = m.end;
    if (tokens[j]?.lower === "of") {
      j++;
      if (tokens[j]?.lower === "the") j++;
      if (next && next.start === j && NATIONAL.has(next.kind)) {
        const country = next.country ?? next.code.slice(0, 3);
        out.push({
          ...next,
          start: m.start,
          code: `${country}${m.role}`,
          name: spanText(m.start, next.end),
          via: "role",
        });
        k++;
        continue;
      }
    }
    // "A court in Venezuela", "authorities in Pakistan", "police in Japan": an institution or
    // group named by the place it is in belongs to that place's state (the place stays a mention,
    // the scene). Not troops: "troops in Afghanistan" are as often foreign as not.
    if (tokens[m.end]?.lower === "in" && m.role !== "MIL") {
      const at = m.end + (tokens[m.end + 1]?.lower === "the" ? 2 : 1);
      if (next && next.start === at && NATIONAL.has(next.kind) && next.country) {
        out.push({ ...m, code: `${next.country}${m.role}`, country: next.country, via: "role" });
        continue;
      }
    }
    const key = tokens
      .slice(m.start, m.end)
      .map((t) => t.lower)
      .join(" ");
    // "met with opposition from …", "strong opposition to …": the noun, not the opposition; but
    // "banned the opposition from …" names the party.
    if (
      m.role === "OPP" &&
      (NOUN_SENSE_BEFORE.has(tokens[m.start - 1]?.lower ?? "") ||
        (/^(from|to)$/.test(tokens[m.end]?.lower ?? "") && tokens[m.start - 1]?.lower !== "the"))
    )
      continue;
    // "Thousands of people protested", "killed 20 people": people counted are civilians.
    const alone = key === "people" && counted(tokens, m.start) ? false : standalone.get(key);
    const home = dateline ? { code: `${dateline}${m.role}`, country: dateline, via: "role" as const } : null;
    if (alone === false || (alone === true && headsClause(tokens[m.end]))) out.push({ ...m, country: null });
    // A generated role noun alone ("prison", "delegates") is too loose to stand for an institution;
    // its military words ("military base", "government soldiers") are not.
    else if (m.table && m.role !== "MIL") continue;
    // "the army.", "killed 26 soldiers", "Troops opened fire": an institution standing alone, whose
    // country the event's other side gives (a force heading a clause only where nothing modifies it:
    // not "Swiss federal prosecutors", "the Libyan National Army").
    else if (
      DOMESTIC.has(m.role) &&
      (endsPhrase(tokens[m.end]) ||
        (FORCES.has(m.role) && unmodified(tokens, m.start) && headsClause(tokens[m.end])))
    )
      out.push(home ? { ...m, ...home } : { ...m, country: null, bare: true });
    // Under a dateline, "the government", "a court" are the dateline country's.
    else if (home && DETERMINER.has(tokens[m.start - 1]?.lower ?? "") && headsClause(tokens[m.end]))
      out.push({ ...m, ...home });
  }
  return out;
}
