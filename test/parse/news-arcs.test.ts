import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/coder/tokens.ts";
import { loadParser, parse, tree } from "../../src/parse/index.ts";

/** "dependent <relation> head" for every word of a sentence parsed with the shipped model. */
function arcs(sentence: string): string[] {
  const words = parse(
    loadParser(),
    tokenize(sentence).map((t) => t.text),
  );
  return words.map((w) => `${w.form} ${w.deprel} ${w.head === 0 ? "ROOT" : words[w.head - 1].form}`);
}

describe("the shipped parser on hand-checked news sentences", () => {
  it("finds the agent of a passive", () => {
    const a = arcs("The rebel forces were backed by Ethiopian troops.");
    expect(a).toContain("forces nsubj:pass backed");
    expect(a).toContain("troops obl:agent backed");
    expect(a).toContain("were aux:pass backed");
  });

  it("puts a reported event under the reporting verb", () => {
    const a = arcs("The foreign ministry said that Pyongyang had violated the agreement.");
    expect(a).toContain("said root ROOT");
    expect(a).toContain("ministry nsubj said");
    expect(a).toContain("violated ccomp said");
    expect(a).toContain("Pyongyang nsubj violated");
    expect(a).toContain("agreement obj violated");
  });

  it("attaches a negation to its verb", () => {
    const a = arcs("China did not condemn the missile launch on Tuesday.");
    expect(a).toContain("not advmod condemn");
    expect(a).toContain("China nsubj condemn");
    expect(a).toContain("launch obj condemn");
  });

  it("coordinates two countries as the subject", () => {
    const a = arcs("Russia and China vetoed the draft resolution.");
    expect(a).toContain("Russia nsubj vetoed");
    expect(a).toContain("China conj Russia");
    expect(a).toContain("and cc China");
    expect(a).toContain("resolution obj vetoed");
  });

  it("reads X met Y in Z to discuss W", () => {
    // Names are checked as units (which word of "Xi Jinping" heads it matters less to the coder
    // than that the name is the subject). Known error, left visible: "in Beijing" attaches to the
    // object ("Kim … in Beijing", nmod) rather than to "met" (obl); the test asserts only that it
    // stays inside the meeting's clause.
    const words = parse(
      loadParser(),
      tokenize("Xi Jinping met Kim Jong Un in Beijing to discuss trade.").map((t) => t.text),
    );
    const t = tree(words);
    const met = words.findIndex((w) => w.form === "met");
    expect(t.root).toBe(met);
    const form = (i: number) => words[i].form;
    expect(t.dependents(met, "nsubj").map(form)).toEqual([expect.stringMatching(/^(Xi|Jinping)$/)]);
    expect(t.dependents(met, "obj").map(form)).toEqual([expect.stringMatching(/^(Kim|Jong|Un)$/)]);
    const discuss = words.findIndex((w) => w.form === "discuss");
    expect(t.head(discuss)).toBe(met);
    expect(t.rel(discuss)).toBe("advcl");
    expect(t.dependents(discuss, "obj").map(form)).toEqual(["trade"]);
    const beijing = words.findIndex((w) => w.form === "Beijing");
    expect(t.dependents(beijing, "case").map(form)).toEqual(["in"]);
    const [lo, hi] = t.span(t.dependents(met, "nsubj")[0]);
    expect(beijing < lo || beijing > hi).toBe(true);
    expect(t.span(met)[1]).toBeGreaterThanOrEqual(beijing);
  });

  it("gives a navigable tree", () => {
    const words = parse(
      loadParser(),
      tokenize("Japan strongly protested the launch.").map((t) => t.text),
    );
    const t = tree(words);
    expect(words[t.root].form).toBe("protested");
    expect(t.dependents(t.root, "nsubj").map((i) => words[i].form)).toEqual(["Japan"]);
    expect(t.span(t.dependents(t.root, "obj")[0])).toEqual([3, 4]);
  });
});
