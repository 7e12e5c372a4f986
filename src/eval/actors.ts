import type { EvalEvent } from "./types.ts";

/**
 * Actor agreement for golds that mark actors as spans of text (PLV): a predicted actor agrees when
 * its name as written shares a word with the gold span ("Iran" ~ "Iranian Foreign Minister
 * Mohammad Javad Zarif", "the FBI" ~ "FBI"). Scored on the sentences given a predicted label, with
 * the first predicted event of that label.
 */
export interface ActorAgreement {
  /** Sentences with a predicted event (and a gold event with spans). */
  units: number;
  source: number;
  target: number;
  both: number;
}

const STOP = new Set(
  "the a an of and or for in on at to by with from its his her their our this that mr mrs ms dr".split(" "),
);

function words(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/\./g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP.has(w));
}

/** Two words name the same thing: equal, or one a prefix of at least 4 letters of the other (Iran ~ Iranian). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

/** True when a predicted actor name and a gold span share a word. */
export function namesOverlap(predicted: string | null, gold: string | null): boolean {
  if (!predicted || !gold) return false;
  const g = words(gold);
  return words(predicted).some((p) => g.some((w) => sameWord(p, w)));
}

/** Add one sentence to `tally`: its gold event (with spans) against the predicted event chosen for it. */
export function tallyActors(tally: ActorAgreement, gold: EvalEvent, predicted: EvalEvent): void {
  const source = namesOverlap(predicted.names?.source ?? null, gold.names?.source ?? null);
  const target = namesOverlap(predicted.names?.target ?? null, gold.names?.target ?? null);
  tally.units++;
  if (source) tally.source++;
  if (target) tally.target++;
  if (source && target) tally.both++;
}
