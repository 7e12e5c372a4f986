import type { NounCoding } from "./nouns.ts";
import type { PatternToken, VerbPattern } from "./verbs.ts";

/**
 * Matching verb patterns against the words around a verb. The sentence is seen as a sequence of
 * units: single words, and coded noun phrases that count as one unit (what `$`, `+`, `^` and `%`
 * stand for). Tokens joined by `_` in the pattern must be adjacent; otherwise words may intervene.
 */

/**
 * A word (with `skip`: how many words an uncoded noun phrase starting here spans, which `^` may
 * pass over) or a coded noun phrase.
 */
export type Unit = ({ kind: "word"; word: string; skip: number } | { kind: "noun"; noun: NounCoding }) & {
  /** On the first unit of a compound's expansion: the compound and how many units it spans. */
  group?: { noun: NounCoding; length: number };
};

/** Actors a pattern assigned: `$` source, `+` target, `%` compound. */
export interface Bindings {
  source?: NounCoding;
  target?: NounCoding;
  compound?: NounCoding;
  compoundSide?: "lower" | "upper";
  /** Units before the verb left over when the pattern bound its target there, nearest first. */
  beforeTarget?: Unit[];
}

/** Ways a token can match at `pos`: the next position and any binding. */
function* tokenAt(tok: PatternToken, units: readonly Unit[], pos: number): Generator<[number, Bindings]> {
  const u = units[pos];
  if (!u) return;
  if (tok.kind !== "phrase" && u.group) {
    // A compound spread over its conjuncts' units: actor markers take it whole.
    const g = u.group;
    if (tok.kind === "source") yield [pos + g.length, { source: g.noun }];
    else if (tok.kind === "target") yield [pos + g.length, { target: g.noun }];
    else if (tok.kind === "compound") yield [pos + g.length, { compound: g.noun }];
    else yield [pos + g.length, {}];
    return;
  }
  if (tok.kind === "phrase") {
    for (const alt of tok.alternatives) {
      let ok = true;
      for (let k = 0; k < alt.length; k++) {
        const w = units[pos + k];
        if (w?.kind !== "word" || w.word !== alt[k]) {
          ok = false;
          break;
        }
      }
      if (ok) yield [pos + alt.length, {}];
    }
    return;
  }
  // "^" passes over an actor or an uncoded noun phrase ("their populations").
  if (tok.kind === "skip" && u.kind === "word" && u.skip > 0) yield [pos + u.skip, {}];
  if (u.kind !== "noun") return;
  if (tok.kind === "source") yield [pos + 1, { source: u.noun }];
  else if (tok.kind === "target") yield [pos + 1, { target: u.noun }];
  else if (tok.kind === "skip") yield [pos + 1, {}];
  else if (u.noun.codings.length >= 2) yield [pos + 1, { compound: u.noun }];
}

function matchSequence(
  tokens: readonly PatternToken[],
  adjacent: readonly boolean[],
  units: readonly Unit[],
  ti: number,
  pos: number,
  acc: Bindings,
): (Bindings & { end: number }) | null {
  if (ti === tokens.length) return { ...acc, end: pos };
  const last = adjacent[ti] ? pos : units.length - 1;
  for (let p = pos; p <= last; p++) {
    for (const [next, b] of tokenAt(tokens[ti], units, p)) {
      const r = matchSequence(tokens, adjacent, units, ti + 1, next, { ...acc, ...b });
      if (r) return r;
    }
  }
  return null;
}

function reversePhrases(tokens: readonly PatternToken[]): PatternToken[] {
  return tokens.map((t) =>
    t.kind === "phrase" ? { ...t, alternatives: t.alternatives.map((a) => [...a].reverse()) } : t,
  );
}

/**
 * Match a pattern: `lower` holds the units before the verb (sentence order), `upper` those after.
 * Returns the bindings, or null if the pattern does not apply.
 */
export function matchPattern(
  pattern: VerbPattern,
  lower: readonly Unit[],
  upper: readonly Unit[],
): Bindings | null {
  const up = matchSequence(
    pattern.upper,
    pattern.upper.map((t) => t.joined),
    upper,
    0,
    0,
    {},
  );
  if (!up) return null;
  if (up.compound) up.compoundSide = "upper";
  if (pattern.lower.length === 0) {
    const { end: _end, ...only } = up;
    return only;
  }
  // Before the verb the pattern is read right to left: token i is adjacent to what follows it.
  const n = pattern.lower.length;
  const tokens = reversePhrases(pattern.lower).reverse();
  const adjacent = tokens.map((_, j) => {
    const i = n - 1 - j;
    return i === n - 1 ? pattern.verbJoined : pattern.lower[i + 1].joined;
  });
  const reversed = [...lower].reverse();
  const low = matchSequence(tokens, adjacent, reversed, 0, 0, {});
  if (!low) return null;
  const { end: _upEnd, ...out } = up;
  if (low.source) out.source = low.source;
  if (low.target) {
    out.target = low.target;
    out.beforeTarget = reversed.slice(low.end);
  }
  if (low.compound) {
    out.compound = low.compound;
    out.compoundSide = "lower";
  }
  return out;
}
