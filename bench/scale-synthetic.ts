// A fast synthetic GDELT 2.0 generator for bench:scale (tens of millions of rows): a Zipf-skewed
// actor distribution, a few dyads with trends and shocks, and CAMEO roots at GDELT-like
// frequencies. Each row is concatenated from pieces precomputed once with `gdeltRow` (per day, per
// actor code, per CAMEO code), so rows are valid by construction and byte for byte what `gdeltRow`
// writes for the same event, without building an Event or a Date per row.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { GDELT2_COLUMNS, gdeltRow } from "../src/formats/gdelt.ts";
import type { Actor, Event } from "../src/model/event.ts";
import { CAMEO, goldsteinOf, quadClassOf, rootOf } from "../src/model/taxonomy.ts";

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Countries by rank: actor frequency falls off as 1/rank (Zipf), as in GDELT, where a few states dominate.
const COUNTRIES = (
  "USA CHN RUS GBR IRN ISR PRK KOR JPN IND PAK FRA DEU TUR SYR UKR AFG IRQ SAU EGY " +
  "AUS CAN BRA MEX NGA ZAF VNM PHL IDN THA MMR KEN ETH LBY YEM QAT VEN COL CUB TWN"
).split(" ");
const ROLES = ["GOV", "GOV", "GOV", "MIL", "", "", "BUS", "MED", "OPP", "CVL"];
// Share of events per CAMEO root, roughly GDELT's (verbal cooperation and consultation dominate).
const ROOT_WEIGHTS: Record<string, number> = {
  "01": 10,
  "02": 6,
  "03": 6,
  "04": 22,
  "05": 9,
  "06": 3,
  "07": 3,
  "08": 3,
  "09": 1,
  "10": 3,
  "11": 6,
  "12": 3,
  "13": 4,
  "14": 2,
  "15": 1,
  "16": 2,
  "17": 5,
  "18": 4,
  "19": 5,
  "20": 1,
};

function weighted<T>(items: T[], weights: number[], random: () => number): () => T {
  const total = weights.reduce((a, b) => a + b, 0);
  const cdf = weights.map(
    (
      (s) => (w: number) =>
        (s += w / total)
    )(0),
  );
  return () => {
    const x = random();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo];
  };
}

const START = Date.UTC(1995, 0, 1);
const DAYS = (Date.UTC(2025, 0, 1) - START) / 86_400_000;
/** Months with a shock (a burst of conflictual CHN–PRK / USA–PRK events), as offsets in days. */
const SHOCKS = [2006, 2009, 2013, 2016, 2017].map((y) => (Date.UTC(y, 9, 1) - START) / 86_400_000);

/** One template event; the generator only reads back the columns each piece covers. */
function template(date: string, source: Actor, target: Actor, cameo: string): Event {
  return {
    id: "",
    date,
    datePrecision: "day",
    publicationDate: date,
    source,
    target,
    cameo,
    root: rootOf(cameo),
    quadClass: quadClassOf(cameo),
    goldstein: goldsteinOf(cameo),
    plover: null,
    description: null,
    origin: "gdelt",
    confidence: null,
    evidence: { docId: "", sentence: null, start: null, end: null, citation: null },
  };
}

const COL = Object.fromEntries(GDELT2_COLUMNS.map((c, i) => [c, i])) as Record<string, number>;

/** Columns [from, to) of a gdeltRow, each followed by a tab. */
function piece(row: string, from: string, to: string): string {
  return `${row.split("\t").slice(COL[from], COL[to]).join("\t")}\t`;
}

/** Row pieces per day offset, per actor code (as actor 1 and as actor 2) and per CAMEO code. */
function pieces(codes: string[]) {
  const actor = (code: string): Actor => ({ code, country: code.slice(0, 3), name: null });
  const dayRows = Array.from({ length: DAYS }, (_, d) => {
    const date = new Date(START + d * 86_400_000).toISOString().slice(0, 10);
    return gdeltRow(template(date, actor("USA"), actor("CHN"), "010"), 2);
  });
  const actorPiece = (n: 1 | 2, code: string) => {
    const row = gdeltRow(template("2000-01-01", actor(code), actor(code), "010"), 2);
    return piece(row, `Actor${n}Code`, n === 1 ? "Actor2Code" : "IsRootEvent");
  };
  const cameoPiece = (cameo: string) =>
    piece(
      gdeltRow(template("2000-01-01", actor("USA"), actor("CHN"), cameo), 2),
      "IsRootEvent",
      "Actor1Geo_Type",
    );
  const geo = "\t".repeat(COL.DATEADDED - COL.Actor1Geo_Type);
  const codesOf = (country: string) => ROLES.map((role) => country + role);
  return {
    day: dayRows.map((row) => piece(row, "SQLDATE", "Actor1Code")),
    // The blank geography columns, DATEADDED and the tab before SOURCEURL.
    tail: dayRows.map((row) => `${geo}${row.split("\t")[COL.DATEADDED]}\t`),
    actor1: new Map(COUNTRIES.flatMap(codesOf).map((c) => [c, actorPiece(1, c)])),
    actor2: new Map(COUNTRIES.flatMap(codesOf).map((c) => [c, actorPiece(2, c)])),
    cameo: new Map(codes.map((c) => [c, cameoPiece(c)])),
  };
}

/** Write `n` skewed synthetic GDELT 2.0 rows (deterministic for a seed) to `path`. */
export async function generateScaleGdelt2(path: string, n: number, seed = 7): Promise<void> {
  const random = rng(seed);
  const country = weighted(
    COUNTRIES,
    COUNTRIES.map((_, i) => 1 / (i + 1)),
    random,
  );
  const codes = [...CAMEO.keys()].filter((c) => c.length === 3);
  const byRoot = Object.keys(ROOT_WEIGHTS).map((r) => codes.filter((c) => rootOf(c) === r));
  const root = weighted(byRoot, Object.values(ROOT_WEIGHTS), random);
  const p = pieces(codes);
  const out = createWriteStream(path);
  let buffer = "";
  for (let i = 0; i < n; i++) {
    let day = Math.floor(random() ** 0.7 * DAYS); // volume grows over time (trend)
    let [a, b] = [country(), country()];
    let pool = root();
    const r = random();
    if (r < 0.02) {
      [a, b] = random() < 0.5 ? ["CHN", "PRK"] : ["PRK", "CHN"];
    } else if (r < 0.025) {
      // Shock: a month of conflict around one of the dates above.
      day = Math.min(DAYS - 1, SHOCKS[Math.floor(random() * SHOCKS.length)] + Math.floor(random() * 30));
      [a, b] = random() < 0.5 ? ["USA", "PRK"] : ["PRK", "CHN"];
      pool = byRoot[Math.floor(13 + random() * 7)];
    }
    if (a === b) b = COUNTRIES[(COUNTRIES.indexOf(a) + 1) % COUNTRIES.length];
    const cameo = pool[Math.floor(random() * pool.length)];
    const source = a + ROLES[Math.floor(random() * ROLES.length)];
    const target = b + ROLES[Math.floor(random() * ROLES.length)];
    buffer += `${1_000_000_000 + i}\t${p.day[day]}${p.actor1.get(source)}${p.actor2.get(target)}${p.cameo.get(cameo)}${p.tail[day]}https://news.example.org/${i}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}
