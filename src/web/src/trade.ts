// The server's own type, imported directly (not through ./api.ts, which is browser code) so that
// this pure module is also checked and tested under Node.
import type { IndicatorPoint as Point } from "../../model/query.ts";

/** One point of the trade chart: a year (or a part year, marked partial), in billions, with its source. */
export interface TradeRow {
  period: string;
  /** First day of the period (ISO). */
  start: string;
  series: string;
  /** Billions of the unit; null for a year with no value (the line breaks there). */
  value: number | null;
  unit: string;
  /** True for a part-year value ("2025-H1": January–June only), not comparable with whole years. */
  partial: boolean;
  source: string | null;
  url: string | null;
  note: string | null;
}

const PART = /^(\d{4})-(H[12]|Q[1-4]|\d{2})$/;
const MONTHS: Record<string, string> = { H1: "01", H2: "07", Q1: "01", Q2: "04", Q3: "07", Q4: "10" };

/** "2019" → 2019-01-01, "2025-H1" → 2025-01-01, "2025-Q3" → 2025-07-01, "2025-03" → 2025-03-01. */
export function periodStart(period: string): string | null {
  if (/^\d{4}$/.test(period)) return `${period}-01-01`;
  const m = PART.exec(period);
  return m ? `${m[1]}-${MONTHS[m[2]] ?? m[2]}-01` : null;
}

/** "2025-H1" → "2025 H1 (January–June)"; whole years as they are. */
export function periodLabel(period: string): string {
  const m = PART.exec(period);
  if (!m) return period;
  const span: Record<string, string> = { H1: "January–June", H2: "July–December" };
  return `${m[1]} ${m[2]}${span[m[2]] ? ` (${span[m[2]]})` : ""}`;
}

/** The axis label of a unit in billions: "$ bn" for USD. */
export function unitLabel(unit: string): string {
  return unit === "USD" ? "$ bn" : `${unit} bn`;
}

/**
 * The trade chart's points: whole years in billions, with a null point in every missing year so the
 * line breaks there instead of running straight across the gap; part years kept and marked partial
 * (they are drawn apart, never joined to the yearly line). Each point keeps its own source.
 */
export function tradeRows(points: Point[]): TradeRow[] {
  const rows: TradeRow[] = [];
  for (const series of [...new Set(points.map((p) => p.series))]) {
    const mine = points.filter((p) => p.series === series);
    const years = mine.filter((p) => /^\d{4}$/.test(p.period));
    const byYear = new Map(years.map((p) => [Number(p.period), p]));
    const span = [...byYear.keys()];
    const unit = mine[0]?.unit ?? "USD";
    if (span.length) {
      for (let y = Math.min(...span); y <= Math.max(...span); y++) {
        const p = byYear.get(y);
        rows.push({
          period: String(y),
          start: `${y}-01-01`,
          series,
          value: p ? p.value / 1e9 : null,
          unit,
          partial: false,
          source: p?.source ?? null,
          url: p?.url ?? null,
          note: p?.note ?? null,
        });
      }
    }
    for (const p of mine) {
      const start = periodStart(p.period);
      if (/^\d{4}$/.test(p.period) || !start) continue;
      rows.push({
        period: p.period,
        start,
        series,
        value: p.value / 1e9,
        unit: p.unit,
        partial: true,
        source: p.source,
        url: p.url,
        note: p.note,
      });
    }
  }
  return rows;
}

/** A run of consecutive points that share a source: "2017–2019" and who reported them. */
export interface SourceRun {
  periods: string;
  source: string;
  url: string | null;
}

/**
 * The sources of a series point by point, runs of consecutive years of one source grouped (a
 * missing year ends a run): the caption names who reported each value, not the first point's
 * source for all.
 */
export function sourceRuns(rows: TradeRow[], series = "total"): SourceRun[] {
  const out: (SourceRun & { first: string; open: boolean })[] = [];
  for (const r of rows.filter((x) => x.series === series)) {
    const prev = out[out.length - 1];
    if (r.value === null || !r.source) {
      if (prev) prev.open = false;
      continue;
    }
    const label = periodLabel(r.period);
    if (prev?.open && !r.partial && prev.source === r.source && prev.url === r.url) {
      prev.periods = `${prev.first}–${label}`;
    } else out.push({ periods: label, first: label, source: r.source, url: r.url, open: !r.partial });
  }
  return out.map(({ periods, source, url }) => ({ periods, source, url }));
}
