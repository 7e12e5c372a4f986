import type { Coverage } from "../analysis/index.ts";
import { loadCoverage } from "../analysis/index.ts";
import { coverageShape } from "../store/index.ts";
import { table } from "./events.ts";
import { parseFlags } from "./options.ts";
import { analyse, apiParams, requireActors } from "./record.ts";

export interface CoverageFlags {
  db?: string;
  json?: boolean;
  dyads?: string;
  from?: string;
  to?: string;
  thin?: string;
  top?: string;
}

/**
 * The coverage table as text: a row per year, a column per dyad; a silent year shows "·", a thin one
 * its count with "*". Totals and the number of thin and silent years close the table.
 */
export function coverageText(c: Coverage): string {
  if (!c.dyads.length) return "no dyads with events in the window\n";
  const head = ["year", ...c.dyads.map((d) => d.dyad)];
  const cell = (n: number) => (n === 0 ? "·" : n < c.thin ? `${n}*` : String(n));
  const rows = c.years.map((y, i) => [y, ...c.dyads.map((d) => cell(d.counts[i]))]);
  rows.push(["total", ...c.dyads.map((d) => String(d.total))]);
  rows.push([`thin (<${c.thin})`, ...c.dyads.map((d) => String(d.thin.length))]);
  rows.push(["silent", ...c.dyads.map((d) => String(d.silent.length))]);
  const legend = `events per dyad per year, both directions; * thin (fewer than ${c.thin}), · silent (none)\n\n`;
  return legend + table(head, rows);
}

/**
 * `yalu stats --coverage [--dyads A-B,C-D] [--from YYYY] [--to YYYY] [--thin N] [--top N] [--json]`:
 * events per dyad per year, as `/api/coverage` gives them.
 */
export async function runCoverage(flags: CoverageFlags): Promise<void> {
  const f = parseFlags(coverageShape, flags);
  const route = { path: "/api/coverage", params: apiParams(coverageShape, flags) };
  const c = await analyse<Coverage>(flags.db, route, async (store) => {
    for (const d of f.dyads ?? []) await requireActors(store, [d.a, d.b], "--dyads");
    return loadCoverage(store, f);
  });
  process.stdout.write(flags.json ? `${JSON.stringify(c)}\n` : coverageText(c));
}
