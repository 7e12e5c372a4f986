import { surfaceKey } from "../model/index.ts";
import { shippedActorData } from "./actor-data.ts";

/**
 * ICEWS sector names → CAMEO role codes, in priority order: an actor with several sectors takes
 * the role of the first group it has a sector in. The first sector of a group is what the writer
 * prints for that role. Sector names are those of the ICEWS event files.
 */
const ROLE_SECTORS: [role: string, sectors: string[]][] = [
  [
    "MIL",
    ["Military", "Army", "Navy", "Air Force", "Marines", "Army Special Forces", "Military Intelligence"],
  ],
  ["SPY", ["Intelligence Ministry"]],
  ["COP", ["Police", "National / Border Divisions"]],
  ["JUD", ["Judicial", "Legal"]],
  ["LEG", ["Legislative / Parliamentary", "Lower House", "Upper House", "Unicameral"]],
  [
    "GOV",
    [
      "Government",
      "Executive",
      "Executive Office",
      "Cabinet",
      "Foreign Ministry",
      "Defense / Security Ministry",
    ],
  ],
  ["REB", ["Rebel", "Insurgents", "Separatists", "Organized Violent", "International Insurgents"]],
  [
    "OPP",
    ["Dissident", "Protestors / Popular Opposition / Mobs", "Opposition Major Party (Out Of Government)"],
  ],
  [
    "PTY",
    ["Parties", "(National) Major Party", "(National) Minor Party", "Government Major Party (In Government)"],
  ],
  ["ELI", ["Elite"]],
  ["CRM", ["Criminals / Gangs"]],
  ["MED", ["Media", "News", "State Media", "Print News", "Television News"]],
  ["BUS", ["Business", "Multinational Corporation", "State Owned Enterprises"]],
  ["NGO", ["Nongovernmental Organizations / Activists", "Nongovernmental Organization (International)"]],
  ["EDU", ["Education"]],
  ["LAB", ["Labor"]],
  ["REF", ["Refugees / Displaced"]],
  ["HLH", ["Medical / Health"]],
  ["AGR", ["Agricultural"]],
  ["UAF", ["Unidentified Forces"]],
  ["CVL", ["General Population / Civilian / Social", "Social"]],
];
const ROLE_OF = new Map<string, [role: string, rank: number]>();
ROLE_SECTORS.forEach(([role, sectors], rank) => {
  for (const s of sectors) ROLE_OF.set(s, [role, rank]);
});

/** The CAMEO role of an ICEWS sector list ("Government,Military" → "MIL"), "" when none maps. */
export function roleOfSectors(sectors: string): string {
  let best: [string, number] | undefined;
  for (const s of sectors.split(",")) {
    const r = ROLE_OF.get(s.trim());
    if (r && (!best || r[1] < best[1])) best = r;
  }
  return best?.[0] ?? "";
}

/** The ICEWS sector the writer prints for a CAMEO role ("MIL" → "Military"), "" when unknown. */
export function sectorOfRole(role: string): string {
  return ROLE_SECTORS.find(([r]) => r === role)?.[1][0] ?? "";
}

/** ICEWS country names that are not names or aliases in the actor registry. */
const ICEWS_NAMES: Record<string, string> = {
  "Occupied Palestinian Territory": "PSE",
  "Democratic Republic of Congo": "COD",
  "Western Sahara": "ESH",
  "the former Yugoslav Republic of Macedonia": "MKD",
  "Moldova, Republic of": "MDA",
};

let countries: { byName: Map<string, string>; byCode: Map<string, string> } | undefined;

function tables() {
  if (countries) return countries;
  const byName = new Map<string, string>();
  const byCode = new Map<string, string>();
  for (const e of shippedActorData().entries) {
    if (e.kind !== "state") continue;
    byCode.set(e.code, e.name);
    for (const n of [e.name, ...e.aliases]) byName.set(surfaceKey(n), e.code);
  }
  for (const [n, code] of Object.entries(ICEWS_NAMES)) {
    byName.set(surfaceKey(n), code);
    if (!byCode.has(code)) byCode.set(code, n);
  }
  countries = { byName, byCode };
  return countries;
}

/** ISO3 code of an ICEWS country name ("Russian Federation" → "RUS"), or null. */
export function countryCode(name: string): string | null {
  return tables().byName.get(surfaceKey(name)) ?? null;
}

/** The country name the writer prints for an ISO3 code, or null when unknown. */
export function countryName(code: string): string | null {
  return tables().byCode.get(code) ?? null;
}
