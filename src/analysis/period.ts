import { type Bucket, utcDate } from "../model/index.ts";

/** Period labels as the store prints them: "2018-03-01" (day), "2018-03" (month), "2018-Q1", "2018". */
const PATTERNS: Record<Bucket, RegExp> = {
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function ymd(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** First day of a period label, as a UTC date. Throws on a label that does not fit the bucket. */
function startDate(label: string, bucket: Bucket): Date {
  const m = PATTERNS[bucket].exec(label);
  if (!m) throw new Error(`invalid ${bucket} period "${label}"`);
  const y = Number(m[1]);
  if (bucket === "day") return utcDate(y, Number(m[2]) - 1, Number(m[3]));
  if (bucket === "month") return utcDate(y, Number(m[2]) - 1, 1);
  if (bucket === "quarter") return utcDate(y, (Number(m[2]) - 1) * 3, 1);
  return utcDate(y, 0, 1);
}

/** The label of the period containing a day (YYYY-MM-DD). */
export function periodOf(day: string, bucket: Bucket): string {
  const y = day.slice(0, 4);
  if (bucket === "day") return day.slice(0, 10);
  if (bucket === "month") return day.slice(0, 7);
  if (bucket === "quarter") return `${y}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
  return y;
}

/** The label of the period after `label`. */
export function nextPeriod(label: string, bucket: Bucket): string {
  const d = startDate(label, bucket);
  if (bucket === "day") d.setUTCDate(d.getUTCDate() + 1);
  else if (bucket === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else if (bucket === "quarter") d.setUTCMonth(d.getUTCMonth() + 3);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return periodOf(ymd(d), bucket);
}

/** First day of a period, YYYY-MM-DD. */
export function periodStart(label: string, bucket: Bucket): string {
  return ymd(startDate(label, bucket));
}

/** Last day of a period, YYYY-MM-DD. */
export function periodEnd(label: string, bucket: Bucket): string {
  const next = startDate(nextPeriod(label, bucket), bucket);
  next.setUTCDate(next.getUTCDate() - 1);
  return ymd(next);
}

/** Every period label from `first` to `last` inclusive; at most `max` labels (then throws). */
export function periodRange(first: string, last: string, bucket: Bucket, max = 100_000): string[] {
  const out: string[] = [];
  for (let p = first; p <= last; p = nextPeriod(p, bucket)) {
    out.push(p);
    if (out.length > max) throw new Error(`more than ${max} ${bucket} periods from ${first} to ${last}`);
  }
  return out;
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A day shifted by whole days. */
export function addDays(day: string, days: number): string {
  const d = new Date(Date.parse(`${day}T00:00:00Z`));
  d.setUTCDate(d.getUTCDate() + days);
  return ymd(d);
}
