import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeDocument } from "../../src/coder/document.ts";
import { defaultCoder } from "../../src/coder/shipped.ts";

const WORDS = [
  "China",
  "North Korea",
  "Kim Jong Un",
  "Xi Jinping",
  "Japan's",
  "foreign ministry",
  "the US",
  "met",
  "visited",
  "was",
  "sanctioned",
  "by",
  "not",
  "will",
  "threatened",
  "to",
  "attack",
  "and",
  "in",
  "2017",
  "on",
  "4 September 2025",
  "the following year",
  "¹",
  "^{2}",
  ",",
  ".",
  "\n\n",
  "both countries",
  "signed",
  "a",
  "treaty",
  "it",
  "condemned",
  "'s",
  "(",
  ")",
  "—",
  "refused",
  "meet",
  "last month's",
  "Pyongyang",
  "Beijing",
  "troops",
];

describe("coder robustness (property tests)", () => {
  it("never throws on arbitrary text, and every event points into the document", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((w) => w.join(" ")),
        ),
        (text) => {
          const r = codeDocument(text, { docId: "f", docDate: "2024-05-15", coder: defaultCoder() });
          for (const e of r.events) {
            const { start, end, sentence } = e.evidence;
            expect(start).toBeGreaterThanOrEqual(0);
            expect(end).toBeLessThanOrEqual(text.length);
            expect(end!).toBeGreaterThan(start!);
            expect(sentence!.length).toBeGreaterThan(0);
            expect(e.source.code).toMatch(/^[A-Z0-9]{3,}$/);
            expect(e.target.code).toMatch(/^[A-Z0-9]{3,}$/);
          }
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });
});
