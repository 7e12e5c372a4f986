import { existsSync, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  PetrarchXmlError,
  petrarchDate,
  readPetrarchXml,
  readPetrarchXmlStream,
} from "../../src/formats/petrarch-xml.ts";

const sample = `<Sentences>
<!-- a comment with <Sentence> inside -->
<Sentence date = "20080804" id ='A-1' category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode='"THE MINISTRY"' eventcode="064"></EventCoding>
<Text>
Arnor restored ties
 with Gondor &amp; Osgiliath.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date="20080805" id="A-2"><EventCoding noevents = "True"></EventCoding><Text>Nothing.</Text></Sentence>
</Sentences>`;

describe("readPetrarchXml", () => {
  it("reads records, codings, dates and parses", () => {
    const rs = [...readPetrarchXml(sample, "s.xml")];
    expect(rs.map((r) => r.id)).toEqual(["A-1", "A-2"]);
    expect(rs[0].date).toBe("2008-08-04");
    expect(rs[0].text).toBe("Arnor restored ties with Gondor & Osgiliath.");
    expect(rs[0].codings).toEqual([{ source: "ARN", target: '"THE MINISTRY"', code: "064" }]);
    expect(rs[0].parse).toContain("NNP Arnor");
    expect(rs[0].line).toBe(3);
    expect(rs[1].noEvents).toBe(true);
    expect(rs[1].parse).toBeNull();
  });

  it("names file and line of broken records", () => {
    const unclosed = 'x\n<Sentence id="B" date="20010101">\n<Text>a</Text>\n';
    expect(() => [...readPetrarchXml(unclosed, "u.xml")]).toThrow(/u\.xml:2: .*never closed/);
    const badDate = '<Sentence id="B" date="2001">\n<Text>a</Text></Sentence>';
    expect(() => [...readPetrarchXml(badDate, "d.xml")]).toThrow(PetrarchXmlError);
    const noText = '\n\n<Sentence id="C" date="20010101"></Sentence>';
    expect(() => [...readPetrarchXml(noText, "t.xml")]).toThrow(/t\.xml:3: no complete <Text> in record "C"/);
    expect(() => [...readPetrarchXml("<Text>x</Text>", "o.xml")]).toThrow(/o\.xml:1: <Text> outside/);
  });

  it("reads TABARI's YYMMDD dates beside YYYYMMDD and YYYY-MM-DD", () => {
    expect(petrarchDate("121108")).toBe("2012-11-08");
    expect(petrarchDate("950101")).toBe("1995-01-01");
    expect(petrarchDate("20121108")).toBe("2012-11-08");
    expect(petrarchDate("2012-11-08")).toBe("2012-11-08");
    for (const bad of ["1211", "121131", "20121308", "12-11-08", ""]) expect(petrarchDate(bad)).toBeNull();
    const xml =
      '<Sentences>\n<Sentence date="121108" id="W-1"><Text>Arnor met Gondor.</Text></Sentence>\n</Sentences>';
    expect([...readPetrarchXml(xml, "w.xml")][0].date).toBe("2012-11-08");
  });

  const mixed = [
    "<Sentences>",
    '<Sentence date="20121108" id="OK-1"><Text>Arnor met Gondor.</Text></Sentence>',
    '<Sentence date="1211" id="AFP-1"><Text>Rohan met Arnor.</Text></Sentence>',
    '<Sentence date="121109" id="NO-TEXT"></Sentence>',
    '<Sentence date="121110" id="CODE"><EventCoding sourcecode="ARN"></EventCoding><Text>x</Text></Sentence>',
    '<Sentence date="121111" id="OK-2"><Text>Gondor thanked Rohan.</Text></Sentence>',
    "</Sentences>",
  ].join("\n");

  it("names a bad record by its id and line", () => {
    expect(() => [...readPetrarchXml(mixed, "m.xml")]).toThrow(
      'm.xml:3: invalid date "1211" in record "AFP-1" (expected YYYYMMDD or YYMMDD)',
    );
  });

  it("with onBad, reports each bad record and reads on", async () => {
    const bad: string[] = [];
    const onBad = (e: PetrarchXmlError) => bad.push(e.message);
    expect([...readPetrarchXml(mixed, "m.xml", { onBad })].map((r) => r.id)).toEqual(["OK-1", "OK-2"]);
    expect(bad).toEqual([
      'm.xml:3: invalid date "1211" in record "AFP-1" (expected YYYYMMDD or YYMMDD)',
      'm.xml:4: no complete <Text> in record "NO-TEXT"',
      'm.xml:5: <EventCoding> needs sourcecode, targetcode and eventcode in record "CODE"',
    ]);
    const streamed: string[] = [];
    const chunks = Readable.from(mixed.match(/[\s\S]{1,9}/g)!);
    for await (const r of readPetrarchXmlStream(chunks, "m.xml", () => streamed.push("bad")))
      streamed.push(r.id);
    expect(streamed).toEqual(["OK-1", "bad", "bad", "bad", "OK-2"]);
  });

  it("streams the same records across arbitrary chunk boundaries", async () => {
    const chunks = sample.match(/[\s\S]{1,7}/g)!;
    const out = [];
    for await (const r of readPetrarchXmlStream(Readable.from(chunks), "s.xml")) out.push(r);
    expect(out).toEqual([...readPetrarchXml(sample, "s.xml")]);
  });

  const unit = "../shared/reference/eventdata/petrarch2/text/PETR.UnitTest.records.xml";
  it.skipIf(!existsSync(unit))(
    "reads all 385 codings of the PETRARCH unit suite (skips without ../shared)",
    () => {
      const rs = [...readPetrarchXml(readFileSync(unit, "utf8"), unit)];
      expect(rs.length).toBe(284);
      const total = rs.reduce((n, r) => n + r.codings.length + (r.noEvents ? 1 : 0) + (r.error ? 1 : 0), 0);
      expect(total).toBe(385);
    },
  );

  // Both inputs took more than 20 s before: a regex retrying through a long run, start by start.
  it("reads a 192 KB unquoted attribute value in linear time (found by the fuzzer)", () => {
    const xml = sample.replace("targetcode='", `targetcode=${"A".repeat(192_000)}'`);
    const t = performance.now();
    expect(() => [...readPetrarchXml(xml, "s.xml")]).toThrow(
      "s.xml:4: <EventCoding> needs sourcecode, targetcode and eventcode",
    );
    expect(performance.now() - t).toBeLessThan(3_000);
  });

  it("skips 40,000 unclosed tags in linear time", () => {
    const t = performance.now();
    expect([...readPetrarchXml(`${sample}\n${"<Text".repeat(40_000)}`, "s.xml")]).toHaveLength(2);
    expect(performance.now() - t).toBeLessThan(3_000);
  });
});
