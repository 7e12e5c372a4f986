import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { splitCsvLine } from "../../src/formats/csv-parse.ts";
import { GDELT1_COLUMNS, GDELT2_COLUMNS } from "../../src/formats/gdelt.ts";
import { ICEWS_COLUMNS } from "../../src/formats/icews.ts";
import { type FormatName, readEvents, writeEvents } from "../../src/formats/index.ts";
import type { Event } from "../../src/model/event.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";
import { cameoName } from "../../src/model/taxonomy.ts";
import { fixtureEvents } from "../store/fixtures.ts";

// What other readers do with our files, per their documented rules: pandas' to_datetime with
// format="%Y%m%d" (GDELT's SQLDATE) or "%Y-%m-%d", R's as.Date, and Excel's date cells all need a
// whole calendar day; a value such as 20060100 or "2006-01" becomes NaT / NA.

const dir = mkdtempSync(join(tmpdir(), "yalu-readers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A calendar day as strptime reads it: the exact shape, and a real date (no month 13, no day 0). */
function isDay(s: string, shape: RegExp): boolean {
  const m = shape.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SQLDATE = /^(\d{4})(\d{2})(\d{2})$/;

async function collect(events: AsyncIterable<Event>): Promise<Event[]> {
  const out: Event[] = [];
  for await (const e of events) out.push(e);
  return out;
}

async function exported(format: FormatName, events: Event[], excel = false): Promise<string> {
  const path = join(dir, `out${++n}.${format}`);
  await writeEvents(events, format, path, undefined, { excel });
  return path;
}

const rowsOf = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.split("\t"));

describe("GDELT export", () => {
  const events = fixtureEvents();
  for (const version of [1, 2] as const) {
    const format = version === 1 ? "gdelt1" : "gdelt2";
    const cols = version === 1 ? GDELT1_COLUMNS : GDELT2_COLUMNS;
    const at = (c: string) => cols.indexOf(c);

    it(`${format}: GLOBALEVENTID is a unique integer, stable across exports`, async () => {
      const rows = rowsOf(await exported(format, events));
      const ids = rows.map((r) => r[at("GLOBALEVENTID")]);
      for (const id of ids) expect(id).toMatch(/^[1-9]\d{0,14}$/);
      expect(new Set(ids).size).toBe(events.length);
      expect(rowsOf(await exported(format, events)).map((r) => r[at("GLOBALEVENTID")])).toEqual(ids);
      // Reversed order, same ids per event: the id comes from the event, not its row.
      const back = rowsOf(await exported(format, [...events].reverse())).map((r) => r[at("GLOBALEVENTID")]);
      expect(back).toEqual([...ids].reverse());
    });

    it(`${format}: every SQLDATE is a calendar day; a partial date is its first day`, async () => {
      const rows = rowsOf(await exported(format, events));
      for (const r of rows) expect(isDay(r[at("SQLDATE")], SQLDATE), r[at("SQLDATE")]).toBe(true);
      const byDate = new Map(events.map((e, i) => [e.date, rows[i]]));
      expect(byDate.get("2013-03")?.[at("SQLDATE")]).toBe("20130301");
      expect(byDate.get("2016")?.[at("SQLDATE")]).toBe("20160101");
      expect(byDate.get("2016")?.[at("MonthYear")]).toBe("201601");
      // FractionDate stays a number (share of the year by that day), its decimals the precision.
      expect(byDate.get("2013-02-12")?.[at("FractionDate")]).toBe((2013 + 43 / 365).toFixed(4));
      expect(byDate.get("2013-03")?.[at("FractionDate")]).toBe((2013 + 60 / 365).toFixed(2));
      expect(byDate.get("2016")?.[at("FractionDate")]).toBe("2016");
      for (const r of rows) expect(Number.isFinite(Number(r[at("FractionDate")]))).toBe(true);
    });

    it(`${format}: our own file reads back with its dates and, without evidence, its ids`, async () => {
      const back = await collect(readEvents(await exported(format, events), format));
      expect(back.map((e) => [e.date, e.datePrecision])).toEqual(
        events.map((e) => [e.date, e.datePrecision]),
      );
      // Events with no document, sentence or offsets are identified by what GDELT carries.
      const bare = events
        .map((e, i) => [e, back[i]] as const)
        .filter(([e]) => e.evidence.docId === null && e.evidence.sentence === null);
      expect(bare.length).toBeGreaterThan(3);
      for (const [e, b] of bare) {
        expect(b.id).toBe(e.id);
        expect(b.evidence.docId).toBeNull();
      }
    });
  }

  it("keeps GDELT's own GLOBALEVENTID through import and export", async () => {
    const path = join(dir, "gdelt.CSV");
    const row = new Array(GDELT2_COLUMNS.length).fill("");
    const set = (c: string, v: string) => {
      row[GDELT2_COLUMNS.indexOf(c)] = v;
    };
    set("GLOBALEVENTID", "1234567890");
    set("SQLDATE", "20180326");
    set("FractionDate", "2018.2329");
    set("Actor1Code", "PRK");
    set("Actor2Code", "CHN");
    set("EventCode", "042");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path, `${row.join("\t")}\n`);
    const [e] = await collect(readEvents(path, "gdelt2"));
    expect(e.evidence.docId).toBe("1234567890");
    const out = rowsOf(await exported("gdelt2", [e]));
    expect(out[0][GDELT2_COLUMNS.indexOf("GLOBALEVENTID")]).toBe("1234567890");
    expect(out[0][GDELT2_COLUMNS.indexOf("FractionDate")]).toBe("2018.2329");
  });

  it("still reads the zero day / month older Yalu files wrote", async () => {
    const { writeFileSync } = await import("node:fs");
    const path = join(dir, "old.CSV");
    const line = (date: string) =>
      GDELT1_COLUMNS.map((c) =>
        c === "SQLDATE"
          ? date
          : c === "Actor1Code"
            ? "CHN"
            : c === "Actor2Code"
              ? "PRK"
              : c === "EventCode"
                ? "040"
                : "",
      ).join("\t");
    writeFileSync(path, `${line("20060100")}\n${line("20060000")}\n`);
    expect((await collect(readEvents(path, "gdelt1"))).map((e) => e.date)).toEqual(["2006-01", "2006"]);
  });
});

describe("ICEWS export", () => {
  const events = fixtureEvents();
  const at = (c: string) => (ICEWS_COLUMNS as readonly string[]).indexOf(c);

  it("Event Text is the CAMEO event name, Event Date a calendar day, precision in its own column", async () => {
    const [header, ...rows] = rowsOf(await exported("icews", events));
    expect(header).toEqual([...ICEWS_COLUMNS, "Date Precision"]);
    expect(rows.map((r) => r[at("Event Text")])).toEqual(events.map((e) => cameoName(e.cameo)));
    expect(rows.find((r) => r[at("CAMEO Code")] === "112")?.[at("Event Text")]).toBe(
      "Accuse, not specified below",
    );
    for (const r of rows) expect(isDay(r[at("Event Date")], ISO_DAY), r[at("Event Date")]).toBe(true);
    expect(rows.map((r) => [r[at("Event Date")], r[20]])).toContainEqual(["2013-03-01", "month"]);
    expect(rows.map((r) => [r[at("Event Date")], r[20]])).toContainEqual(["2016-01-01", "year"]);
  });

  it("reads its own file back at the same precision", async () => {
    const skipped: number[] = [];
    const path = await exported("icews", events);
    const back = await collect(readEvents(path, "icews", { onSkip: (_, line) => skipped.push(line) }));
    // The UN Security Council has no country: ICEWS rows need one (reported, as for ICEWS's own).
    const kept = events.filter((e) => e.target.code !== "IGOUNOSEC");
    expect(skipped).toHaveLength(events.length - kept.length);
    expect(back.map((e) => [e.date, e.datePrecision])).toEqual(kept.map((e) => [e.date, e.datePrecision]));
  });

  it("names a precision that does not fit the date", async () => {
    const { writeFileSync } = await import("node:fs");
    const path = join(dir, "bad.tab");
    const row = [
      ...["1", "2006-01-15", "China", "Government", "China", "Consult", "040", "1"],
      ...["North Korea", "Government", "North Korea", "", "", "", "NA", "NA", "NA", "NA", "NA", "NA"],
      "month",
    ];
    writeFileSync(path, `${[...ICEWS_COLUMNS, "Date Precision"].join("\t")}\n${row.join("\t")}\n`);
    await expect(collect(readEvents(path, "icews"))).rejects.toThrow(
      'bad.tab:2: column Event Date: invalid date "2006-01-15": not the first day of a month',
    );
  });
});

describe("CSV export", () => {
  const events = fixtureEvents();

  it("writes every date as a calendar day, with date_precision beside it, and reads it back", async () => {
    const path = await exported("csv", events);
    const lines = readFileSync(path, "utf8").split("\n");
    const header = splitCsvLine(lines[0]);
    const [date, precision] = [header.indexOf("date"), header.indexOf("date_precision")];
    const first = splitCsvLine(lines[2]);
    expect([first[date], first[precision]]).toEqual(["2013-03-01", "month"]);
    expect(await collect(readEvents(path, "csv"))).toEqual(events);
  });

  it("with --excel: a UTF-8 byte order mark and CRLF records, read back by our reader", async () => {
    const named = normalizeEvent({
      date: "2019-06",
      source: { code: "CHNGOV", country: "CHN", name: "习近平" },
      target: { code: "PRKGOV", country: "PRK", name: "김정은" },
      cameo: "042",
      description: "Xi in Pyongyang — Ürümqi, Pyongyang",
    });
    const all = [...events, named];
    const path = await exported("csv", all, true);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.startsWith("id,date,date_precision,")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    // Every record ends with CRLF; a bare LF appears only inside a quoted field.
    expect(text.split("\r\n").filter((l) => l !== "")).toHaveLength(all.length + 1);
    expect(text).toContain("习近平");
    expect(await collect(readEvents(path))).toEqual(all);
  });
});
