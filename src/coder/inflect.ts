/** English verb and noun inflection for the lexicon (regular rules plus the irregular verbs of news prose). */

const IRREGULAR: Record<string, string[]> = {
  meet: ["met"],
  hold: ["held"],
  have: ["had", "has"],
  take: ["took", "taken"],
  give: ["gave", "given"],
  go: ["went", "gone", "goes"],
  make: ["made"],
  send: ["sent"],
  strike: ["struck", "stricken"],
  fight: ["fought"],
  break: ["broke", "broken"],
  sell: ["sold"],
  shoot: ["shot"],
  lead: ["led"],
  bring: ["brought"],
  buy: ["bought"],
  fly: ["flew", "flown", "flies"],
  speak: ["spoke", "spoken"],
  see: ["saw", "seen"],
  say: ["said"],
  forgive: ["forgave", "forgiven"],
  withdraw: ["withdrew", "withdrawn"],
  begin: ["began", "begun"],
  set: ["set"],
  put: ["put"],
  cut: ["cut"],
  beat: ["beaten"],
  stand: ["stood"],
  come: ["came"],
  draw: ["drew", "drawn"],
  seek: ["sought"],
  win: ["won"],
  lose: ["lost"],
  keep: ["kept"],
  tell: ["told"],
  run: ["ran"],
  freeze: ["froze", "frozen"],
  overthrow: ["overthrew", "overthrown"],
  slay: ["slew", "slain"],
  swear: ["swore", "sworn"],
  undertake: ["undertook", "undertaken"],
  pay: ["paid"],
  lay: ["laid"],
  deal: ["dealt"],
  arise: ["arose", "arisen"],
  shake: ["shook", "shaken"],
  spend: ["spent"],
  build: ["built"],
  lend: ["lent"],
  shut: ["shut"],
  hit: ["hit"],
  bid: ["bid"],
  do: ["did", "done", "does"],
  be: ["was", "were", "been", "is", "are"],
  rebuild: ["rebuilt"],
};

const DOUBLE_FINAL = new Set([
  "admit",
  "commit",
  "occur",
  "prefer",
  "refer",
  "confer",
  "submit",
  "equip",
  "compel",
  "expel",
  "propel",
  "patrol",
  "control",
  "ban",
  "plan",
  "slap",
  "stab",
  "rob",
  "ship",
  "drop",
  "stop",
  "jail",
  "bar",
  "tap",
  "grab",
  "plot",
  "veto",
]);

function thirdPerson(v: string): string {
  if (/(s|sh|ch|x|z|o)$/.test(v)) return `${v}es`;
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ies`;
  return `${v}s`;
}

function pastTense(v: string): string {
  if (v.endsWith("e")) return `${v}d`;
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ied`;
  if (DOUBLE_FINAL.has(v) && v !== "jail" && v !== "veto") return `${v}${v.at(-1)}ed`;
  return `${v}ed`;
}

function gerund(v: string): string {
  if (/ie$/.test(v)) return `${v.slice(0, -2)}ying`;
  if (/[^aeio]e$/.test(v) && v !== "be" && !v.endsWith("ee")) return `${v.slice(0, -1)}ing`;
  if (DOUBLE_FINAL.has(v) && v !== "jail" && v !== "veto") return `${v}${v.at(-1)}ing`;
  return `${v}ing`;
}

/** Every form of a verb lemma: "meet" → meet, meets, met, meeting. */
export function verbForms(lemma: string): string[] {
  const forms = new Set([
    lemma,
    thirdPerson(lemma),
    gerund(lemma),
    ...(IRREGULAR[lemma] ?? [pastTense(lemma)]),
  ]);
  return [...forms];
}

/** Past participles of a verb lemma, for recognising the passive ("was sanctioned by"). */
export function participles(lemma: string): string[] {
  const irregular = IRREGULAR[lemma];
  return irregular ? [...irregular] : [pastTense(lemma)];
}

/** Singular and plural of a noun: "visit" → visit, visits; "sanctions" stays. */
export function nounForms(noun: string): string[] {
  if (noun.endsWith("s")) return [noun];
  if (/(sh|ch|x|z)$/.test(noun)) return [noun, `${noun}es`];
  if (/[^aeiou]y$/.test(noun)) return [noun, `${noun.slice(0, -1)}ies`];
  return [noun, `${noun}s`];
}
