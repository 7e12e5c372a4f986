import type { Event } from "../model/event.ts";
import { cameoName } from "../model/taxonomy.ts";
import { openStore } from "../store/open.ts";
import { type FilterFlags, parseFilters } from "./options.ts";

export interface EventsFlags extends FilterFlags {
  db?: string;
  json?: boolean;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A readable table row: date, dyad, code and name, quad, Goldstein, and what happened. */
function row(e: Event): string[] {
  const what = e.description ?? e.evidence.sentence ?? cameoName(e.cameo) ?? "";
  return [
    e.date,
    e.source.code,
    e.target.code,
    e.cameo,
    String(e.quadClass),
    e.goldstein.toFixed(1),
    clip(what.replace(/\s+/g, " "), 70),
  ];
}

/** Format rows as aligned columns under a header. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}

/** `yalu events [filters] [--json]`: list events as a table, or as JSON Lines with --json. */
export async function runEvents(flags: EventsFlags): Promise<void> {
  const query = parseFilters(flags);
  const store = await openStore(flags.db);
  try {
    const events = await store.queryEvents(query);
    if (flags.json) {
      for (const e of events) process.stdout.write(`${JSON.stringify(e)}\n`);
      return;
    }
    const header = ["date", "source", "target", "cameo", "quad", "goldstein", "event"];
    process.stdout.write(table(header, events.map(row)));
    process.stdout.write(`${events.length} events\n`);
  } finally {
    await store.close();
  }
}
