import { type Leverage, loadLeverage, memberVote } from "../analysis/index.ts";
import { stateNames } from "../formats/index.ts";
import { dyadCode } from "../store/index.ts";
import { compact } from "./check.ts";
import { table } from "./events.ts";
import { parseFlags } from "./options.ts";
import { analyse, apiParams, requireActors } from "./record.ts";

export interface IndicatorsFlags {
  db?: string;
  json?: boolean;
  dyad?: string;
}

/** `/api/indicators`' parameters: the dyad, by the filter schema's rule. */
const indicatorShape = { dyad: dyadCode };

const VOTE: Record<string, string> = { for: "Y", against: "N", abstain: "A", veto: "VETO" };
const pct = (x: number | null) => (x === null ? "-" : `${Math.round(x * 100)}%`);

/** The leverage indicators as text: trade with each value's source, votes, contacts, conflict. */
export function indicatorsText(l: Leverage): string {
  const [a, b] = l.dyad.split("-");
  const out: string[] = [`${l.dyad} indicators\n`];
  out.push(
    l.trade.length
      ? `trade\n${table(
          ["period", "series", "value", "unit", "source"],
          l.trade.map((p) => [p.period, p.series, compact(p.value), p.unit, p.source ?? "-"]),
        )}`
      : `trade: no series for ${l.dyad} in the record (indicator "trade", subject "${l.dyad}")\n`,
  );
  out.push(
    l.resolutions.length
      ? `Security Council resolutions on ${b} (Y for, N against, A abstain)\n${table(
          ["resolution", "date", ...l.members],
          l.resolutions.map((r) => [
            r.resolution,
            r.date,
            ...l.members.map((m) => VOTE[memberVote(r, m) ?? ""] ?? "-"),
          ]),
        )}`
      : `Security Council: no resolutions on ${b} in the record\n`,
  );
  out.push(
    l.contacts.length
      ? `contacts ${a}–${b} per year\n${table(
          ["year", "visits", "meetings", "intent", "summits"],
          l.contacts.map((c) => [c.year, c.visits, c.meetings, c.intentToMeet, c.summits].map(String)),
        )}`
      : `contacts: none between ${a} and ${b} in the record\n`,
  );
  if (l.conflict.length)
    out.push(
      `conflictual share per year\n${table(
        ["year", "events", "conflictual"],
        l.conflict.map((c) => [c.year, String(c.events), pct(c.conflictShare)]),
      )}`,
    );
  return out.join("\n");
}

/**
 * `yalu indicators --dyad A-B [--json]`: the dyad's leverage indicators (trade, Security Council
 * votes, contacts, conflictual share), as `/api/indicators` gives them.
 */
export async function runIndicators(flags: IndicatorsFlags): Promise<void> {
  const f = parseFlags(indicatorShape, flags);
  const route = { path: "/api/indicators", params: apiParams(indicatorShape, flags) };
  const l = await analyse<Leverage>(flags.db, route, async (store) => {
    await requireActors(store, [f.dyad.a, f.dyad.b], "--dyad");
    return loadLeverage(store, f.dyad.a, f.dyad.b, await stateNames(f.dyad.b));
  });
  process.stdout.write(flags.json ? `${JSON.stringify(l)}\n` : indicatorsText(l));
}
