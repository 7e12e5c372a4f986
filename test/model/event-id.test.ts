import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { codeDocument } from "../../src/coder/document.ts";
import { defaultCoder } from "../../src/coder/shipped.ts";
import { eventId, sentenceKey } from "../../src/model/event.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";

const article = [
  "Harbour Report",
  "",
  "June 4, 2024",
  "",
  "Japan condemned Russia on 2 June 2024.¹ On 3 June 2024 Tokyo criticised Moscow again,",
  "",
  '¹ K. Sato, "Tokyo Protests", The Harbour Times, 3 June 2024, https://example.org/harbour.',
  "",
  '^{2} L. Park, "Second Protest", Coastal Weekly, 4 June 2024.',
  "",
  "and China praised Japan on 3 June 2024.^{2} Seoul⁴ criticised Russia on 3 June 2024.",
].join("\n");

/** The same article as printed without its footnotes: markers and the footnote block gone. */
const plain = [
  "Harbour Report",
  "",
  "June 4, 2024",
  "",
  "Japan condemned Russia on 2 June 2024. On 3 June 2024 Tokyo criticised Moscow again,",
  "and China praised Japan on 3 June 2024. Seoul criticised Russia on 3 June 2024.",
].join("\n");

describe("event ids", () => {
  it("are the same for an article coded with and without its footnotes (offsets shift)", () => {
    const a = codeDocument(article, { docId: "harbour", coder: defaultCoder() }).events;
    const b = codeDocument(plain, { docId: "harbour", coder: defaultCoder() }).events;
    expect(a.length).toBeGreaterThanOrEqual(3);
    expect(a.map((e) => e.evidence.start)).not.toEqual(b.map((e) => e.evidence.start));
    expect(a.map((e) => e.id)).toEqual(b.map((e) => e.id));
    expect(new Set(a.map((e) => e.id)).size).toBe(a.length);
    expect(a[0].evidence.citation?.publication).toBe("The Harbour Times");
  });

  it("depend on document, sentence, actors, code and date", () => {
    const base = {
      date: "2024-06-02",
      source: { code: "JPN", country: "JPN", name: "Japan" },
      target: { code: "RUS", country: "RUS", name: "Russia" },
      cameo: "111",
      evidence: { docId: "d", sentence: "Japan condemned Russia.", start: 10, end: 33, citation: null },
    };
    const id = eventId(base);
    expect(eventId({ ...base, evidence: { ...base.evidence, start: 99, end: 122 } })).toBe(id);
    expect(eventId({ ...base, evidence: { ...base.evidence, sentence: " Japan  condemned Russia ." } })).toBe(
      id,
    );
    for (const other of [
      { ...base, date: "2024-06-03" },
      { ...base, cameo: "112" },
      { ...base, source: { ...base.source, code: "JPNGOV" } },
      { ...base, target: { ...base.target, code: "RUSGOV" } },
      { ...base, evidence: { ...base.evidence, docId: "e" } },
      { ...base, evidence: { ...base.evidence, sentence: "Japan condemned Russia again." } },
    ])
      expect(eventId(other)).not.toBe(id);
  });

  it("keep their old value for events without a sentence (GDELT, ICEWS, the flagship record)", () => {
    const gdelt = normalizeEvent({
      date: "2015-03-01",
      source: { code: "CHN" },
      target: { code: "PRK" },
      cameo: "042",
      evidence: { docId: "410412347" },
    });
    const old = ["2015-03-01", "CHN", "PRK", "042", "410412347", "", "", ""].join("\u001f");
    expect(gdelt.id).toBe(createHash("sha256").update(old).digest("hex").slice(0, 20));
    const next = normalizeEvent({ ...gdelt, id: undefined, evidence: { docId: "410412348" } });
    expect(next.id).not.toBe(gdelt.id);
  });

  it("fold footnote markers and spacing out of the sentence", () => {
    expect(sentenceKey("Tokyo criticised Moscow^{2} again ,  ¹ and\nleft .")).toBe(
      "Tokyo criticised Moscow again, and left.",
    );
  });
});
