import { describe, expect, it } from "vitest";
import { readActorDictionary } from "../../src/coder/petrarch/actors.ts";
import { readAgentDictionary } from "../../src/coder/petrarch/agents.ts";
import type { Dictionaries } from "../../src/coder/petrarch/coder.ts";
import { readDiscardList } from "../../src/coder/petrarch/discards.ts";
import { dictionaryCoder } from "../../src/coder/petrarch/index.ts";
import { PhraseIndex } from "../../src/coder/petrarch/phrases.ts";
import { readVerbDictionary } from "../../src/coder/petrarch/verbs.ts";

function dictionaries(): Dictionaries {
  const verbs = readVerbDictionary(
    `--- CONDEMN [122] ---\nCONDEMN\n- * + FOR $ [121]\n\n--- VISIT [042:043] ---\nVISIT\n\n--- MEET [040] ---\nMEET\n- % * [041]\n`,
    "t.verbs",
  );
  const actors = new PhraseIndex<ReturnType<typeof readActorDictionary>["entries"][number]>();
  for (const e of readActorDictionary(
    "NORTHLAND [NTH]\nSOUTHLAND [STH]\n+SOUTH_CITY\nEASTLAND [EST]\n",
    "t.actors",
  ).entries)
    for (const [k, p] of e.phrases.entries()) actors.add(p, e, e.gaps[k]);
  const agents = new PhraseIndex<ReturnType<typeof readAgentDictionary>["entries"][number]>();
  for (const e of readAgentDictionary("MINISTER [~GOV]\nTROOPS {} [~MIL]\n", "t.agents").entries)
    agents.add(e.words, e);
  return { verbs, actors: actors.seal(), agents: agents.seal(), discards: readDiscardList("+CRICKET\n") };
}

const coder = dictionaryCoder(dictionaries());
const raw = (parse: string, text = "x") =>
  coder
    .codeRaw({ id: "t", text, date: "2020-01-01", docId: null, offset: 0, parse })
    .codings.map((c) => `${c.source} ${c.target} ${c.code}`);

describe("dictionary coder", () => {
  it("codes subject, verb and object with agents", () => {
    expect(
      raw(
        "(ROOT (S (NP (NNP Northland) (POS 's) (NN minister)) (VP (VBD condemned) (NP (NNP Southland) (NNS troops)))))",
      ),
    ).toEqual(["NTHGOV STHMIL 122"]);
  });

  it("applies a pattern's source and target markers", () => {
    expect(
      raw(
        "(ROOT (S (NP (NNP Eastland)) (VP (VBD condemned) (NP (NNP Southland)) (PP (IN for) (NP (NNP Northland))))))",
      ),
    ).toEqual(["NTH STH 121"]);
  });

  it("emits paired codes and expands compound targets", () => {
    expect(
      raw(
        "(ROOT (S (NP (NNP Northland)) (VP (VBD visited) (NP (NNP Southland) (CC and) (NNP Eastland)))))",
      ).sort(),
    ).toEqual(["EST NTH 043", "NTH EST 042", "NTH STH 042", "STH NTH 043"]);
  });

  it("codes a compound subject with % as a reciprocal event", () => {
    expect(raw("(ROOT (S (NP (NNP Northland) (CC and) (NNP Southland)) (VP (VBP meet))))").sort()).toEqual([
      "NTH STH 041",
      "STH NTH 041",
    ]);
  });

  it("reads the source of a passive from its by-phrase", () => {
    expect(
      raw(
        "(ROOT (S (NP (NNP Southland)) (VP (VBD was) (VP (VBN condemned) (PP (IN by) (NP (NNP Northland)))))))",
      ),
    ).toEqual(["NTH STH 122"]);
  });

  it("stops at a discard and reports a malformed parse without throwing", () => {
    const d = coder.codeRaw({
      id: "d",
      text: "",
      date: null,
      docId: null,
      offset: 0,
      parse: "(ROOT (S (NP (NN cricket))))",
    });
    expect(d.discard?.story).toBe(true);
    const bad = coder.codeRaw({
      id: "b",
      text: "",
      date: null,
      docId: null,
      offset: 0,
      parse: "(ROOT (S (NP x)))))",
    });
    expect(bad.error).toMatch(/sentence "b": bad parse/);
  });

  it("refuses pathological input cleanly", () => {
    const deep = `${"(S ".repeat(5000)}(NN x)${")".repeat(5000)}`;
    expect(
      coder.codeRaw({ id: "deep", text: "", date: null, docId: null, offset: 0, parse: deep }).error,
    ).toMatch(/nested deeper/);
    const long = "Northland condemned Southland. ".repeat(1000);
    expect(coder.code({ id: "long", text: long, date: "2020-01-01", docId: null, offset: 0 })).toEqual([]);
  });

  it("gives a relative clause the noun it modifies as subject, in parses and plain text", () => {
    expect(
      raw(
        "(ROOT (S (NP (NP (NNP Eastland)) (SBAR (WHNP (WDT which)) (S (VP (VBD condemned) (NP (NNP Southland)))))) (VP (VBD visited) (NP (NNP Northland)))))",
      ).sort(),
    ).toEqual(["EST NTH 042", "EST STH 122", "NTH EST 043"]);
    const events = coder.code({
      id: "r",
      text: "Northland troops, who condemned Eastland, visited South City.",
      date: "2020-01-02",
      docId: null,
      offset: 0,
    });
    expect(events.map((e) => `${e.source.code} ${e.target.code} ${e.cameo}`).sort()).toEqual([
      "NTHMIL EST 122",
      "NTHMIL STH 042",
      "STH NTHMIL 043",
    ]);
  });

  it("codes plain text with the shallow fallback and returns model events", () => {
    const events = coder.code({
      id: "p",
      text: "Northland condemned South City.",
      date: "2020-01-02",
      docId: "doc",
      offset: 5,
    });
    expect(events.map((e) => `${e.source.code} ${e.target.code} ${e.cameo} ${e.date}`)).toEqual([
      "NTH STH 122 2020-01-02",
    ]);
    expect(events[0].evidence).toMatchObject({ docId: "doc", start: 5 });
  });
});
