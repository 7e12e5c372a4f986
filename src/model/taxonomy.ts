import { createRequire } from "node:module";
import type { QuadClass } from "./event.ts";

/** A CAMEO event code from the project's table (data/taxonomy/cameo.json). */
export interface CameoCode {
  code: string;
  name: string;
  /** GDELT 1.0 Goldstein weight (the default table). */
  goldstein: number;
  /** ICEWS Goldstein weight, present only where it differs from GDELT's. */
  goldsteinIcews?: number;
  plover: string | null;
}

/** Which Goldstein table to use: GDELT's lookup (default) or ICEWS's. */
export type GoldsteinTable = "gdelt" | "icews";

/**
 * Quad-class conventions. GDELT (default): roots 01–05 verbal cooperation, 06–09 material
 * cooperation, 10–14 verbal conflict, 15–20 material conflict. ICEWS: 01–05, 06–08, 09–13, 14–20.
 */
export type QuadConvention = "gdelt" | "icews";

const require = createRequire(import.meta.url);
const table = require("../../data/taxonomy/cameo.json") as { codes: CameoCode[] };

/** Every CAMEO code, keyed by code. */
export const CAMEO: ReadonlyMap<string, CameoCode> = new Map(table.codes.map((c) => [c.code, c]));

/** True if `code` is a code of the CAMEO codebook ("043", "1041", "19"). */
export function isCameoCode(code: string): boolean {
  return CAMEO.has(code);
}

/** The two-digit root of a CAMEO code: "1041" → "10". */
export function rootOf(code: string): string {
  return code.slice(0, 2);
}

/** The nearest code of the table: the code itself, else its longest listed prefix. */
function lookup(code: string): CameoCode | undefined {
  for (let k = code.length; k >= 2; k--) {
    const c = CAMEO.get(code.slice(0, k));
    if (c) return c;
  }
  return undefined;
}

/** The code's CAMEO name, e.g. "Host a visit" for "043". */
export function cameoName(code: string): string | undefined {
  return lookup(code)?.name;
}

/** Goldstein weight of a code (GDELT table by default). Unknown codes fall back to their root. */
export function goldsteinOf(code: string, tableName: GoldsteinTable = "gdelt"): number {
  const c = lookup(code);
  if (!c) throw new Error(`unknown CAMEO code "${code}"`);
  return tableName === "icews" && c.goldsteinIcews !== undefined ? c.goldsteinIcews : c.goldstein;
}

/** Quad class of a code under a convention (GDELT by default). */
export function quadClassOf(code: string, convention: QuadConvention = "gdelt"): QuadClass {
  const root = Number(rootOf(code));
  if (!(root >= 1 && root <= 20)) throw new Error(`unknown CAMEO root "${rootOf(code)}"`);
  const bounds = convention === "gdelt" ? [5, 9, 14] : [5, 8, 13];
  if (root <= bounds[0]) return 1;
  if (root <= bounds[1]) return 2;
  if (root <= bounds[2]) return 3;
  return 4;
}

/** PLOVER event type of a CAMEO code, or null (CAMEO 01 statements have none). */
export function ploverOf(code: string): string | null {
  return lookup(code)?.plover ?? null;
}

/** Names of the 20 CAMEO roots, "01".."20". */
export const ROOTS: ReadonlyMap<string, string> = new Map(
  table.codes.filter((c) => c.code.length === 2).map((c) => [c.code, c.name]),
);
