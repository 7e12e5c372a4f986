import { ActorCodes, type CodeTables } from "./actor-codes.ts";
import type { ActorData, SharedForm } from "./actor-data.ts";
import { activity, latestRole, roleAt } from "./actor-roles.ts";
import type { ActorTable } from "./actor-table.ts";
import { isAcronym, surfaceKey } from "./actor-text.ts";
import type { ActorEntry, ResolvedActor, ResolvedVia, SurfaceForm } from "./actor-types.ts";
import { dateStart } from "./event.ts";

export { roleAt } from "./actor-roles.ts";

interface Claim {
  entry: ActorEntry;
  via: ResolvedVia;
  text: string;
}

const KIND_RANK: Record<ActorEntry["kind"], number> = {
  state: 0,
  igo: 1,
  org: 2,
  group: 3,
  agent: 4,
  person: 5,
};

/** Every form of the entries in order, with how it matched and whether it needs a capital. */
function allForms(entries: readonly ActorEntry[]): SurfaceForm[] {
  const out: SurfaceForm[] = [];
  for (const e of entries) {
    const agent = e.kind === "agent";
    const add = (text: string, via: ResolvedVia) =>
      out.push({
        text,
        entryId: e.id,
        via,
        caseSensitive: isAcronym(text),
        needsCapital: !agent && (e.generated === true || /\p{Lu}/u.test(text)),
        ...(e.generated ? { generated: true } : {}),
      });
    add(e.name, agent ? "title" : "name");
    for (const a of e.aliases) add(a, agent ? "title" : "alias");
    for (const d of e.demonyms ?? []) add(d, "demonym");
    for (const c of e.capitals ?? []) add(c, "capital");
  }
  return out;
}

/**
 * The actor registry: states, IGOs, organisations, generic agents and people with dated roles,
 * indexed by every surface form. Lookups are case-insensitive and tolerant of hyphens,
 * apostrophes and spacing; a person resolves to the code of the role held at the date.
 * Generated tables (data/actors/generated) come after the hand-written entries, which win every
 * form both have; their entries are built when first asked for.
 */
export class ActorRegistry {
  readonly #entries: ActorEntry[];
  readonly #byId = new Map<string, ActorEntry>();
  #index: Map<string, Claim[]> | undefined;
  readonly #shared = new Map<string, SharedForm>();
  readonly #codes: ActorCodes;
  readonly #forms: SurfaceForm[];
  readonly #tables: ActorTable[];
  /** Generated forms (lower-case words, as the tokeniser splits them) → entry id. */
  readonly #phrases = new Map<string, string>();
  #all: ActorEntry[] | undefined;

  private constructor(
    entries: ActorEntry[],
    shared: SharedForm[],
    tables: CodeTables,
    generated: ActorTable[] = [],
  ) {
    this.#tables = generated;
    // Generated agents (role nouns, a few dozen rows) join the hand-written entries for the matcher.
    this.#entries = [...entries];
    for (const t of generated)
      for (let r = 0; r < t.size; r++) if (t.isAgent(r)) this.#entries.push(t.entry(r));
    this.#codes = new ActorCodes(tables);
    for (const e of this.#entries) {
      if (this.#byId.has(e.id)) throw new Error(`duplicate actor entry id "${e.id}"`);
      this.#byId.set(e.id, e);
    }
    for (const s of shared) this.#shared.set(surfaceKey(s.text), s);
    this.#forms = allForms(entries);
    const own = new Set(this.#forms.map((f) => surfaceKey(f.text)));
    for (const f of allForms(this.#entries.slice(entries.length))) {
      const key = surfaceKey(f.text);
      if (own.has(key)) continue;
      own.add(key);
      this.#forms.push(f);
    }
    for (const t of generated)
      for (const [form, row] of t.forms())
        if (!own.has(form) && !this.#phrases.has(form) && !t.isAgent(row))
          this.#phrases.set(form, t.idOf(row));
  }

  /** Claims of the hand-written forms by surface key, built on first use. */
  #claims(): Map<string, Claim[]> {
    if (this.#index) return this.#index;
    const index = new Map<string, Claim[]>();
    for (const f of this.#forms) {
      const key = surfaceKey(f.text);
      if (key === "") continue;
      const claims = index.get(key);
      if (claims?.some((c) => c.entry.id === f.entryId)) continue;
      const claim = { entry: this.#byId.get(f.entryId)!, via: f.via, text: f.text };
      if (claims) claims.push(claim);
      else index.set(key, [claim]);
    }
    for (const [key, s] of this.#shared) {
      const claims = index.get(key);
      if (!claims) continue;
      const rank = (c: Claim) => {
        const i = s.entries.indexOf(c.entry.id);
        return i < 0 ? s.entries.length : i;
      };
      claims.sort((a, b) => rank(a) - rank(b));
    }
    this.#index = index;
    return index;
  }

  /** Claims of a key: the hand-written ones, else a generated entry's. */
  #claimsOf(key: string): Claim[] | undefined {
    const own = this.#claims().get(key);
    if (own) return own;
    const id = this.#phrases.get(key);
    return id ? [{ entry: this.entry(id)!, via: "name", text: key }] : undefined;
  }

  /**
   * The registry of the actor tables' data (formats' `loadActorData`; `shippedRegistry()` there
   * gives the project's, built once).
   */
  static fromData(data: ActorData): ActorRegistry {
    return new ActorRegistry(data.entries, data.shared, data.tables, data.generated);
  }

  /** A registry over the given entries, with the role, region and country tables of `tables`. */
  static fromEntries(entries: ActorEntry[], tables: CodeTables, shared: SharedForm[] = []): ActorRegistry {
    const own = entries.filter((e) => e.kind === "state").map((e) => ({ code: e.code, name: e.name }));
    const ownCodes = new Set(own.map((c) => c.code));
    const countries = [...own, ...tables.countries.filter((c) => !ownCodes.has(c.code))];
    return new ActorRegistry(entries, shared, { ...tables, countries });
  }

  /** Every entry, in file order (the generated tables' last; building them all takes a moment). */
  entries(): readonly ActorEntry[] {
    if (!this.#all) {
      this.#all = [...this.#entries];
      for (const t of this.#tables)
        for (let r = 0; r < t.size; r++) if (!t.isAgent(r)) this.#all.push(t.entry(r));
    }
    return this.#all;
  }

  /** The entry with this id. */
  entry(id: string): ActorEntry | undefined {
    const own = this.#byId.get(id);
    if (own) return own;
    for (const t of this.#tables) {
      const r = t.rowOf(id);
      if (r >= 0) return t.entry(r);
    }
    return undefined;
  }

  /**
   * The generated tables' forms that the hand-written registry lacks (lower-case words separated
   * by spaces, as the coder's tokeniser splits them) with their entry ids; they match only
   * capitalised text.
   */
  generatedForms(): ReadonlyMap<string, string> {
    return this.#phrases;
  }

  /**
   * Every name, alias, demonym and capital of the hand-written entries and generated agents, with
   * its entry, for building a matcher (trie); the other generated forms are {@link generatedForms}.
   */
  surfaceForms(): SurfaceForm[] {
    return this.#forms;
  }

  /** Surface forms claimed by more than one entry that shared-forms.yaml does not document. */
  conflicts(): { text: string; entryIds: string[] }[] {
    const out: { text: string; entryIds: string[] }[] = [];
    for (const [key, claims] of this.#claims()) {
      if (claims.length > 1 && !this.#shared.has(key)) {
        out.push({ text: claims[0].text, entryIds: claims.map((c) => c.entry.id) });
      }
    }
    return out;
  }

  /** The entries a surface form could stand for, in order of preference (undated). */
  candidates(text: string): ActorEntry[] {
    return (this.#claimsOf(surfaceKey(text)) ?? []).map((c) => c.entry);
  }

  /**
   * Resolve a surface form ("Pyongyang", "North Korean", "Kim Jong Un") at a date (YYYY, YYYY-MM or
   * YYYY-MM-DD; a partial date counts from its first day). A form shared by several entries goes to
   * the one holding a dated role at the date, else the one existing then, else the first listed.
   */
  lookup(text: string, date?: string | null): ResolvedActor | null {
    if (date) dateStart(date); // throws on an invalid date, whatever the form
    const claims = this.#claimsOf(surfaceKey(text));
    if (!claims || claims.length === 0) return null;
    let pick = claims[0];
    if (claims.length > 1 && date) {
      const day = dateStart(date);
      let best: [number, string] = [-1, ""];
      for (const c of claims) {
        const a = activity(c.entry, day);
        if (a[0] > best[0] || (a[0] === best[0] && a[0] === 3 && a[1] > best[1])) {
          best = a;
          pick = c;
        }
      }
    }
    return this.resolve(pick.entry.id, date, pick.via);
  }

  /**
   * The actor an entry stands for at a date. A capital gives country + GOV; a person gives the code
   * of the role held at the date (via "role"), outside any role the entry's own code, and with no
   * date the most recently started role.
   */
  resolve(entryId: string, date?: string | null, via: ResolvedVia = "name"): ResolvedActor {
    const e = this.entry(entryId);
    if (!e) throw new Error(`unknown actor entry "${entryId}"`);
    const day = date ? dateStart(date) : null;
    const out = { code: e.code, country: e.country, name: e.name, entryId: e.id, via };
    if (via === "capital") return { ...out, code: `${e.country ?? e.code}GOV` };
    if (e.roles && e.roles.length > 0) {
      const role = day ? roleAt(e, day) : latestRole(e);
      if (role) {
        return { ...out, code: role.code, country: this.#codes.parse(role.code).country, via: "role" };
      }
    }
    return out;
  }

  /** The entry coded exactly `code`, preferring states, then IGOs, organisations, groups, agents, people. */
  byCode(code: string): ActorEntry | undefined {
    let best: ActorEntry | undefined;
    for (const e of this.entries()) {
      if (e.code === code && (!best || KIND_RANK[e.kind] < KIND_RANK[best.kind])) best = e;
    }
    return best;
  }

  /** The name of a country code ("PRK" → "North Korea"). */
  countryName(iso3: string): string | undefined {
    return this.#codes.countryName(iso3);
  }

  /** The name of a role code ("GOV" → "Government"). */
  roleName(role: string): string | undefined {
    return this.#codes.roleName(role);
  }

  /** The code tables (countries, roles, regions) behind this registry. */
  codes(): ActorCodes {
    return this.#codes;
  }
}
