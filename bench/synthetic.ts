import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { gdeltRow } from "../src/formats/gdelt.ts";
import { normalizeEvent } from "../src/model/normalize.ts";
import { CAMEO } from "../src/model/taxonomy.ts";

/** Deterministic PRNG (mulberry32), so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = [
  "CHN",
  "PRK",
  "USA",
  "KOR",
  "JPN",
  "RUS",
  "GBR",
  "FRA",
  "DEU",
  "IND",
  "PAK",
  "IRN",
  "ISR",
  "SYR",
  "TUR",
  "UKR",
  "BRA",
  "ZAF",
  "EGY",
  "SAU",
  "AUS",
  "CAN",
  "MEX",
  "NGA",
  "VNM",
  "IDN",
  "PHL",
  "THA",
  "MMR",
  "AFG",
];
const ROLES = ["", "GOV", "MIL", "BUS", "MED", "OPP", "CVL", "ELI"];
const CODES = [...CAMEO.keys()].filter((c) => c.length === 3);

/** Write `n` synthetic GDELT 2.0 event rows (deterministic for a seed) to `path`. */
export async function generateGdelt2(path: string, n: number, seed = 7): Promise<void> {
  const random = rng(seed);
  const out = createWriteStream(path);
  const start = Date.UTC(1990, 0, 1);
  const days = (Date.UTC(2025, 11, 31) - start) / 86_400_000;
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  let buffer = "";
  for (let i = 0; i < n; i++) {
    // Skew towards the flagship dyad so the dyad series has substance (about 2% of rows).
    const [a, b] =
      random() < 0.02
        ? random() < 0.5
          ? ["CHN", "PRK"]
          : ["PRK", "CHN"]
        : [pick(COUNTRIES), pick(COUNTRIES)];
    const date = new Date(start + Math.floor(random() * days) * 86_400_000).toISOString().slice(0, 10);
    const e = normalizeEvent({
      date,
      publicationDate: date,
      source: { code: a + pick(ROLES), country: a, name: `Actor ${a}` },
      target: { code: b + pick(ROLES), country: b, name: `Actor ${b}` },
      cameo: pick(CODES),
      origin: "gdelt",
      evidence: { docId: String(1_000_000_000 + i), citation: { url: `https://news.example.org/${i}` } },
    });
    buffer += `${gdeltRow(e, 2)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}
