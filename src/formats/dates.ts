import { type DatePrecision, dateStart, utcDate } from "../model/index.ts";

/**
 * Partial dates for other readers. pandas, R and Excel parse a date column only when every value is
 * a whole day, so a month- or year-precision event is written as the first day of its period
 * (`2006-01` → `2006-01-01`), with the precision beside it, and read back by {@link atPrecision}.
 */
export const periodStart = dateStart;

/**
 * A period's first day (`2006-01-01`) back at its precision (`month` → `2006-01`); null when the
 * day is not the first of such a period, so a reader can name the bad value.
 */
export function atPrecision(day: string, precision: DatePrecision): string | null {
  if (precision === "day") return day;
  if (precision === "month") return day.endsWith("-01") ? day.slice(0, 7) : null;
  return day.endsWith("-01-01") ? day.slice(0, 4) : null;
}

/**
 * GDELT's FractionDate (YYYY.FFFF, the share of the year completed by that day: day-of-year / 365)
 * of a date's first day, with as many decimals as the date has precision: four for a day (GDELT's
 * own form), two for a month, none for a year. The value stays a number readers can use; the
 * decimals tell Yalu's reader the precision back.
 */
export function fractionDate(date: string, precision: DatePrecision): string {
  const day = periodStart(date);
  const y = Number(day.slice(0, 4));
  const dayOfYear = (Date.parse(`${day}T00:00:00Z`) - utcDate(y, 0, 1).getTime()) / 86_400_000 + 1;
  if (precision === "year") return String(y);
  return (y + dayOfYear / 365).toFixed(precision === "month" ? 2 : 4);
}

/** The precision a FractionDate written by {@link fractionDate} carries (GDELT's own: day). */
export function precisionOfFraction(fraction: string | undefined): DatePrecision {
  if (fraction === undefined) return "day";
  if (/^\d{4}$/.test(fraction)) return "year";
  if (/^\d{4}\.\d{2}$/.test(fraction)) return "month";
  return "day";
}
