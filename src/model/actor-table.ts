/**
 * Yalu's compact actor table: the format of generated actor data (data/actors/generated/*.tsv),
 * one entry a line, read far faster than YAML. Lines starting with "#" are the header (source and
 * licence of the facts); then tab-separated columns:
 *
 * ```
 * kind  code    dated codes                                    surface forms
 * p     ALBELI  ALBGOV:19920409-19970724,ALBGOV:20050911-      sali berisha|berisha
 * s     AFG                                                    helmand|kandahar
 * a     UAF                                                    gunman|gunmen
 * ```
 * kind: s state (a place standing for its state), i IGO, o organisation, g non-state group,
 * p person, a agent (a role noun; its code is a role code). Dated codes are CODE:FROM-TO with
 * YYYYMMDD days, both inclusive, an empty side open. Surface forms are lower-case words separated
 * by single spaces, as the coder's tokeniser splits them; the first names the entry.
 */
import type { ActorEntry, ActorKind, DatedRole } from "./actor-types.ts";

/** One row of an actor table. */
export interface ActorTableRow {
  kind: ActorKind;
  code: string;
  roles: { code: string; from: string | null; to: string | null }[];
  forms: string[];
}

const LETTER: Record<ActorKind, string> = {
  state: "s",
  igo: "i",
  org: "o",
  group: "g",
  person: "p",
  agent: "a",
};
const KIND = new Map(Object.entries(LETTER).map(([k, v]) => [v, k as ActorKind]));

const compact = (day: string | null): string => (day ? day.replaceAll("-", "") : "");
const expand = (d: string): string | null =>
  d ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : null;

/** The table's text: the header lines (each prefixed "# "), then a line per row. */
export function formatActorTable(header: string[], rows: ActorTableRow[]): string {
  const out = header.map((h) => `# ${h}`);
  for (const r of rows) {
    const roles = r.roles.map((x) => `${x.code}:${compact(x.from)}-${compact(x.to)}`).join(",");
    out.push(`${LETTER[r.kind]}\t${r.code}\t${roles}\t${r.forms.join("|")}`);
  }
  return `${out.join("\n")}\n`;
}

/** "sali berisha" → "Sali Berisha". */
const titleCase = (s: string): string =>
  s
    .split(" ")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");

/**
 * A generated actor table held as its lines: an entry is built only when asked for, so loading
 * costs a split of the text, and the coder's matcher reads the forms straight from the lines.
 * Entry ids are `<prefix>-<row>` (rows counted from 1, header excluded).
 */
export class ActorTable {
  readonly prefix: string;
  readonly #rows: string[];
  readonly #built: (ActorEntry | undefined)[];
  readonly #source: string;
  readonly #countryOf: (code: string) => string | null;

  /**
   * `source` titles and sources the dated codes; `countryOf` gives a code's country. A malformed
   * line throws naming `file` and the line.
   */
  constructor(
    text: string,
    file: string,
    prefix: string,
    source: string,
    countryOf: (code: string) => string | null,
  ) {
    this.prefix = prefix;
    this.#source = source;
    this.#countryOf = countryOf;
    const lines = text.split("\n");
    let header = 0;
    while (header < lines.length && lines[header].startsWith("#")) header++;
    this.#rows = lines.slice(header);
    if (this.#rows.at(-1) === "") this.#rows.pop();
    this.#rows.forEach((row, i) => {
      const t1 = row.indexOf("\t");
      const t3 = row.lastIndexOf("\t");
      if (
        !KIND.has(row.slice(0, t1)) ||
        t1 < 1 ||
        t3 <= t1 ||
        t3 === row.length - 1 ||
        row.split("\t").length !== 4
      )
        throw new Error(`${file}:${header + i + 1}: malformed actor table line`);
    });
    this.#built = new Array(this.#rows.length);
  }

  /** Number of entries. */
  get size(): number {
    return this.#rows.length;
  }

  /** The row of an entry id of this table, or -1. */
  rowOf(id: string): number {
    if (!id.startsWith(`${this.prefix}-`)) return -1;
    const n = Number(id.slice(this.prefix.length + 1));
    return Number.isInteger(n) && n >= 1 && n <= this.#rows.length ? n - 1 : -1;
  }

  /** The id of a row's entry. */
  idOf(row: number): string {
    return `${this.prefix}-${row + 1}`;
  }

  /** True if the row is an agent (a role noun). */
  isAgent(row: number): boolean {
    return this.#rows[row].charCodeAt(0) === 97; /* a */
  }

  /** Every surface form with its row, in table order (the first form of a row names it). */
  *forms(): Generator<[form: string, row: number]> {
    for (let i = 0; i < this.#rows.length; i++) {
      const row = this.#rows[i];
      for (const f of row.slice(row.lastIndexOf("\t") + 1).split("|")) yield [f, i];
    }
  }

  /** The entry of a row, built once. */
  entry(row: number): ActorEntry {
    const done = this.#built[row];
    if (done) return done;
    const [k, code, roles, forms] = this.#rows[row].split("\t");
    const aliases = forms.split("|");
    const kind = KIND.get(k)!;
    const e: ActorEntry = {
      id: this.idOf(row),
      kind,
      code,
      country: kind === "agent" ? null : this.#countryOf(code),
      name: titleCase(aliases.shift()!),
      aliases,
      generated: true,
    };
    if (roles)
      e.roles = roles.split(",").map((r): DatedRole => {
        const c = r.indexOf(":");
        const d = r.indexOf("-", c);
        const source = this.#source;
        return {
          code: r.slice(0, c),
          title: source,
          from: expand(r.slice(c + 1, d)),
          to: expand(r.slice(d + 1)),
          source,
        };
      });
    this.#built[row] = e;
    return e;
  }
}
