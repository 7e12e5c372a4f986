// The server's own types, imported directly (not through ./api.ts, which is browser code) so that
// this pure module is also checked and tested under Node.
import type { WindowedPhases as PhasesResponse } from "../../analysis/load.ts";
import type { Event } from "../../model/event.ts";
import type { Row } from "./csv.ts";

type Period = PhasesResponse["series"][number];
type PhaseOf = PhasesResponse["phases"][number];

/** First day an event's date covers ("2006" → "2006-01-01"), as the record buckets it. */
function firstDay(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** The period of the series an event falls in, by its date's first day; undefined outside it. */
function periodOfEvent(series: Period[], e: Event): Period | undefined {
  const d = firstDay(e.date);
  return series.find((p) => p.start <= d && d <= p.end);
}

function phaseOf(data: PhasesResponse, p: Period): PhaseOf | undefined {
  return data.phases.find((x) => x.start <= p.start && p.start <= x.end);
}

/**
 * The dyad chart's data by period: events, mean Goldstein and the phase each period falls in, and
 * the events behind each period's mean (their ids, and the publications that reported them; each
 * id's date, codes and citation are in {@link eventRows}). `events`: the events the view lists.
 */
export function periodRows(data: PhasesResponse, events: Event[]): Row[] {
  const byPeriod = new Map<string, Event[]>();
  for (const e of events) {
    const p = periodOfEvent(data.series, e);
    if (p) byPeriod.set(p.period, [...(byPeriod.get(p.period) ?? []), e]);
  }
  return data.series.map((p) => {
    const phase = phaseOf(data, p);
    const mine = byPeriod.get(p.period) ?? [];
    const publications = [
      ...new Set(mine.map((e) => e.evidence.citation?.publication).filter((x): x is string => !!x)),
    ];
    return {
      period: p.period,
      start: p.start,
      end: p.end,
      events: p.both.count,
      goldsteinMean: p.both.goldsteinMean,
      phase: phase?.label ?? null,
      phaseFrom: phase?.from ?? null,
      phaseTo: phase?.to ?? null,
      phaseGoldsteinMean: phase?.goldsteinMean ?? null,
      eventIds: mine.map((e) => e.id).join(" "),
      sources: publications.join("; "),
    };
  });
}

/**
 * The dyad chart's events, one row each (the chart's dots): the period and phase it counts in,
 * what happened (date, actors, CAMEO code, Goldstein, description) and where it was reported
 * (publication, title, date, link, the sentence coded). Sorted by date.
 */
export function eventRows(data: PhasesResponse, events: Event[]): Row[] {
  return [...events]
    .sort((x, y) => firstDay(x.date).localeCompare(firstDay(y.date)) || x.id.localeCompare(y.id))
    .map((e) => {
      const p = periodOfEvent(data.series, e);
      const c = e.evidence.citation;
      return {
        id: e.id,
        date: e.date,
        datePrecision: e.datePrecision,
        period: p?.period ?? null,
        phase: p ? (phaseOf(data, p)?.label ?? null) : null,
        source: e.source.code,
        sourceName: e.source.name,
        target: e.target.code,
        targetName: e.target.name,
        cameo: e.cameo,
        quadClass: e.quadClass,
        goldstein: e.goldstein,
        description: e.description,
        publication: c?.publication ?? null,
        title: c?.title ?? null,
        published: c?.date ?? e.publicationDate,
        url: c?.url ?? null,
        sentence: e.evidence.sentence,
      };
    });
}
