import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FORMATS, type FormatName, readEvents, writeEvents } from "../../src/formats/index.ts";
import type { Event } from "../../src/model/event.ts";
import { fixtureEvents } from "../store/fixtures.ts";
import { gdeltLine } from "./gdelt-lines.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-formats-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const tmp = (ext: string) => join(dir, `f${++n}${ext}`);

async function collect(events: AsyncIterable<Event>): Promise<Event[]> {
  const out: Event[] = [];
  for await (const e of events) out.push(e);
  return out;
}

async function roundTrip(events: Event[], format: FormatName, ext: string): Promise<Event[]> {
  const path = tmp(ext);
  expect(await writeEvents(events, format, path)).toBe(events.length);
  return collect(readEvents(path, format));
}

const EXT: Record<FormatName, string> = {
  gdelt1: ".export.CSV",
  gdelt2: ".export.CSV",
  icews: ".tab",
  plover: ".json",
  csv: ".csv",
  jsonl: ".jsonl",
  parquet: ".parquet",
};

describe("lossless formats keep every field", () => {
  const events = fixtureEvents();
  for (const format of ["csv", "jsonl", "parquet", "plover"] as const) {
    it(format, async () => {
      expect(await roundTrip(events, format, EXT[format])).toEqual(events);
    });
  }
  it("csv and jsonl through .gz and .zip", async () => {
    expect(await roundTrip(events, "csv", ".csv.gz")).toEqual(events);
    expect(await roundTrip(events, "jsonl", ".jsonl.zip")).toEqual(events);
  });
});

describe("GDELT files", () => {
  const rows = (version: 1 | 2) =>
    (
      [
        {
          GLOBALEVENTID: "101",
          SQLDATE: "20130212",
          Actor1Code: "CHNGOV",
          Actor1CountryCode: "CHN",
          Actor1Name: "CHINA",
          Actor2Code: "PRK",
          Actor2CountryCode: "PRK",
          EventCode: "112",
          GoldsteinScale: "-2.0",
          DATEADDED: version === 2 ? "20130212120000" : "20130212",
          SOURCEURL: "https://example.org/1",
        },
        {
          GLOBALEVENTID: "102",
          SQLDATE: "20180326",
          Actor1Code: "PRK",
          Actor2Code: "CHN",
          EventCode: "042",
          GoldsteinScale: "1.9",
          DATEADDED: "",
        },
        // One actor only: not a dyadic event, reported as skipped.
        { GLOBALEVENTID: "103", SQLDATE: "20180327", Actor1Code: "USA", Actor2Code: "", EventCode: "010" },
      ] as Record<string, string>[]
    ).map((r) => gdeltLine(r, version));

  for (const version of [1, 2] as const) {
    const format = version === 1 ? "gdelt1" : "gdelt2";
    it(`reads and re-exports GDELT ${version}.0 with the same ids`, async () => {
      const path = tmp(".CSV");
      writeFileSync(path, `${rows(version).join("\n")}\n`);
      const skipped: number[] = [];
      const events = await collect(readEvents(path, undefined, { onSkip: (_, line) => skipped.push(line) }));
      expect(skipped).toEqual([3]);
      expect(events.map((e) => [e.date, e.source.code, e.target.code, e.cameo, e.evidence.docId])).toEqual([
        ["2013-02-12", "CHNGOV", "PRK", "112", "101"],
        ["2018-03-26", "PRK", "CHN", "042", "102"],
      ]);
      expect(events[0]).toMatchObject({
        publicationDate: "2013-02-12",
        origin: "gdelt",
        source: { name: "CHINA" },
      });
      expect(events[0].evidence.citation?.url).toBe("https://example.org/1");
      expect(await roundTrip(events, format, ".CSV")).toEqual(events);
      expect(await roundTrip(events, format, ".CSV.zip")).toEqual(events);
      expect(await roundTrip(events, format, ".CSV.gz")).toEqual(events);
    });
  }

  it("reads the 57-column back files (no SOURCEURL)", async () => {
    const path = tmp(".CSV");
    writeFileSync(
      path,
      `${rows(1)
        .map((r) => r.split("\t").slice(0, 57).join("\t"))
        .join("\n")}\n`,
    );
    const events = await collect(readEvents(path));
    expect(events).toHaveLength(2);
    expect(events[0].evidence.citation).toBeNull();
  });

  it("keeps month and year precision through GDELT's SQLDATE", async () => {
    const events = fixtureEvents().filter((e) => e.date.length < 10);
    const back = await roundTrip(events, "gdelt2", ".CSV");
    expect(back.map((e) => e.date)).toEqual(events.map((e) => e.date));
  });
});

const ICEWS_SAMPLE = "../shared/reference/eventdata/icews/inst/extdata/events.2018.sample.tab";

describe.skipIf(!existsSync(ICEWS_SAMPLE))("ICEWS sample (needs ../shared reference data)", () => {
  it("maps actors to CAMEO codes and round-trips with the same ids", async () => {
    let skipped = 0;
    const events = await collect(readEvents(ICEWS_SAMPLE, undefined, { onSkip: () => skipped++ }));
    expect(events.length + skipped).toBe(3705);
    expect(events.length).toBeGreaterThan(2500);
    expect(events[0]).toMatchObject({
      date: "2018-06-01",
      source: { code: "BGDGOV", country: "BGD", name: "Foreign Affairs (Bangladesh)" },
      target: { code: "VNMMIL", country: "VNM", name: "High Ranking Military Personnel (Vietnam)" },
      cameo: "040",
      origin: "icews",
    });
    const back = await roundTrip(events, "icews", ".tab");
    expect(back.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(back).toEqual(events);
  });
});

describe("every format is covered", () => {
  it("lists the seven formats", () => {
    expect([...FORMATS].sort()).toEqual(Object.keys(EXT).sort());
  });
});
