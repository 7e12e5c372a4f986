/**
 * Builds data/actors/generated/phoenix.tsv, Yalu's compact actor table (src/model/actor-table.ts),
 * from the PETRARCH-2 Phoenix dictionaries: the country, international and non-state actors with
 * their dated codes, and the agents (role nouns).
 *
 *   npm run build:actors [-- --from DIR] [-- --check]
 *
 * `--from` names the dictionaries' directory (default ../shared/reference/eventdata/petrarch2/
 * dictionaries); `--check` rebuilds in memory and exits 1 if the table in the repository differs.
 * What is left out, and why, is counted in the table's header.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { readActorDictionary } from "../src/coder/petrarch/actors.ts";
import { readAgentDictionary } from "../src/coder/petrarch/agents.ts";
import { phraseKeys } from "../src/coder/tokens.ts";
import { loadActorData } from "../src/formats/actor-data.ts";
import { ActorCodes } from "../src/model/actor-codes.ts";
import { type ActorTableRow, formatActorTable } from "../src/model/actor-table.ts";
import { surfaceKey } from "../src/model/actor-text.ts";
import type { ActorKind } from "../src/model/actor-types.ts";

const OUT = fileURLToPath(new URL("../data/actors/generated/phoenix.tsv", import.meta.url));
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const DIR = arg("from") ?? "../shared/reference/eventdata/petrarch2/dictionaries";
const ACTORS: [string, "country" | "international" | "nonstate"][] = [
  ["Phoenix.Countries.actors.txt", "country"],
  ["Phoenix.International.actors.txt", "international"],
  ["Phoenix.MilNonState.actors.txt", "nonstate"],
];
const AGENTS = "Phoenix.agents.txt";
/** English news prose, to tell ordinary words ("split", "reading") from names: see `common` below. */
const PROSE = [
  "../shared/reference/corpora/kcna_xmarquez/kcna_stories_2011_en.jsonl.gz",
  "../shared/reference/corpora/kcna_xmarquez/kcna_stories_2012_en.jsonl.gz",
];

if (!ACTORS.every(([f]) => existsSync(join(DIR, f))) || !existsSync(join(DIR, AGENTS))) {
  console.error(`build:actors: the Phoenix dictionaries are not in ${DIR}`);
  process.exit(2);
}

const codes = new ActorCodes(loadActorData(undefined, { generated: false }).tables);
const dropped = new Map<string, number>();
const drop = (why: string) => dropped.set(why, (dropped.get(why) ?? 0) + 1);

/** A code our tables know: unknown trailing parts cut ("IMGMUSALQ" → "IMGMUS"), else null. */
function knownCode(code: string): string | null {
  for (let n = code.length; n >= 3; n -= 3) if (codes.isKnown(code.slice(0, n))) return code.slice(0, n);
  return null;
}

/** A YYYYMMDD number as YYYY-MM-DD, null for none, undefined for an impossible day (a typo). */
function day(n: number | null): string | null | undefined {
  if (n === null) return null;
  const s = String(n);
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/**
 * A dictionary phrase as the coder's tokens, or null when it cannot match as written: an
 * abbreviation in brackets is dropped ("ARMY (AAIA)"); dotted acronyms, apostrophes and other
 * punctuation, a lone word of one or two letters, and bare numbers are left out.
 */
function form(words: string[]): string | null {
  const kept = words.filter((w) => !/^\(.*\)$/.test(w));
  let keys = phraseKeys(kept.join(" ").toLowerCase());
  if (keys[0] === "the" || keys[0] === "a" || keys[0] === "an") keys = keys.slice(1);
  if (keys.length === 0) return null;
  if (keys.some((k) => !/^[\p{L}\p{N}][\p{L}\p{M}\p{N}]*$/u.test(k))) return null;
  if (keys.length === 1 && (keys[0].length < 3 || /^\p{N}+$/u.test(keys[0]))) return null;
  return keys.join(" ");
}

/** A dated entry is a person unless every code is a bare country ("[KGZ >19911221]": a state by date). */
function kindOf(file: "country" | "international" | "nonstate", codes: string[], dated: boolean): ActorKind {
  const bare = codes.every((c) => c.length === 3 && c !== "IGO");
  if (file === "nonstate") return dated && !bare ? "person" : "group";
  if (dated && !bare) return "person";
  if (codes[0].startsWith("IGO")) return "igo";
  if (file === "country" && bare) return "state";
  return "org";
}

const rows: ActorTableRow[] = [];
const warnings: string[] = [];
for (const [file, what] of ACTORS) {
  const dict = readActorDictionary(readFileSync(join(DIR, file), "utf8"), file, (m) => warnings.push(m));
  for (const e of dict.entries) {
    const roles: ActorTableRow["roles"] = [];
    for (const r of e.restrictions) {
      const code = r.codes[0] ? knownCode(r.codes[0]) : null;
      const from = day(r.from);
      const to = day(r.to);
      if (!code || from === undefined || to === undefined || (from && to && from > to)) {
        drop("dated code unknown or with an impossible date");
        continue;
      }
      roles.push({ code, from, to });
    }
    const dflt = e.defaultCodes[0] ? knownCode(e.defaultCodes[0]) : null;
    // Outside its dated codes a person without a default code is its country's elite (Yalu's
    // convention); a state by date keeps its latest code.
    const bare = roles.every((r) => r.code.length === 3);
    const country = roles[0] ? codes.parse(roles[0].code).country : null;
    const code = dflt ?? (bare ? roles.at(-1)?.code : country ? `${country}ELI` : roles[0]?.code);
    if (!code) {
      drop(e.defaultCodes.length > 0 ? "code not in Yalu's tables" : "null-coded ([---])");
      continue;
    }
    // A form with accents also without them, as English prose often writes it ("Davutoglu").
    const forms = [...new Set(e.phrases.map(form).flatMap((f) => (f === null ? [] : [f, surfaceKey(f)])))];
    if (forms.length === 0) {
      drop("no usable surface form");
      continue;
    }
    rows.push({
      kind: kindOf(what, [code, ...roles.map((r) => r.code)], roles.length > 0),
      code,
      roles,
      forms,
    });
  }
}

// A form several entries claim stays with the first when they agree on the country, else it is
// ambiguous ("Georgia", a surname shared across countries) and left out.
const claims = new Map<string, ActorTableRow[]>();
for (const r of rows) for (const f of r.forms) claims.set(f, [...(claims.get(f) ?? []), r]);
const countryOf = (r: ActorTableRow) => (r.code.startsWith("IGO") ? r.code : codes.parse(r.code).country);
for (const [f, rs] of claims) {
  if (rs.length < 2) continue;
  const agree = rs.every((r) => countryOf(r) === countryOf(rs[0]));
  for (const r of agree ? rs.slice(1) : rs) r.forms = r.forms.filter((x) => x !== f);
  drop(agree ? "form repeated by a later entry of the same country" : "form claimed by several countries");
}
// A one-word form that is also a word of other countries' names ("Abdullah", "Santiago") is
// ambiguous on its own: kept only when every name using the word is of one country (names of
// companies and NGOs, which have none, do not count: "California" stays with the United States).
const wordCountries = new Map<string, Set<string>>();
for (const r of rows) {
  const country = countryOf(r);
  if (country === null) continue;
  for (const f of r.forms)
    for (const w of new Set(f.split(" ")))
      wordCountries.set(w, (wordCountries.get(w) ?? new Set()).add(country));
}
for (const r of rows) {
  const before = r.forms.length;
  r.forms = r.forms.filter((f) => f.includes(" ") || (wordCountries.get(f)?.size ?? 0) <= 1);
  for (let n = r.forms.length; n < before; n++) drop("one-word form used in names of several countries");
}
// A one-word form written in lower case in ordinary prose ("Split", "Reading", "Nice") is a word
// before it is a name: left out, since it would match at the start of a sentence or in a title.
const lower = new Map<string, number>();
const prose = PROSE.filter((f) => existsSync(f));
for (const f of prose)
  for (const m of gunzipSync(readFileSync(f))
    .toString("utf8")
    .matchAll(/(?<![\p{L}'])\p{Ll}{3,}(?!\p{L})/gu))
    lower.set(m[0], (lower.get(m[0]) ?? 0) + 1);
for (const r of rows) {
  const before = r.forms.length;
  r.forms = r.forms.filter((f) => f.includes(" ") || (lower.get(f) ?? 0) < 3);
  for (let n = r.forms.length; n < before; n++) drop("one-word form that is an ordinary lower-case word");
}
const actors = rows.filter((r) => r.forms.length > 0);
for (let n = actors.length; n < rows.length; n++) drop("every form ambiguous or left out");

// Agents: role nouns with their plurals; a code put before the actor's (`NGO~`) is left out.
const agentDict = readAgentDictionary(readFileSync(join(DIR, AGENTS), "utf8"), AGENTS, (m) =>
  warnings.push(m),
);
const byCode = new Map<string, Set<string>>();
for (const a of agentDict.entries) {
  const f = form(a.words);
  // Every part a role (or sector, religion) code: known after a country.
  const code = a.code && !a.prefix && a.code.match(/.{3}/g)?.every((p) => codes.isKnown(`USA${p}`));
  if (!f || !code) {
    drop(f ? "agent code not a role code" : "no usable surface form");
    continue;
  }
  byCode.set(a.code, (byCode.get(a.code) ?? new Set()).add(f));
}
const agentOwner = new Map<string, string>();
for (const [code, forms] of byCode) for (const f of forms) if (!agentOwner.has(f)) agentOwner.set(f, code);
const agents: ActorTableRow[] = [...byCode.keys()].sort().map((code) => ({
  kind: "agent",
  code,
  roles: [],
  forms: [...byCode.get(code)!].filter((f) => agentOwner.get(f) === code).sort(),
}));

const people = actors.filter((r) => r.kind === "person").length;
const header = [
  "Yalu actor table (format: src/model/actor-table.ts). Generated by scripts/build-actors.ts",
  "(npm run build:actors); do not edit: rebuild. Yalu's hand-written registry (data/actors/registry)",
  "wins every surface form both have.",
  "Source: PETRARCH-2 Phoenix dictionaries (Open Event Data Alliance, MIT licence; CountryInfo by the",
  "Computational Event Data System Project, NSF SES-1004414 and SES-1259190): " +
    [...ACTORS.map(([f]) => f), AGENTS].join(", "),
  `Ordinary words (one-word forms left out) from: ${prose.map((f) => f.split("/").pop()).join(", ") || "none"}.`,
  `Rows: ${actors.length} actors (${people} people with dated codes), ${agents.length} agent codes.`,
  `Left out: ${[...dropped].map(([why, n]) => `${n} ${why}`).join("; ")}.`,
];
const text = formatActorTable(header, [...actors, ...agents]);

if (process.argv.includes("--check")) {
  const same = existsSync(OUT) && readFileSync(OUT, "utf8") === text;
  console.log(same ? `${OUT} is up to date` : `${OUT} differs from a fresh build: run npm run build:actors`);
  process.exit(same ? 0 : 1);
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, text);
console.log(
  `wrote ${OUT}: ${(text.length / 1024).toFixed(0)} KB, ${actors.length} actors, ${agents.length} agent codes`,
);
if (warnings.length > 0) console.log(`${warnings.length} malformed dictionary entries skipped`);
