/**
 * How evenly the record covers its relations: events per dyad per year, with the years in which a
 * dyad's record is thin (some events, fewer than the threshold) or silent (none). A reader sees
 * where a count or a trend rests on little, and where the record simply says nothing.
 */

/** Fewer events than this in a year marks the year thin (a year without events is silent). */
export const THIN_DEFAULT = 3;

/** One dyad's yearly counts, aligned with {@link Coverage.years}. */
export interface CoverageRow {
  /** Two country (or organisation) codes joined by "-", in the order asked or alphabetical. */
  dyad: string;
  total: number;
  counts: number[];
  /** Years with at least one event and fewer than the threshold. */
  thin: string[];
  /** Years without any event. */
  silent: string[];
}

export interface Coverage {
  /** Every year of the window, oldest first. */
  years: string[];
  /** The threshold: a year with fewer events (and at least one) is thin. */
  thin: number;
  dyads: CoverageRow[];
}

/** Every year from `from` to `to` ("1990", "2025"), inclusive; none if `to` is before `from`. */
export function yearsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = Number(from); y <= Number(to); y++) out.push(String(y).padStart(4, "0"));
  return out;
}

/**
 * The coverage table of yearly counts (`counts`: dyad → year → events; missing years count 0).
 * Dyads keep the order given.
 * @example coverage(new Map([["CHN-PRK", new Map([["2019", 9]])]]), ["2018", "2019"], 3)
 *   // { years: ["2018", "2019"], thin: 3, dyads: [{ dyad: "CHN-PRK", total: 9, counts: [0, 9], thin: [], silent: ["2018"] }] }
 */
export function coverage(
  counts: Map<string, Map<string, number>>,
  years: string[],
  thin = THIN_DEFAULT,
): Coverage {
  const dyads = [...counts].map(([dyad, byYear]) => {
    const row = years.map((y) => byYear.get(y) ?? 0);
    return {
      dyad,
      total: row.reduce((s, n) => s + n, 0),
      counts: row,
      thin: years.filter((_, i) => row[i] > 0 && row[i] < thin),
      silent: years.filter((_, i) => row[i] === 0),
    };
  });
  return { years, thin, dyads };
}
