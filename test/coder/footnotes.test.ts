import { describe, expect, it } from "vitest";
import { codeDocument } from "../../src/coder/document.ts";
import { citationIn, parseCitation, stripFootnotes } from "../../src/coder/footnotes.ts";
import { defaultCoder } from "../../src/coder/shipped.ts";

const brief = [
  "Policy Brief",
  "",
  "March 3, 2024",
  "",
  "Japan condemned Russia in 2023.¹ Later that year the alliance held, and on 2 May 2023 Tokyo criticised",
  "",
  '¹ A. Writer, "Tokyo Speaks Out", Nikkei Asia, 12 March 2023, https://example.org/a.',
  "",
  '^{2} B. Author, "Second Thoughts", The Diplomat, 4 May 2023.',
  "",
  "Moscow again.^{2} Finally, 40 ships sailed.",
].join("\n");

describe("footnotes", () => {
  it("parses a citation: title, publication, date, URL", () => {
    expect(parseCitation('C. Name, "A Title", Foreign Affairs, 21 August 2025.')).toEqual({
      publication: "Foreign Affairs",
      title: "A Title",
      date: "2025-08-21",
      url: null,
    });
  });

  it("drops footnote lines, blanks markers and rejoins a sentence split by a footnote block", () => {
    const c = stripFootnotes(brief);
    expect([...c.footnotes.keys()]).toEqual([1, 2]);
    expect(c.text).not.toContain("Nikkei");
    expect(c.text).toContain("Tokyo criticised Moscow again.");
    expect(c.text).toContain("Finally, 40 ships");
    expect(c.markers.map((m) => m.n)).toEqual([1, 2]);
    const at = c.text.indexOf("Moscow");
    expect(citationIn(c, at, at + 20)?.publication).toBe("The Diplomat");
  });

  it("attaches the cited source to the events of the marked sentence and codes no footnote", () => {
    const r = codeDocument(brief, { docId: "b", coder: defaultCoder() });
    const byDate = Object.fromEntries(r.events.map((e) => [e.date, e]));
    expect(byDate["2023"].evidence.citation).toMatchObject({
      publication: "Nikkei Asia",
      url: "https://example.org/a",
    });
    expect(byDate["2023-05-02"].source.code).toBe("JPNGOV");
    expect(byDate["2023-05-02"].target.code).toBe("RUSGOV");
    expect(byDate["2023-05-02"].evidence.citation?.title).toBe("Second Thoughts");
    expect(r.events.every((e) => !/Nikkei|Diplomat/.test(e.evidence.sentence ?? ""))).toBe(true);
  });
});
