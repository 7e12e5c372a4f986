import { parse } from "yaml";
import { isCameoCode } from "../model/index.ts";
import { nounForms, participles, verbForms } from "./inflect.ts";
import { phraseKeys } from "./tokens.ts";

/** One slot of a pattern: alternatives, each a word sequence; `gap` lets filler words precede it. */
export interface Slot {
  alternatives: string[][];
  gap: boolean;
  /** The alternatives by their first word, longest first (for fast matching). */
  byFirst: Map<string, string[][]>;
}

function slot(alternatives: string[][], gap: boolean): Slot {
  const byFirst = new Map<string, string[][]>();
  for (const a of alternatives) {
    const list = byFirst.get(a[0]) ?? [];
    list.push(a);
    list.sort((x, y) => y.length - x.length);
    byFirst.set(a[0], list);
  }
  return { alternatives, gap, byFirst };
}

/** A compiled lexicon pattern: a head word form plus the slots that must follow it. */
export interface Pattern {
  code: string;
  kind: "verb" | "noun";
  /** The head word form this entry is indexed by ("met"). */
  head: string;
  /** The head's lemma (verb) or singular (noun). */
  lemma: string;
  /** True if this head form is a past participle (can be passive after "was", "were", "been"). */
  participle: boolean;
  slots: Slot[];
  reciprocal: boolean;
  /** Coded without a target: the target is the source's own country ("conducted a nuclear test"). */
  self: boolean;
  /** The pattern as written in the lexicon file, for explanations. */
  source: string;
}

/** The compiled lexicon: patterns indexed by the lower-cased head word form. */
export interface Lexicon {
  byHead: Map<string, Pattern[]>;
  size: number;
}

/** A lexicon file that cannot be used; the message names the file and the entry. */
export class LexiconError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LexiconError";
  }
}

const FLAG_RE = /\s@(\w+)/g;

function compilePattern(code: string, kind: "verb" | "noun", text: string, file: string): Pattern[] {
  const flags = new Set([...text.matchAll(FLAG_RE)].map((m) => m[1]));
  for (const f of flags)
    if (f !== "reciprocal" && f !== "self")
      throw new LexiconError(`${file}: unknown flag @${f} in "${text}" (${code})`);
  const body = text.replace(FLAG_RE, "").trim().toLowerCase();
  const [main, tail = ""] = body.split(/\s\+\s/);
  const tilde = main.indexOf("~");
  const before = (tilde === -1 ? main : main.slice(0, tilde)).trim().split(/\s+/).filter(Boolean);
  const slots: Slot[] = [];
  const [head, ...literals] = before;
  if (!head) throw new LexiconError(`${file}: empty pattern in ${code}`);
  for (const w of literals)
    slots.push(
      slot(
        w.split("|").map((a) => phraseKeys(a)),
        false,
      ),
    );
  if (tilde !== -1) {
    const alts = main
      .slice(tilde + 1)
      .split("|")
      .map((a) => phraseKeys(a.trim()))
      .filter((a) => a.length > 0);
    if (alts.length === 0) throw new LexiconError(`${file}: empty ~ slot in "${text}" (${code})`);
    slots.push(slot(alts, true));
  }
  for (const w of tail.trim().split(/\s+/).filter(Boolean))
    slots.push(
      slot(
        w.split("|").map((a) => phraseKeys(a)),
        false,
      ),
    );
  const out: Pattern[] = [];
  for (const lemma of head.split("|")) {
    const parts = new Set(kind === "verb" ? participles(lemma) : []);
    const forms = kind === "verb" ? verbForms(lemma) : nounForms(lemma);
    for (const form of forms) {
      out.push({
        code,
        kind,
        lemma,
        participle: parts.has(form),
        slots,
        reciprocal: flags.has("reciprocal"),
        self: flags.has("self"),
        source: text,
        head: form,
      });
    }
  }
  return out;
}

/** Compile a lexicon from its YAML text (see data/lexicon/events.yaml for the format). */
export function compileLexicon(yamlText: string, file = "lexicon"): Lexicon {
  let doc: unknown;
  try {
    doc = parse(yamlText);
  } catch (err) {
    throw new LexiconError(`${file}: invalid YAML: ${(err as Error).message}`);
  }
  if (!doc || typeof doc !== "object") throw new LexiconError(`${file}: expected a map of CAMEO codes`);
  const byHead = new Map<string, Pattern[]>();
  let size = 0;
  for (const [code, entry] of Object.entries(doc as Record<string, unknown>)) {
    if (!isCameoCode(code)) throw new LexiconError(`${file}: unknown CAMEO code "${code}"`);
    const e = (entry ?? {}) as Record<string, unknown>;
    for (const kind of ["verbs", "nouns"] as const) {
      const list = e[kind] ?? [];
      if (!Array.isArray(list)) throw new LexiconError(`${file}: ${code}.${kind} must be a list`);
      for (const text of list) {
        if (typeof text !== "string")
          throw new LexiconError(`${file}: ${code}.${kind} has a non-text pattern`);
        for (const p of compilePattern(code, kind === "verbs" ? "verb" : "noun", text, file)) {
          const same = byHead.get(p.head) ?? [];
          same.push(p);
          byHead.set(p.head, same);
        }
        size++;
      }
    }
  }
  return { byHead, size };
}
