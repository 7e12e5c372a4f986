import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { ActorEntry, ResolvedActor, ResolvedVia } from "../model/actor-types.ts";
import { phraseKeys, type Token } from "./tokens.ts";

/** What the matcher needs of the actor registry (src/model/registry.ts `ActorRegistry`). */
export interface ActorSource {
  surfaceForms(): { text: string; entryId: string; via: ResolvedVia; caseSensitive: boolean }[];
  resolve(entryId: string, date?: string | null, via?: ResolvedVia): ResolvedActor;
  lookup(text: string, date?: string | null): ResolvedActor | null;
  entry(id: string): ActorEntry | undefined;
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
}

interface Claim {
  entryId?: string;
  via?: ResolvedVia;
  /** Role code of a role noun ("GOV"). */
  role?: string;
  caseText?: string;
  text?: string;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  claims: Claim[];
}

const node = (): TrieNode => ({ next: new Map(), claims: [] });

const ROLES_FILE = fileURLToPath(new URL("../../data/lexicon/roles.yaml", import.meta.url));

/**
 * Finds actors in tokenised sentences: a token trie over the registry's names, aliases, demonyms
 * and capitals plus the role nouns of data/lexicon/roles.yaml, then combination of
 * country + role ("China's foreign ministry" → CHNGOV, "North Korean leader" → PRKGOV), titles
 * before people ("President Xi" → the person's dated role), and "<role> of <country>".
 */
export class ActorMatcher {
  readonly #root = node();
  readonly #source: ActorSource;
  readonly #notAfter: string[][];
  readonly #standalone: Set<string>;

  constructor(source: ActorSource, rolesYaml: string = readFileSync(ROLES_FILE, "utf8")) {
    this.#source = source;
    const roles = parse(rolesYaml) as {
      roles: Record<string, string[]>;
      notActorAfter: string[];
      standalone: string[];
    };
    this.#standalone = new Set(roles.standalone.map((w) => phraseKeys(w).join(" ")));
    for (const f of source.surfaceForms()) {
      const e = source.entry(f.entryId);
      if (e?.kind === "agent") {
        this.#add(f.text, { role: e.code });
        continue;
      }
      this.#add(f.text, {
        entryId: f.entryId,
        via: f.via,
        text: f.text,
        caseText: f.caseSensitive ? f.text : undefined,
      });
    }
    for (const [role, words] of Object.entries(roles.roles)) for (const w of words) this.#add(w, { role });
    this.#notAfter = roles.notActorAfter.map((w) => phraseKeys(w));
  }

  #add(text: string, claim: Claim): void {
    let keys = phraseKeys(text);
    if (keys[0] === "the" && keys.length > 1) keys = keys.slice(1);
    if (keys.length === 0) return;
    let n = this.#root;
    for (const k of keys) {
      let child = n.next.get(k);
      if (!child) {
        child = node();
        n.next.set(k, child);
      }
      n = child;
    }
    if (claim.role && n.claims.some((c) => c.entryId)) return;
    if (claim.entryId && n.claims.some((c) => c.entryId === claim.entryId)) return;
    n.claims.push(claim);
  }

  /** True if any token could start an actor (the cheap prefilter). */
  hasCandidate(tokens: Token[]): boolean {
    for (const t of tokens) if (this.#root.next.has(t.lower)) return true;
    return false;
  }

  #longest(tokens: Token[], i: number): { end: number; claims: Claim[] } | null {
    let n = this.#root;
    let best: { end: number; claims: Claim[] } | null = null;
    for (let j = i; j < tokens.length; j++) {
      const child = n.next.get(tokens[j].lower);
      if (!child) break;
      n = child;
      const ok = n.claims.filter(
        (c) =>
          !c.caseText ||
          tokens
            .slice(i, j + 1)
            .map((t) => t.text)
            .join(" ") === c.caseText,
      );
      if (ok.length > 0) best = { end: j + 1, claims: ok };
    }
    return best;
  }

  #notActorFollows(tokens: Token[], at: number): boolean {
    return this.#notAfter.some((seq) => seq.every((k, x) => tokens[at + x]?.lower === k));
  }

  /** Actor mentions of a sentence, left to right; `date` picks people's dated roles. */
  find(tokens: Token[], text: string, base: number, date: string | null): ActorMention[] {
    const raw: (ActorMention & { role?: string })[] = [];
    for (let i = 0; i < tokens.length; ) {
      const m = this.#root.next.has(tokens[i].lower) ? this.#longest(tokens, i) : null;
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
          const kind = this.#source.entry(r.entryId)?.kind ?? "state";
          raw.push({ start: i, end: m.end, code: r.code, country: r.country, name, kind, via: r.via });
        }
      } else {
        const role = m.claims.find((c) => c.role)!.role!;
        raw.push({
          start: i,
          end: m.end,
          code: role,
          country: null,
          name,
          kind: "agent",
          via: "title",
          role,
        });
      }
      i = m.end;
    }
    return combine(raw, tokens, text, base, this.#standalone);
  }
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

/** Institutions that, named without a country ("praised the army"), belong to the other side's. */
const DOMESTIC: ReadonlySet<string> = new Set(["MIL", "COP", "JUD", "LEG"]);

const NATIONAL: ReadonlySet<ActorEntry["kind"]> = new Set(["state"]);

function combine(
  raw: (ActorMention & { role?: string })[],
  tokens: Token[],
  text: string,
  base: number,
  standalone: ReadonlySet<string>,
): ActorMention[] {
  const out: ActorMention[] = [];
  const spanText = (s: number, e: number) => text.slice(tokens[s].start - base, tokens[e - 1].end - base);
  for (let k = 0; k < raw.length; k++) {
    const m = raw[k];
    if (!m.role) {
      out.push(m);
      continue;
    }
    const prev = out[out.length - 1];
    const gap = prev ? m.start - prev.end : -1;
    const possessive = gap === 1 && tokens[prev.end].lower === "'s";
    const next = raw[k + 1];
    if (prev && NATIONAL.has(prev.kind) && (gap === 0 || possessive)) {
      // "China's foreign ministry", "North Korean leader" (a following person keeps their own code).
      if (next && next.kind === "person" && next.start === m.end) {
        out.pop();
        out.push({ ...next, start: prev.start, name: spanText(prev.start, next.end) });
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
    if (next && next.kind === "person" && next.start === m.end) {
      out.push({ ...next, start: m.start, name: spanText(m.start, next.end) });
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
    const key = tokens
      .slice(m.start, m.end)
      .map((t) => t.lower)
      .join(" ");
    if (standalone.has(key)) out.push({ ...m, country: null });
    else if (DOMESTIC.has(m.role) && endsPhrase(tokens[m.end])) out.push({ ...m, country: null, bare: true });
  }
  return out;
}
