import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { codeDocument } from "../../src/coder/document.ts";
import { stripFootnotes } from "../../src/coder/footnotes.ts";
import { defaultCoder } from "../../src/coder/shipped.ts";
import type { Event } from "../../src/model/event.ts";

const SEED = "../shared/seed/000_b2160fc3c2b1a45d.txt";
const present = existsSync(SEED);
if (!present) console.warn(`skipping the seed-brief check: ${SEED} is absent`);

describe.skipIf(!present)("seed brief (../shared/seed, skipped when absent)", () => {
  const doc = present ? readFileSync(SEED, "utf8") : "";
  const { events, docDate } = present
    ? codeDocument(doc, { docId: "seed", coder: defaultCoder() })
    : { events: [], docDate: null };
  const find = (date: string, source: string, target: string, root?: string): Event[] =>
    events.filter(
      (e) =>
        e.date === date &&
        e.source.code.startsWith(source) &&
        e.target.code.startsWith(target) &&
        (root === undefined || e.root === root),
    );

  it("takes the document date from the brief's head", () => {
    expect(docDate).toBe("2025-10-01");
  });

  it("codes the 4 September 2025 Xi–Kim meeting (CHN → PRK, consult)", () => {
    const [e] = find("2025-09-04", "CHN", "PRK", "04");
    expect(e.source.code).toBe("CHNGOV");
    expect(e.target.code).toBe("PRKGOV");
    expect(e.datePrecision).toBe("day");
  });

  it("codes China's backing of the 2013, 2016 and 2017 sanctions against North Korea", () => {
    for (const year of ["2013", "2016", "2017"]) {
      const found = find(year, "CHN", "PRK").filter((e) => e.cameo === "163" || e.root === "05");
      expect(found.length, year).toBeGreaterThan(0);
    }
    expect(find("2013", "CHN", "PRK")[0].evidence.citation?.publication).toBe("Bloomberg");
  });

  it("codes the 8 September 2022 nuclear-forces law by North Korea", () => {
    expect(find("2022-09-08", "PRK", "PRK")).toHaveLength(1);
  });

  it("codes the 2018–2019 summits with their months", () => {
    expect(find("2018-03", "CHN", "PRK", "04")).toHaveLength(1);
    expect(find("2018-05", "PRK", "CHN", "04")).toHaveLength(1);
    for (const month of ["2018-06", "2019-01", "2019-06"])
      expect(find(month, "PRK", "CHN", "04"), month).toHaveLength(1);
  });

  it("codes the 1592 Ming intervention against Japan (CHN → JPN, root 19)", () => {
    expect(find("1592", "CHN", "JPN", "19")).toHaveLength(1);
  });

  it("codes nothing from the footnote lines and rejoins sentences split by a footnote block", () => {
    const footnoteLines = doc.split("\n").filter((l) => /^\s*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\^\{\d)/.test(l));
    expect(footnoteLines).toHaveLength(20);
    for (const e of events) {
      for (const l of footnoteLines) expect(e.evidence.sentence).not.toContain(l.trim().slice(3, 40));
      expect(e.evidence.sentence).not.toMatch(/[¹²³⁴⁵⁶⁷⁸⁹⁰]/);
    }
    expect(stripFootnotes(doc).text).toContain("at the insistence of Soviet leader Joseph Stalin.");
    expect(find("1950", "PRK", "CHN")[0].evidence.sentence).toContain("Soviet leader Joseph Stalin");
    for (const e of events) {
      const { start, end } = e.evidence;
      expect(doc.slice(start!, start! + 12)).toBe(e.evidence.sentence!.slice(0, 12));
      expect(end!).toBeGreaterThan(start!);
    }
  });
});
