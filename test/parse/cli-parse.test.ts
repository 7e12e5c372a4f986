import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/error.ts";
import { runEvalParse, runParse } from "../../src/cli/parse.ts";
import { tokenize } from "../../src/coder/tokens.ts";
import {
  DEFAULT_MODEL_FILE,
  decodeModel,
  encodeModel,
  loadParser,
  parse,
  readConllu,
} from "../../src/parse/index.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-parse-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function run(fn: (out: PassThrough) => Promise<void>): Promise<string> {
  const out = new PassThrough();
  let text = "";
  out.on("data", (d) => {
    text += d;
  });
  await fn(out);
  return text;
}

const NEWS =
  "Seoul, 3 May. South Korea's foreign ministry protested on Monday.\n\nPyongyang didn't respond.\n";

describe("yalu parse", () => {
  it("prints CoNLL-U whose token ranges are the coder's tokens", async () => {
    const out = await run((o) => runParse(file("news.txt", NEWS), {}, o));
    const sentences = readConllu(out);
    expect(sentences.map((s) => s.comments[1])).toEqual([
      "# text = Seoul, 3 May.",
      "# text = South Korea's foreign ministry protested on Monday.",
      "# text = Pyongyang didn't respond.",
    ]);
    const words = sentences.flatMap((s) => s.words);
    const tokens = tokenize(NEWS);
    expect(words.map((w) => w.form)).toEqual(tokens.map((t) => t.text));
    expect(
      words.map((w) =>
        w.misc
          .match(/TokenRange=(\d+):(\d+)/)!
          .slice(1)
          .map(Number),
      ),
    ).toEqual(tokens.map((t) => [t.start, t.end]));
    for (const s of sentences) {
      expect(s.words.filter((w) => w.head === 0)).toHaveLength(1);
      for (const w of s.words) expect(w.upos).toMatch(/^[A-Z]+$/);
    }
  });

  it("prints JSON Lines with --json", async () => {
    const out = await run((o) => runParse(file("one.txt", "Japan protested."), { json: true }, o));
    const s = JSON.parse(out.trim());
    expect(s.words.map((w: { form: string; start: number }) => [w.form, w.start])).toEqual([
      ["Japan", 0],
      ["protested", 6],
      [".", 15],
    ]);
    expect(s.words[1]).toMatchObject({ head: 0, deprel: "root" });
  });

  it("keeps CoNLL-U words, ranges and comments, filling tags and tree", async () => {
    const input = [
      "# sent_id = x",
      "1\tSeoul\t_\t_\t_\t_\t_\t_\t_\t_",
      "2-3\twon't\t_\t_\t_\t_\t_\t_\t_\t_",
      "2\two\t_\t_\t_\t_\t_\t_\t_\t_",
      "3\tn't\t_\t_\t_\t_\t_\t_\t_\t_",
      "4\twait\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No",
      "5\t.\t_\t_\t_\t_\t_\t_\t_\t_",
      "",
    ].join("\n");
    const out = await run((o) => runParse(file("in.conllu", input), {}, o));
    const lines = out.split("\n");
    expect(lines[0]).toBe("# sent_id = x");
    expect(lines[2]).toBe("2-3\twon't\t_\t_\t_\t_\t_\t_\t_\t_");
    const [s] = readConllu(out);
    expect(s.words.map((w) => w.form)).toEqual(["Seoul", "wo", "n't", "wait", "."]);
    expect(s.words[4].misc).toBe("_");
    expect(s.words[3]).toMatchObject({ head: 0, deprel: "root", misc: "SpaceAfter=No" });
    expect(s.words[2]).toMatchObject({ upos: "PART", head: 4, deprel: "advmod" });
  });

  it("refuses an unknown input kind and names a malformed CoNLL-U line", async () => {
    await expect(run((o) => runParse(file("a.txt", "x"), { input: "pdf" }, o))).rejects.toThrow(
      /invalid --input "pdf"/,
    );
    const bad = file("bad.conllu", "1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n3\ty\t_\t_\t_\t_\t_\t_\t_\t_\n");
    await expect(run((o) => runParse(bad, {}, o))).rejects.toThrow(CliError);
    await expect(run((o) => runParse(bad, {}, o))).rejects.toThrow(
      /bad\.conllu: word id 3 out of sequence .* at line 2/,
    );
  });
});

describe("yalu eval-parse", () => {
  const gold = [
    "1\tJapan\tJapan\tPROPN\tNNP\t_\t2\tnsubj\t_\t_",
    "2\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\t_",
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_",
    "4\tlaunch\tlaunch\tNOUN\tNN\t_\t2\tobj\t_\t_",
    "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_",
    "",
  ].join("\n");

  it("scores the shipped parser on a gold file", async () => {
    const out = await run((o) => runEvalParse(file("gold.conllu", gold), {}, o));
    expect(out).toMatch(/^1 sentences, 5 words/);
    expect(out).toMatch(/no punct\s+100\.00\s+100\.00/);
    expect(out).toMatch(/nsubj\s+1\s+1\s+1/);
  });

  it("scores a given parse, as JSON", async () => {
    const pred = gold.replace(
      "4\tlaunch\tlaunch\tNOUN\tNN\t_\t2\tobj",
      "4\tlaunch\tlaunch\tNOUN\tNN\t_\t1\tobj",
    );
    const out = await run((o) =>
      runEvalParse(file("gold2.conllu", gold), { pred: file("pred.conllu", pred), json: true }, o),
    );
    const s = JSON.parse(out);
    expect(s.uas).toBe(75);
    expect(s.uasPunct).toBe(80);
  });
});

describe("the model file", () => {
  it("round-trips: encoded and decoded again, it parses the same", () => {
    const m = loadParser();
    const again = decodeModel(encodeModel(m));
    const words = tokenize("The ministry said Seoul would not attend the talks in Geneva.").map(
      (t) => t.text,
    );
    expect(parse(again, words)).toEqual(parse(m, words));
  });

  it("names a file that is not a model", () => {
    expect(() => loadParser(file("junk.model.gz", "not a model"))).toThrow(
      /parser model ".*junk\.model\.gz": not a gzip file/,
    );
    expect(readFileSync(DEFAULT_MODEL_FILE).length).toBeGreaterThan(0);
  });

  it("names the version of a model from another version of Yalu", () => {
    const old = gzipSync(Buffer.from("YALU-PARSER 1\n\0\0\0\0"));
    expect(() => loadParser(file("old.model.gz", old))).toThrow(
      /another version \(YALU-PARSER 1\); this Yalu reads YALU-PARSER 3: retrain it with npm run train:parser/,
    );
  });
});
