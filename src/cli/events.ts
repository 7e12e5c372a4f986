import { cameoName, type Event } from "../model/index.ts";
import { type FilterFlags, parseFilters } from "./options.ts";
import { pages } from "./pages.ts";
import { openRecord } from "./record.ts";

export interface EventsFlags extends FilterFlags {
  db?: string;
  json?: boolean;
}

const TABLE_ROWS = 500;

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
  const store = await openRecord(flags.db);
  try {
    if (flags.json) {
      for await (const e of pages(store, query)) process.stdout.write(`${JSON.stringify(e)}\n`);
      return;
    }
    // A table is for reading: without --limit it shows the first TABLE_ROWS and says how many more.
    const events = await store.queryEvents({ ...query, limit: query.limit ?? TABLE_ROWS });
    const header = ["date", "source", "target", "cameo", "quad", "goldstein", "event"];
    process.stdout.write(table(header, events.map(row)));
    const total = query.limit === undefined ? await store.countEvents(query) : events.length;
    const more = total - events.length - (query.offset ?? 0);
    process.stdout.write(
      `${events.length} events${more > 0 ? ` (${more} more: use --limit, --offset or --json)` : ""}\n`,
    );
  } finally {
    await store.close();
  }
}
