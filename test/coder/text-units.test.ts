import { describe, expect, it } from "vitest";
import { findDates, headerDate } from "../../src/coder/dates.ts";
import { splitSentences } from "../../src/coder/sentences.ts";
import { tokenize } from "../../src/coder/tokens.ts";
import { markdownToText } from "../../src/formats/markdown.ts";

const dates = (text: string, docDate: string | null = "2025-10-01") =>
  findDates(text, { docDate, last: null }).map((d) => `${text.slice(d.start, d.end)}=${d.date}`);

describe("dates", () => {
  it("keeps precision: day, month, year; ranges and decades give their first year", () => {
    expect(dates("on 4 September 2025 and September 4, 2025")).toEqual([
      "4 September 2025=2025-09-04",
      "September 4, 2025=2025-09-04",
    ]);
    expect(dates("in March 2018, In 2017, (1592), the 2018–2019 summits, in the 1950s")).toEqual([
      "March 2018=2018-03",
      "2017=2017",
      "1592=1592",
      "2018–2019=2018",
      "the 1950s=1950",
    ]);
  });

  it("resolves relative dates against the document date and the last explicit date", () => {
    expect(dates("yesterday, on Saturday, three days ago, last month, next year")).toEqual([
      "yesterday=2025-09-30",
      "on Saturday=2025-09-27",
      "three days ago=2025-09-28",
      "last month=2025-09",
      "next year=2026",
    ]);
    const ctx = { docDate: null, last: null };
    findDates("It began in 2013.", ctx);
    expect(findDates("The following year it ended.", ctx).map((d) => d.date)).toEqual(["2014"]);
  });

  it("ignores numbers that are not years and finds a brief's date in its head", () => {
    expect(dates("1,500 troops, 2000 km, 30 percent, May be")).toEqual([]);
    expect(headerDate("Issue Brief\n\nA. Author\n\nOctober 01, 2025\n\nText.")).toBe("2025-10-01");
  });
});

describe("sentences, tokens, Markdown", () => {
  it("splits sentences but not after abbreviations and initials", () => {
    const t = 'Dr. M. S. Rao met Gen. Kim in the U.S. Army base. "Yes," he said. No. 6 followed.';
    expect(splitSentences(t).map((s) => t.slice(s.start, s.end))).toEqual([
      "Dr. M. S. Rao met Gen. Kim in the U.S. Army base.",
      '"Yes," he said.',
      "No. 6 followed.",
    ]);
  });

  it("splits possessives and hyphenated names into tokens with offsets", () => {
    const toks = tokenize("China's Kim Jong-Un didn't");
    expect(toks.map((t) => t.text)).toEqual(["China", "'s", "Kim", "Jong", "Un", "did", "n't"]);
    expect(toks[3]).toMatchObject({ start: 12, end: 16, lower: "jong" });
  });

  it("blanks Markdown syntax in place", () => {
    const md = "## Title\n\n**Bold** and [a link](https://x.org).";
    const text = markdownToText(md);
    expect(text).toHaveLength(md.length);
    expect(text.replace(/\s+/g, " ").trim()).toBe("Title Bold and a link .");
  });
});
