import { DictionaryError } from "./lines.ts";

/**
 * Verb patterns and codes of PETRARCH/TABARI verb dictionaries: `- SAID * WOULD_NOT + [112:113]`.
 * Words before the verb `*` are matched leftwards, words after it rightwards; `_` joins adjacent
 * words; `$` is the source, `+` the target, `^` skips a noun phrase, `%` a compound actor.
 */

/** An event code of a verb or pattern: `[032:033]` is a primary and a paired (reverse) code. */
export interface VerbCode {
  primary: string | null;
  paired: string | null;
}

export type PatternToken =
  | { kind: "phrase"; alternatives: string[][]; joined: boolean }
  | { kind: "source" | "target" | "skip" | "compound"; joined: boolean };

/** One pattern: tokens before the verb (text order) and after it; `joined` = no gap before it. */
export interface VerbPattern {
  lower: PatternToken[];
  upper: PatternToken[];
  /** True when the verb itself is joined to the token before it (`FAILED_TO_*`). */
  verbJoined: boolean;
  code: VerbCode;
  line: number;
  text: string;
  /** Words every match needs (from tokens with a single alternative): a quick pre-check. */
  required: string[];
}

const NULL_CODES = new Set(["---", "+++", ""]);

/** Parse `[032:033]`-style code text. */
export function parseVerbCode(raw: string): VerbCode {
  // TABARI codes may carry markers ("111!", "025?"): only the code itself is kept.
  const clean = raw.replace(/[^0-9A-Za-z:+-]/g, "");
  const [a, b] = clean.split(":");
  const norm = (s: string | undefined): string | null => (s === undefined || NULL_CODES.has(s) ? null : s);
  return { primary: norm(a), paired: norm(b) };
}

const MARKERS: Record<string, "source" | "target" | "skip" | "compound"> = {
  $: "source",
  "+": "target",
  "^": "skip",
  "%": "compound",
};

/** Parse one pattern line (without its leading "-"); null for patterns PETRARCH also skips. */
export function parsePattern(
  text: string,
  line: number,
  file: string,
  synsets: Map<string, string[][]>,
): VerbPattern | null {
  const m = /^(.*?)\s*\[([^\]]*)\]\s*(.*)$/.exec(text);
  if (!m) throw new DictionaryError(`pattern without a [code]: "${text}"`, file, line);
  // TABARI disjunctions ("{ WAS | WERE }") are skipped, as PETRARCH does.
  if (m[1].includes("|")) return null;
  const body = m[1].replace(/[(){}]/g, " ");
  const lower: PatternToken[] = [];
  const upper: PatternToken[] = [];
  let verbSeen = false;
  let verbJoined = false;
  for (const chunk of body.split(/\s+/).filter((c) => c.length > 0)) {
    const pieces = chunk.split("_");
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i].toUpperCase();
      if (p === "") continue;
      const joined = i > 0 && pieces[i - 1] !== "";
      if (p === "*" || p === "**") {
        if (verbSeen) throw new DictionaryError(`pattern with two verbs: "${text}"`, file, line);
        verbSeen = true;
        verbJoined = joined;
        continue;
      }
      const target = verbSeen ? upper : lower;
      const marker = MARKERS[p];
      if (marker) target.push({ kind: marker, joined });
      else if (p.startsWith("&")) {
        const alts = synsets.get(p);
        if (!alts) return null;
        target.push({ kind: "phrase", alternatives: alts, joined });
      } else target.push({ kind: "phrase", alternatives: [[p]], joined });
    }
  }
  if (!verbSeen) return null;
  const required = [...lower, ...upper].flatMap((t) =>
    t.kind === "phrase" && t.alternatives.length === 1 ? t.alternatives[0] : [],
  );
  return { lower, upper, verbJoined, code: parseVerbCode(m[2]), line, text: text.trim(), required };
}
