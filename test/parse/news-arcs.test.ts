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
    const a = arcs("Xi Jinping met Kim Jong Un in Beijing to discuss trade.");
    expect(a).toContain("met root ROOT");
    expect(a).toContain("Xi nsubj met");
    expect(a).toContain("Kim obj met");
    expect(a).toContain("Beijing obl met");
    expect(a).toContain("discuss advcl met");
    expect(a).toContain("trade obj discuss");
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
