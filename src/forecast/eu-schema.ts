import { z } from "zod";
import type { EuRunOptions } from "./eu.ts";
import { EU_VARIANT_NAMES } from "./eu-variants.ts";

/**
 * The expected-utility options as given by a user (API body `eu`, `--eu name=value`): a named
 * `variant` and any option on top of it. One schema for every edge.
 */
export const euOptionsSchema = z
  .object({
    variant: z.enum(EU_VARIANT_NAMES as [string, ...string[]]),
    probabilityDenominator: z.enum(["pairwise", "global"]),
    votes: z.enum(["linear", "risk"]),
    risk: z.enum(["security", "hypothetical", "neutral"]),
    perspective: z.enum(["evaluator", "objective"]),
    q: z.number().min(0).max(1),
    t: z.union([z.number().min(0).max(1), z.literal("preana")]),
    range: z.enum(["initial", "round"]),
    median: z.enum(["weighted", "condorcet"]),
    acceptance: z.enum(["leastMove", "precedence", "scholz"]),
    capitulation: z.enum(["live", "dead"]),
    rounds: z.number().int().min(0).max(100),
  })
  .partial()
  .strict();

const NUMERIC = new Set(["q", "t", "rounds"]);

/**
 * Read `name=value` pairs (or a name → value record of strings) into checked options; throws
 * naming the option and what it takes.
 * @example parseEuPairs(["variant=scholz-code", "rounds=20"])
 */
export function parseEuPairs(pairs: readonly string[]): EuRunOptions {
  const raw: Record<string, string | number> = {};
  for (const p of pairs) {
    const m = /^(\w+)=(.+)$/.exec(p);
    if (!m) throw new Error(`invalid expected-utility option "${p}" (expected name=value)`);
    const number = Number(m[2]);
    raw[m[1]] = NUMERIC.has(m[1]) && m[2] !== "preana" && Number.isFinite(number) ? number : m[2];
  }
  const parsed = euOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data as EuRunOptions;
  const issue = parsed.error.issues[0];
  const shape = euOptionsSchema.shape;
  if (issue.code === "unrecognized_keys") {
    throw new Error(
      `unknown expected-utility option "${issue.keys[0]}" (one of: ${Object.keys(shape).join(", ")})`,
    );
  }
  const name = String(issue.path[0]);
  throw new Error(`invalid expected-utility option ${name} "${raw[name]}" (${issue.message.toLowerCase()})`);
}
