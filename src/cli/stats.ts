import { ROOTS } from "../model/index.ts";
import type { CoverageFlags } from "./coverage.ts";
import { CliError } from "./error.ts";
import { table } from "./events.ts";
import { openRecord } from "./record.ts";

/** `yalu stats [--json]`: what the record holds; with `--coverage`, events per dyad per year. */
export async function runStats(flags: CoverageFlags & { coverage?: boolean }): Promise<void> {
  const { coverage, ...rest } = flags;
  if (coverage) return (await import("./coverage.ts")).runCoverage(rest);
  for (const k of ["dyads", "from", "to", "thin", "top"] as const)
    if (flags[k] !== undefined) throw new CliError(`--${k} needs --coverage`, 2);
  const store = await openRecord(flags.db);
  try {
    const s = await store.stats();
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ location: store.location, ...s })}\n`);
      return;
    }
    const out = [
      `database    ${store.location}`,
      `events      ${s.events}`,
      `dates       ${s.firstDate ?? "-"} to ${s.lastDate ?? "-"}`,
      `actors      ${s.actors}`,
      `indicators  ${s.indicators} points`,
      `origins     ${
        Object.entries(s.byOrigin)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ") || "-"
      }`,
      "",
    ].join("\n");
    process.stdout.write(out);
    const roots = Object.entries(s.byRoot)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([root, n]) => [root, ROOTS.get(root) ?? "", String(n)]);
    if (roots.length) process.stdout.write(`\n${table(["root", "name", "events"], roots)}`);
  } finally {
    await store.close();
  }
}
