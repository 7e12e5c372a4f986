import { describe, expect, it } from "vitest";
import { codeDocument } from "../../src/coder/document.ts";
import { codeForMood } from "../../src/coder/moods.ts";
import { NativeCoder } from "../../src/coder/native.ts";
import { shippedCoderData } from "../../src/coder/shipped.ts";
import type { Event } from "../../src/model/event.ts";

const coder = new NativeCoder(shippedCoderData());

/** Code one sentence dated 2024-05-15 (a Wednesday) and give "SOURCE TARGET CODE DATE" strings. */
function code(text: string, date = "2024-05-15"): string[] {
  return coder.code({ id: "s", text, date, docId: "t", offset: 0 }).map(brief);
}
const brief = (e: Event): string => `${e.source.code} ${e.target.code} ${e.cameo} ${e.date}`;

describe("NativeCoder: actors", () => {
  it("resolves people by their dated role, titles and demonym + role nouns", () => {
    expect(
      code("When President Xi Jinping met North Korean leader Kim Jong-Un in Beijing on 4 September 2025."),
    ).toEqual(["CHNGOV PRKGOV 040 2025-09-04"]);
    // Before 2011-12-17 Kim Jong-un held no government role.
    expect(code("Kim Jong-un met Hu Jintao in 2010.")[0]).toMatch(/^PRK\w* CHNGOV 040 2010$/);
  });

  it("reads capitals as governments and possessives with role nouns", () => {
    expect(code("Seoul accused Pyongyang of firing artillery shells into the sea.")).toEqual([
      "KORGOV PRKGOV 112 2024-05-15",
    ]);
    expect(code("Japan's foreign ministry condemned North Korea's missile launch.")).toEqual([
      "JPNGOV PRK 111 2024-05-15",
    ]);
    expect(code("Turkey's military seized a Syrian town.")).toEqual(["TURMIL SYR 192 2024-05-15"]);
  });

  it("multiplies out coordinated actors", () => {
    expect(code("China and Russia vetoed a US-drafted resolution.")).toEqual([
      "CHN USA 129 2024-05-15",
      "RUS USA 129 2024-05-15",
    ]);
    expect(code("South Korea and Japan signed a military intelligence pact in 2016.").sort()).toEqual([
      "JPN KOR 057 2016",
      "KOR JPN 057 2016",
    ]);
  });
});

describe("NativeCoder: verbs, voice and mood", () => {
  it("swaps source and target in the passive", () => {
    expect(code("North Korea was sanctioned by the United Nations in 2017.")).toEqual([
      "IGOUNO PRK 163 2017",
    ]);
    expect(code("Kim Jong Un was hosted by Xi Jinping in Beijing.")).toEqual([
      "CHNGOV PRKGOV 043 2024-05-15",
    ]);
    expect(code("China is often urged to restrain North Korea.")).toEqual([]);
  });

  it("codes no event for negated or hypothetical verbs", () => {
    expect(code("Beijing did not condemn Pyongyang.")).toEqual([]);
    expect(code("China never visited Japan.")).toEqual([]);
    expect(code("Russia could attack Ukraine.")).toEqual([]);
  });

  it("codes intent, threats and refusals with 03x, 13x and 12x codes", () => {
    expect(code("President Xi will visit Pyongyang next month.")).toEqual(["CHNGOV PRKGOV 036 2024-06"]);
    expect(code("The North Korean leader threatened to attack South Korea.")).toEqual([
      "PRKGOV KOR 1384 2024-05-15",
    ]);
    expect(code("Kim Jong Un refused to meet Moon Jae-in.")[0]).toMatch(/^PRKGOV KOR\w* 125 /);
    expect(code("Japan pledged to provide humanitarian aid to Ukraine.")).toEqual([
      "JPN UKR 0333 2024-05-15",
    ]);
    expect(codeForMood("163", "threat")).toBe("1312");
    expect(codeForMood("042", "negated")).toBeNull();
  });

  it("finds targets after prepositions and nominal patterns with possessors", () => {
    expect(code("The United States imposed new sanctions on Iran on Monday.")).toEqual([
      "USA IRN 163 2024-05-13",
    ]);
    expect(code("The European Union called on Belarus to release political prisoners.")[0]).toMatch(
      /^IGO\w+ BLR 020 /,
    );
    expect(
      code(
        "It improved when Xi visited North Korea in March 2018, followed by Kim's visit to China in May 2018.",
      ),
    ).toEqual(["CHNGOV PRK 042 2018-03", "PRKGOV CHN 042 2018-05"]);
    expect(code("North Korea fired two ballistic missiles into the sea on Wednesday.")).toEqual([
      "PRK PRK 150 2024-05-15",
    ]);
  });

  it("keeps a verb with an object before a purpose clause, quantities, own prepositions, domestic institutions", () => {
    expect(code("Pakistan summoned the Indian ambassador to protest against the killings.")).toEqual([
      "PAK INDGOV 114 2024-05-15",
    ]);
    // The scene ("in Moscow") gives the agents their country.
    expect(code("Police arrested dozens of protesters in Moscow.")).toEqual(["RUSCOP RUSOPP 173 2024-05-15"]);
    expect(code("US troops withdrew from Afghanistan in August 2021.")).toEqual(["USAMIL AFG 087 2021-08"]);
    expect(code("Kim Jong Un praised the army for the launch.")).toEqual(["PRKGOV PRKMIL 051 2024-05-15"]);
    expect(code("India and China held military talks.").sort()).toEqual([
      "CHN IND 040 2024-05-15",
      "IND CHN 040 2024-05-15",
    ]);
  });

  it("does not take an appeal's addressee as the actor of what is asked", () => {
    expect(code("The US urged China to impose sanctions on North Korea.")).toEqual([
      "USA CHN 020 2024-05-15",
    ]);
  });
});

describe("codeDocument", () => {
  it("dates undated sentences by the document date and carries 'the following year'", () => {
    const doc =
      "Russian forces invaded Ukraine in 2014.\n\nThe following year, Russia attacked Ukraine again.";
    const r = codeDocument(doc, { docId: "d", docDate: "2024-01-10", coder });
    expect(r.events.map(brief)).toEqual(["RUSMIL UKR 192 2014", "RUS UKR 190 2015"]);
    expect(r.events[1].evidence).toMatchObject({ docId: "d", start: 41, end: doc.length });
    expect(doc.slice(r.events[1].evidence.start!, r.events[1].evidence.end!)).toBe(
      r.events[1].evidence.sentence,
    );
  });

  it("reads 'both countries' as the two sides of the last event, dated past commas inside a name", () => {
    const doc =
      "Xi Jinping met Kim Jong Un in Beijing on 4 September 2025.\n\nBoth countries renewed their Treaty of Friendship, Co-operation and Mutual Assistance in 2021.";
    const r = codeDocument(doc, { docId: "d", docDate: "2025-10-01", coder });
    expect(r.events.map(brief)).toEqual([
      "CHNGOV PRKGOV 040 2025-09-04",
      "CHNGOV PRKGOV 057 2021",
      "PRKGOV CHNGOV 057 2021",
    ]);
  });

  it("takes the document date from the head of a brief when none is given", () => {
    const r = codeDocument("Issue Brief\n\nOctober 01, 2025\n\nChina condemned Japan.", { coder });
    expect(r.docDate).toBe("2025-10-01");
    expect(r.events.map(brief)).toEqual(["CHN JPN 111 2025-10-01"]);
  });

  it("gives no events to sentences without any date when there is no document date", () => {
    expect(codeDocument("China condemned Japan.", { coder }).events).toEqual([]);
  });

  it("reads Markdown with offsets into the Markdown file", () => {
    const md = "# Notes\n\n**China** [condemned](https://x.org) Japan on 3 May 2024.";
    const r = codeDocument(md, { format: "markdown", docId: "m.md", coder });
    expect(r.events.map(brief)).toEqual(["CHN JPN 111 2024-05-03"]);
    expect(r.events[0].evidence.start).toBe(md.indexOf("China"));
  });

  it("codes PETRARCH XML records with their own ids and dates", () => {
    const xml = `<Sentences><Sentence date="20080804" id="S1"><Text>Japan condemned China.</Text></Sentence></Sentences>`;
    const r = codeDocument(xml, { docId: "x.xml", coder });
    expect(r.events.map((e) => `${brief(e)} ${e.evidence.docId}`)).toEqual(["JPN CHN 111 2008-08-04 S1"]);
  });
});
