// The dyad chart's CSVs without a browser: each period names the events behind its mean, and each
// event its period, phase and citation, so a point in a brief traces to its reports.
import { describe, expect, it } from "vitest";
import type { WindowedPhases as PhasesResponse } from "../../src/analysis/load.ts";
import type { Event } from "../../src/model/event.ts";
import { toCsv } from "../../src/web/src/csv.ts";
import { eventRows, periodRows } from "../../src/web/src/dyad-data.ts";

const cell = (count: number, goldsteinMean: number | null) => ({ count, goldsteinMean });
const period = (y: string, count: number, mean: number | null) => ({
  period: y,
  start: `${y}-01-01`,
  end: `${y}-12-31`,
  both: cell(count, mean),
});

const data = {
  dyad: "CHN-PRK",
  window: null,
  model: { bucket: "year" },
  series: [period("2016", 2, -5), period("2017", 0, null), period("2018", 1, 7)],
  phases: [
    { from: "2016", to: "2017", start: "2016-01-01", end: "2017-12-31", label: "cooling", goldsteinMean: -5 },
    { from: "2018", to: "2018", start: "2018-01-01", end: "2018-12-31", label: "warming", goldsteinMean: 7 },
  ],
  turningPoints: [],
} as unknown as PhasesResponse;

const event = (id: string, date: string, cameo: string, goldstein: number, publication: string | null) =>
  ({
    id,
    date,
    datePrecision: date.length === 10 ? "day" : date.length === 7 ? "month" : "year",
    publicationDate: null,
    source: { code: "CHN", country: "CHN", name: "China" },
    target: { code: "PRK", country: "PRK", name: "North Korea" },
    cameo,
    root: cameo.slice(0, 2),
    quadClass: goldstein < 0 ? 4 : 2,
    goldstein,
    plover: null,
    description: `event ${id}`,
    origin: "yalu",
    confidence: null,
    evidence: {
      docId: null,
      sentence: `Sentence of ${id}, with a comma.`,
      start: null,
      end: null,
      citation: publication
        ? { publication, title: `Report ${id}`, date: "2016-12-01", url: `https://example.org/${id}` }
        : null,
    },
  }) as Event;

const events = [
  event("b2", "2018-04-27", "057", 8, "Xinhua"),
  event("a1", "2016-11", "163", -8, "UN SC/12603"),
  event("a0", "2016", "112", -2, "KCNA"),
];

describe("the dyad chart's data", () => {
  it("names each period's events and the publications that reported them", () => {
    const rows = periodRows(data, events);
    expect(rows.map((r) => [r.period, r.events, r.phase, r.eventIds, r.sources])).toEqual([
      ["2016", 2, "cooling", "a1 a0", "UN SC/12603; KCNA"],
      ["2017", 0, "cooling", "", ""],
      ["2018", 1, "warming", "b2", "Xinhua"],
    ]);
  });

  it("lists the events by date, each with its period, phase, codes and citation", () => {
    const rows = eventRows(data, events);
    expect(rows.map((r) => [r.id, r.date, r.datePrecision, r.period, r.phase, r.cameo, r.goldstein])).toEqual(
      [
        ["a0", "2016", "year", "2016", "cooling", "112", -2],
        ["a1", "2016-11", "month", "2016", "cooling", "163", -8],
        ["b2", "2018-04-27", "day", "2018", "warming", "057", 8],
      ],
    );
    expect(rows[2]).toMatchObject({
      source: "CHN",
      sourceName: "China",
      target: "PRK",
      publication: "Xinhua",
      title: "Report b2",
      url: "https://example.org/b2",
    });
    const csv = toCsv(rows).split("\r\n");
    expect(csv[0]).toBe(
      "id,date,datePrecision,period,phase,source,sourceName,target,targetName,cameo,quadClass,goldstein,description,publication,title,published,url,sentence",
    );
    expect(csv[1]).toBe(
      'a0,2016,year,2016,cooling,CHN,China,PRK,North Korea,112,4,-2,event a0,KCNA,Report a0,2016-12-01,https://example.org/a0,"Sentence of a0, with a comma."',
    );
  });

  it("leaves an event without a citation its empty source fields, and one outside the window no period", () => {
    const rows = eventRows(data, [event("z", "2019-01-01", "010", 0, null)]);
    expect(rows[0]).toMatchObject({ period: null, phase: null, publication: null, url: null });
  });
});
