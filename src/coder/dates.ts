import * as chrono from "chrono-node";
import { type DatePrecision, utcDate } from "../model/index.ts";

/**
 * Date expressions in a sentence, resolved against the document date, precision kept:
 * - "4 September 2025", "September 4, 2025" → day; "March 2018", "in March" → month;
 * - "In 2017", "(1592)" → year; "2018–2019" → the start year (year precision);
 * - "in the 1950s" → the decade's first year, year precision (a decade is never finer);
 * - "the following year" / "a year earlier" / "that year" → relative to the last explicit date;
 * - "yesterday", "on Saturday", "last month", "three days ago" → relative to the document date
 *   (chrono-node for the general relative forms; weekdays are taken as the latest such day on or
 *   before the document date, the news convention).
 */
export interface DateMention {
  start: number;
  end: number;
  date: string;
  precision: DatePrecision;
}

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const M =
  "(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";
const Y = "(1\\d{3}|20\\d{2})";
const D = "(\\d{1,2})(?:st|nd|rd|th)?";

const DAY_MONTH_YEAR = new RegExp(`\\b${D} ${M},? ${Y}\\b`, "g");
const MONTH_DAY_YEAR = new RegExp(`\\b${M} ${D},? ${Y}\\b`, "g");
const MONTH_YEAR = new RegExp(`\\b${M},? ${Y}\\b`, "g");
const DAY_MONTH = new RegExp(`\\b${D} ${M}(?!\\w)`, "g");
const MONTH_DAY = new RegExp(`\\b${M} ${D}\\b(?!,? \\d)`, "g");
const BARE_MONTH = new RegExp(
  `\\b(?:in|since|by|until|from|during|early|late|mid|of|last|this|next)[ -]${M}(?!\\w)`,
  "gi",
);
const RANGE = new RegExp(`\\b${Y}\\s*(?:[–—-]|to)\\s*(\\d{2,4})\\b`, "g");
const DECADE = /\b(?:the )?(1\d|20)(\d)0s\b/g;
const YEAR = new RegExp(
  `(?<![\\d,.$£€¥])${Y}(?![\\d,]\\d|s\\b|\\s?%|\\s(?:km|kilomet|mile|ton|tonne|troop|people|soldier|dollar|won|yuan|yen|metre|meter|feet|foot|men|casualt|death|case)|-\\d)`,
  "g",
);
const RELATIVE_YEAR =
  /\b(?:the following|the next|the previous|the preceding|the same|that) year\b|\ba year (?:later|earlier|before)\b/gi;
/** Relative forms left to chrono-node (the common ones above are resolved here, much faster). */
const CHRONO_ONLY =
  /\b(?:(?:decades?|centur(?:y|ies)) ago|(?:last|this|next) week|earlier this|later this|past (?:week|month))\b/i;
/** A sentence without any of these has no date expression: skips the date patterns entirely. */
const ANY_DATE =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|today|tonight|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ago|last|this|next|following|previous|preceding|same|that year|earlier|later)/i;
const CHRONO_HINT =
  /\b(?:today|yesterday|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ago|last (?:week|month|year)|this (?:week|month|year)|next (?:week|month|year)|earlier this|later this)\b/i;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

const pad = (n: number): string => String(n).padStart(2, "0");

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= utcDate(y, m, 0).getUTCDate();
}

/** Context carried between the sentences of a document. */
/** Whether a word starts a time expression: a number, a month, a weekday, a time of day. */
export function startsTime(word: string): boolean {
  return /^\d/.test(word) || Object.hasOwn(MONTHS, word) || WEEKDAYS.includes(word) || TIME_OF_DAY.test(word);
}
const TIME_OF_DAY = /^(dawn|night|noon|midnight|early|late)$/;

export interface DateContext {
  /** The document date, YYYY-MM-DD, or null. */
  docDate: string | null;
  /** The last explicit date seen earlier in the document (for "the following year"). */
  last: string | null;
}

/**
 * Date mentions of a sentence, in text order. Updates `ctx.last` with the sentence's last explicit
 * date.
 */
export function findDates(text: string, ctx: DateContext): DateMention[] {
  if (!ANY_DATE.test(text)) return [];
  const found: DateMention[] = [];
  const taken = (s: number, e: number): boolean => found.some((f) => s < f.end && e > f.start);
  const add = (s: number, e: number, date: string, precision: DatePrecision): void => {
    if (!taken(s, e)) found.push({ start: s, end: e, date, precision });
  };
  const doc = ctx.docDate ? { y: Number(ctx.docDate.slice(0, 4)), m: Number(ctx.docDate.slice(5, 7)) } : null;
  // A month without a year is the latest such month on or before the document date.
  const yearOfMonth = (m: number): number | null => (doc ? (m <= doc.m ? doc.y : doc.y - 1) : null);

  for (const r of text.matchAll(DAY_MONTH_YEAR)) {
    const [d, m, y] = [Number(r[1]), MONTHS[r[2].toLowerCase()], Number(r[3])];
    if (validDay(y, m, d)) add(r.index, r.index + r[0].length, `${y}-${pad(m)}-${pad(d)}`, "day");
  }
  for (const r of text.matchAll(MONTH_DAY_YEAR)) {
    const [m, d, y] = [MONTHS[r[1].toLowerCase()], Number(r[2]), Number(r[3])];
    if (validDay(y, m, d)) add(r.index, r.index + r[0].length, `${y}-${pad(m)}-${pad(d)}`, "day");
  }
  for (const r of text.matchAll(MONTH_YEAR)) {
    if (r[1] === "May" && /\bmay\b/.test(text.slice(r.index, r.index + 3))) continue;
    add(r.index, r.index + r[0].length, `${r[2]}-${pad(MONTHS[r[1].toLowerCase()])}`, "month");
  }
  for (const [re, di, mi] of [
    [DAY_MONTH, 1, 2],
    [MONTH_DAY, 2, 1],
  ] as const) {
    for (const r of text.matchAll(re)) {
      const m = MONTHS[r[mi].toLowerCase()];
      const d = Number(r[di]);
      const y = yearOfMonth(m);
      if (y !== null && validDay(y, m, d))
        add(r.index, r.index + r[0].length, `${y}-${pad(m)}-${pad(d)}`, "day");
    }
  }
  for (const r of text.matchAll(BARE_MONTH)) {
    if (!/^\p{Lu}/u.test(r[1])) continue;
    const m = MONTHS[r[1].toLowerCase()];
    const y = yearOfMonth(m);
    const at = r.index + r[0].length - r[1].length - (r[0].endsWith(".") ? 1 : 0);
    if (y !== null) add(at, r.index + r[0].length, `${y}-${pad(m)}`, "month");
  }
  for (const r of text.matchAll(RANGE)) {
    const a = Number(r[1]);
    let b = Number(r[2]);
    if (r[2].length === 2) b = Math.floor(a / 100) * 100 + b;
    if (b >= a && b - a < 100) add(r.index, r.index + r[0].length, String(a), "year");
  }
  for (const r of text.matchAll(DECADE)) add(r.index, r.index + r[0].length, `${r[1]}${r[2]}0`, "year");
  for (const r of text.matchAll(YEAR)) add(r.index, r.index + r[0].length, r[1], "year");
  found.sort((a, b) => a.start - b.start);

  for (const r of text.matchAll(RELATIVE_YEAR)) {
    const before = found.filter((f) => f.end <= r.index).pop()?.date ?? ctx.last;
    if (!before) continue;
    const phrase = r[0].toLowerCase();
    const shift = /following|next|later/.test(phrase)
      ? 1
      : /previous|preceding|earlier|before/.test(phrase)
        ? -1
        : 0;
    add(r.index, r.index + r[0].length, String(Number(before.slice(0, 4)) + shift), "year");
  }
  if (ctx.docDate && CHRONO_HINT.test(text)) relativeDates(text, ctx.docDate, add);
  found.sort((a, b) => a.start - b.start);
  if (found.length > 0) ctx.last = found[found.length - 1].date;
  return found;
}

const DAY_MS = 86_400_000;
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const RELATIVE_DAY: Record<string, number> = { today: 0, tonight: 0, yesterday: -1, tomorrow: 1 };

function relativeDates(
  text: string,
  docDate: string,
  add: (s: number, e: number, date: string, p: DatePrecision) => void,
): void {
  const ref = new Date(`${docDate}T12:00:00Z`);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  for (const r of text.matchAll(
    /\b(?:on |last |this )?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi,
  )) {
    const wd = WEEKDAYS.indexOf(r[1].toLowerCase());
    const back = (ref.getUTCDay() - wd + 7) % 7;
    add(r.index, r.index + r[0].length, day(new Date(ref.getTime() - back * DAY_MS)), "day");
  }
  for (const r of text.matchAll(/\b(today|tonight|yesterday|tomorrow)\b/gi))
    add(
      r.index,
      r.index + r[0].length,
      day(new Date(ref.getTime() + RELATIVE_DAY[r[1].toLowerCase()] * DAY_MS)),
      "day",
    );
  for (const r of text.matchAll(/\b(last|this|next) (month|year)\b/gi)) {
    const shift = r[1].toLowerCase() === "last" ? -1 : r[1].toLowerCase() === "next" ? 1 : 0;
    const y = ref.getUTCFullYear();
    if (r[2].toLowerCase() === "year") add(r.index, r.index + r[0].length, String(y + shift), "year");
    else {
      const m = utcDate(y, ref.getUTCMonth() + shift, 1);
      add(r.index, r.index + r[0].length, `${m.getUTCFullYear()}-${pad(m.getUTCMonth() + 1)}`, "month");
    }
  }
  for (const r of text.matchAll(
    /\b(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten) (day|week|month|year)s? ago\b/gi,
  )) {
    const n = NUMBER_WORDS[r[1].toLowerCase()] ?? Number(r[1]);
    const unit = r[2].toLowerCase();
    if (unit === "year") add(r.index, r.index + r[0].length, String(ref.getUTCFullYear() - n), "year");
    else if (unit === "month") {
      const m = utcDate(ref.getUTCFullYear(), ref.getUTCMonth() - n, 1);
      add(r.index, r.index + r[0].length, `${m.getUTCFullYear()}-${pad(m.getUTCMonth() + 1)}`, "month");
    } else
      add(
        r.index,
        r.index + r[0].length,
        day(new Date(ref.getTime() - n * (unit === "week" ? 7 : 1) * DAY_MS)),
        "day",
      );
  }
  // The rest ("last week", "earlier this month", "two decades ago") is chrono-node's.
  if (!CHRONO_ONLY.test(text)) return;
  for (const r of chrono.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false })) {
    const c = r.start;
    const d = c.date();
    const y = d.getUTCFullYear();
    const precision: DatePrecision =
      c.isCertain("day") || /\b(?:ago|yesterday|today|tomorrow|tonight)\b/i.test(r.text)
        ? "day"
        : c.isCertain("month") || /month|week/i.test(r.text)
          ? "month"
          : "year";
    const date =
      precision === "day"
        ? `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
        : precision === "month"
          ? `${y}-${pad(d.getUTCMonth() + 1)}`
          : String(y);
    add(r.index, r.index + r.text.length, date, precision);
  }
}

/** A likely publication date in the head of a document ("October 01, 2025"), or null. */
export function headerDate(head: string): string | null {
  const ctx: DateContext = { docDate: null, last: null };
  const first = findDates(head.slice(0, 1500), ctx).find((d) => d.precision === "day");
  return first ? first.date : null;
}
