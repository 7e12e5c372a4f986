/**
 * Longest-match lookup of multi-word phrases (actor names, agent titles) over a word sequence.
 */

export interface PhraseMatch<T> {
  start: number;
  end: number;
  value: T;
}

export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, { words: string[]; gaps: boolean[] | null; value: T }[]>();

  /** Add a phrase; `gaps[k]` lets other words come before word k (see phraseGaps). */
  add(words: readonly string[], value: T, gaps?: readonly boolean[]): void {
    if (words.length === 0) return;
    const list = this.byFirst.get(words[0]);
    const item = { words: [...words], gaps: gaps?.some((g) => g) ? [...gaps] : null, value };
    if (list) list.push(item);
    else this.byFirst.set(words[0], [item]);
  }

  /** Sort candidates longest first; call once after adding. */
  seal(): this {
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
    return this;
  }

  /** The longest phrase starting at `i`, or null. */
  matchAt(words: readonly string[], i: number, end = words.length): PhraseMatch<T> | null {
    const list = this.byFirst.get(words[i]);
    if (!list) return null;
    for (const c of list) {
      if (i + c.words.length > end) continue;
      let at = i;
      let ok = true;
      for (let k = 1; ok && k < c.words.length; k++) {
        if (words[at + 1] === c.words[k]) at++;
        else if (c.gaps?.[k]) {
          let next = at + 2;
          while (next < end && words[next] !== c.words[k]) next++;
          if (next < end) at = next;
          else ok = false;
        } else ok = false;
      }
      if (ok && at < end) return { start: i, end: at + 1, value: c.value };
    }
    return null;
  }

  /** Non-overlapping longest matches, left to right, within [start, end); `skip` marks taken words. */
  matchAll(
    words: readonly string[],
    start: number,
    end: number,
    skip?: (i: number) => boolean,
  ): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = start; i < end; ) {
      if (skip?.(i)) {
        i++;
        continue;
      }
      const m = this.matchAt(words, i, end);
      if (m && !(skip && rangeHits(m.start, m.end, skip))) {
        out.push(m);
        i = m.end;
      } else i++;
    }
    return out;
  }
}

function rangeHits(start: number, end: number, skip: (i: number) => boolean): boolean {
  for (let i = start; i < end; i++) if (skip(i)) return true;
  return false;
}
