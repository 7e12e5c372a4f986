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
  stand: ["stood"],
  draw: ["drew", "drawn"],
  seek: ["sought"],
  win: ["won"],
  lose: ["lost"],
  keep: ["kept"],
  tell: ["told"],
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
  find: ["found"],
  blow: ["blew", "blown"],
  burn: ["burned", "burnt"],
  overrun: ["overran"],
  sit: ["sat"],
  bear: ["bore", "borne"],
  bind: ["bound"],
  catch: ["caught"],
  choose: ["chose", "chosen"],
  drive: ["drove", "driven"],
  fall: ["fell", "fallen"],
  feel: ["felt"],
  flee: ["fled"],
  forbid: ["forbade", "forbidden"],
  get: ["got", "gotten"],
  grow: ["grew", "grown"],
  hang: ["hung", "hanged"],
  hear: ["heard"],
  hide: ["hid", "hidden"],
  hurt: ["hurt"],
  know: ["knew", "known"],
  leave: ["left"],
  let: ["let"],
  mean: ["meant"],
  mislead: ["misled"],
  read: ["read"],
  rise: ["rose", "risen"],
  show: ["showed", "shown"],
  sink: ["sank", "sunk"],
  spread: ["spread"],
  steal: ["stole", "stolen"],
  stick: ["stuck"],
  teach: ["taught"],
  tear: ["tore", "torn"],
  think: ["thought"],
  throw: ["threw", "thrown"],
  understand: ["understood"],
  uphold: ["upheld"],
  withhold: ["withheld"],
  write: ["wrote", "written"],
  overcome: ["overcame"],
  override: ["overrode", "overridden"],
  oversee: ["oversaw", "overseen"],
  overtake: ["overtook", "overtaken"],
  undergo: ["underwent", "undergone"],
  repay: ["repaid"],
  retake: ["retook", "retaken"],
  rid: ["rid"],
  split: ["split"],
  quit: ["quit"],
  upset: ["upset"],
  broadcast: ["broadcast"],
  forecast: ["forecast"],
  cast: ["cast"],
  cost: ["cost"],
  burst: ["burst"],
  thrust: ["thrust"],
  beat: ["beat", "beaten"],
  come: ["came", "come"],
  run: ["ran", "run"],
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
  "begin",
  "kidnap",
  "overrun",
  "repel",
  "forget",
  "regret",
  "rebel",
  "acquit",
  "transmit",
  "permit",
  "omit",
  "outfit",
]);

function thirdPerson(v: string): string {
  if (/(s|sh|ch|x|z|o)$/.test(v)) return `${v}es`;
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ies`;
  return `${v}s`;
}

/**
 * A final consonant doubles before -ed and -ing: in one-syllable verbs ending consonant, vowel,
 * consonant ("slam" → slammed, "ban" → banning), and in the listed ones stressed on the last
 * syllable ("admit", "patrol").
 */
function doubles(v: string): boolean {
  if (v === "jail" || v === "veto") return false;
  return DOUBLE_FINAL.has(v) || /^[^aeiou]*[aeiou][^aeiouwxy]$/.test(v);
}

function pastTense(v: string): string {
  if (v.endsWith("e")) return `${v}d`;
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ied`;
  if (doubles(v)) return `${v}${v.at(-1)}ed`;
  return `${v}ed`;
}

function gerund(v: string): string {
  if (/ie$/.test(v)) return `${v.slice(0, -2)}ying`;
  if (/[^aeio]e$/.test(v) && v !== "be" && !v.endsWith("ee")) return `${v.slice(0, -1)}ing`;
  if (doubles(v)) return `${v}${v.at(-1)}ing`;
  return `${v}ing`;
}

/** Every form of a verb lemma: "meet" → meet, meets, met, meeting; British and American "cancelled", "canceled". */
export function verbForms(lemma: string): string[] {
  const forms = new Set([
    lemma,
    thirdPerson(lemma),
    gerund(lemma),
    ...(IRREGULAR[lemma] ?? [pastTense(lemma)]),
  ]);
  if (BRITISH_L.test(lemma) && !doubles(lemma)) forms.add(`${lemma}led`).add(`${lemma}ling`);
  return [...forms];
}

/** Verbs whose final l doubles in British spelling only: "cancel", "travel", "signal", "label". */
const BRITISH_L = /[^aeiou][aeiou]l$/;

/** Past participles of a verb lemma, for recognising the passive ("was sanctioned by"). */
export function participles(lemma: string): string[] {
  const irregular = IRREGULAR[lemma];
  if (irregular) return [...irregular];
  return BRITISH_L.test(lemma) && !doubles(lemma) ? [pastTense(lemma), `${lemma}led`] : [pastTense(lemma)];
}

/** Singular and plural of a noun: "visit" → visit, visits; "sanctions" stays. */
export function nounForms(noun: string): string[] {
  if (noun.endsWith("s")) return [noun];
  if (/(sh|ch|x|z)$/.test(noun)) return [noun, `${noun}es`];
  if (/[^aeiou]y$/.test(noun)) return [noun, `${noun.slice(0, -1)}ies`];
  return [noun, `${noun}s`];
}
