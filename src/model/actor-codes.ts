/** A named three-letter code of one of the code tables. */
export interface NamedCode {
  code: string;
  name: string;
}

/** The code tables behind CAMEO actor codes: countries, roles, regions, religions, organisations. */
export interface CodeTables {
  countries: readonly NamedCode[];
  roles: readonly (NamedCode & { kind: "primary" | "secondary" | "organization" })[];
  regions: readonly NamedCode[];
  religions: readonly NamedCode[];
  organizations: readonly NamedCode[];
}

/** A CAMEO actor code split into its parts. */
export interface ParsedActorCode {
  /** ISO3 (or CAMEO) country code leading the code, e.g. "CHN" in "CHNGOV". */
  country: string | null;
  /** For codes led by "IGO": the organisation part without roles, e.g. "UNO", "WSTNAT", "UNOIAE". */
  igo: string | null;
  /** The role codes among the parts, in order: "CHNGOVMIL" → ["GOV", "MIL"]. */
  roles: string[];
  /** Parts that are neither the country, the IGO nor a role: regions, religions, organisations, unknowns. */
  rest: string[];
}

const CODE_RE = /^(?:[A-Z0-9]{3})+$/;

/** Splits, names and checks CAMEO actor codes against a set of code tables. */
export class ActorCodes {
  readonly #countries: Map<string, string>;
  readonly #roles: Map<string, string>;
  readonly #other: Set<string>;

  constructor(tables: CodeTables) {
    this.#countries = new Map(tables.countries.map((c) => [c.code, c.name]));
    this.#roles = new Map(tables.roles.map((r) => [r.code, r.name]));
    this.#other = new Set(
      [...tables.regions, ...tables.religions, ...tables.organizations].map((c) => c.code),
    );
  }

  /** The name of a country code ("PRK" → "North Korea"). */
  countryName(code: string): string | undefined {
    return this.#countries.get(code);
  }

  /** The name of a role code ("GOV" → "Government"). */
  roleName(code: string): string | undefined {
    return this.#roles.get(code);
  }

  /** Every country code of the table. */
  countryCodes(): string[] {
    return [...this.#countries.keys()];
  }

  /**
   * Split a code into country, IGO and roles: "CHNGOV" → CHN, ["GOV"]; "IGOUNO" → igo "UNO";
   * "IGOWSTNAT" → igo "WSTNAT". Throws on a code that is not a run of three-character parts.
   */
  parse(code: string): ParsedActorCode {
    if (!CODE_RE.test(code)) {
      throw new Error(`invalid actor code "${code}": expected upper-case parts of three characters`);
    }
    const parts: string[] = code.match(/.{3}/g) ?? [];
    const out: ParsedActorCode = { country: null, igo: null, roles: [], rest: [] };
    let start = 0;
    if (this.#countries.has(parts[0])) {
      out.country = parts[0];
      start = 1;
    } else if (parts[0] === "IGO") {
      start = 1;
      const org = parts.slice(1).filter((p) => !this.#roles.has(p));
      out.igo = org.length > 0 ? org.join("") : null;
      out.roles = parts.slice(1).filter((p) => this.#roles.has(p));
      return out;
    }
    for (const p of parts.slice(start)) {
      if (this.#roles.has(p)) out.roles.push(p);
      else out.rest.push(p);
    }
    return out;
  }

  /** True if every part of the code is a known country, role, region, religion or organisation code. */
  isKnown(code: string): boolean {
    if (!CODE_RE.test(code)) return false;
    const parts: string[] = code.match(/.{3}/g) ?? [];
    return parts.every(
      (p, i) => (i === 0 && this.#countries.has(p)) || this.#roles.has(p) || this.#other.has(p),
    );
  }
}
