import { readFile } from "node:fs/promises";
import { ClaimError, type ClaimResult, checkClaims, parseClaimsText } from "../analysis/index.ts";
import { stateNames } from "../formats/index.ts";
import { CliError, usage } from "./error.ts";
import { openRecord } from "./record.ts";
import { ServedRecord } from "./served.ts";

export interface CheckCommandOptions {
  db?: string;
  json?: boolean;
}

const fmt = (x: unknown) => (typeof x === "number" ? String(Math.round(x * 100) / 100) : String(x ?? "–"));
/** 2300000000 → "2.3B", 318000000 → "318M"; smaller values as they are. */
export function compact(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${Math.round(x / 1e8) / 10}B`;
  if (a >= 1e6) return `${Math.round(x / 1e5) / 10}M`;
  return fmt(x);
}
const signed = (x: unknown) => (typeof x === "number" && x > 0 ? `+${fmt(x)}` : fmt(x));

/** The numbers behind a verdict in one short cell. */
export function summarise(r: ClaimResult): string {
  const n = r.numbers;
  if ("goldsteinMean" in n) {
    const widened =
      typeof n.baselineFactor === "number" && n.baselineFactor > 1 ? `, widened ${n.baselineFactor}×` : "";
    return `mean Goldstein ${fmt(n.goldsteinMean)} (n=${n.events}) vs ${fmt(n.baselineGoldsteinMean)} (n=${n.baselineEvents}, ${n.baseline}${widened}); change ${signed(n.change)}`;
  }
  if ("first" in n) {
    const pct =
      typeof n.change === "number" ? `${n.change > 0 ? "+" : ""}${Math.round(n.change * 100)}%` : "–";
    const value = (v: unknown) =>
      typeof v === "string" ? v.replace(/-?\d+(\.\d+)?$/, (d) => compact(Number(d))) : "–";
    // Each value by its own source (a source may itself name several, joined by "; ").
    const year = (v: unknown) => (typeof v === "string" ? v.split(":")[0] : "–");
    const sources =
      n.firstSource === n.lastSource
        ? `source: ${n.lastSource ?? "–"}`
        : `sources: ${year(n.first)} ${n.firstSource ?? "–"} · ${year(n.last)} ${n.lastSource ?? "–"}`;
    return `${value(n.first)} → ${value(n.last)} ${n.unit ?? ""} (${pct}); ${sources}`;
  }
  if ("gap" in n) {
    const [near, , far] = Object.entries(n);
    const side = (k: string) =>
      `${k.split(" ")[0]} ${fmt(n[k.replace("events", "goldsteinMean")])} (n=${n[k]})`;
    return `mean Goldstein ${side(near[0])} vs ${side(far[0])}; gap ${signed(n.gap)}`;
  }
  const e = r.evidence[0];
  const first = e ? `: ${e.date} ${e.source}→${e.target} ${e.cameo}` : "";
  const across = typeof n.acrossDyads === "number" && n.acrossDyads > 0 ? " (naming the other actor)" : "";
  if ("eventsThen" in n) {
    return n.matching
      ? `${n.matching} matching${across}${first}`
      : `none matching among ${n.eventsThen} events then${first}`;
  }
  return n.matching
    ? `${n.matching} matching${across}${first}`
    : `none matching; ${n.nearby ?? 0} nearby${first}`;
}

/** The results as a Markdown table (also readable as plain text). */
export function resultTable(results: ClaimResult[]): string {
  const rows = results.map((r, i) =>
    [String(i + 1), `**${r.verdict}**`, r.statement, summarise(r)].map((c) => c.replaceAll("|", "\\|")),
  );
  return [
    "| # | verdict | claim | numbers |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

/** `yalu check CLAIMS [--json] [--db PATH]`: check a YAML/JSON claims file against the record. */
export async function runCheck(file: string, opts: CheckCommandOptions): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw usage(`cannot read claims file "${file}"`);
  }
  let claims: ReturnType<typeof parseClaimsText>;
  try {
    claims = parseClaimsText(text);
  } catch (err) {
    if (err instanceof ClaimError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
  const store = await openRecord(opts.db);
  try {
    // Through a running server, its /api/check runs the same checks on the record it holds.
    const results =
      store instanceof ServedRecord
        ? (await store.post<{ results: ClaimResult[] }>("/api/check", text, "application/yaml")).results
        : await checkClaims(store, claims, { names: stateNames });
    process.stdout.write(opts.json ? `${JSON.stringify(results, null, 2)}\n` : `${resultTable(results)}\n`);
  } finally {
    await store.close();
  }
}
