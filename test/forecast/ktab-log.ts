import { existsSync, readFileSync } from "node:fs";

/** Where the KTAB reference runs live (outside the repository); tests skip when it is absent. */
export const KTAB_DIR = "../shared/reference/bargaining/KTAB/smp";
export const EUM_DIR = "../shared/reference/bargaining/eum";
export const haveKtab = existsSync(KTAB_DIR);
export const haveEum = existsSync(EUM_DIR);
if (!haveKtab) console.warn(`skipping KTAB reference-run tests: ${KTAB_DIR} is absent`);

export const ktabFile = (name: string) => `${KTAB_DIR}/${name}`;
export const readKtab = (name: string) => readFileSync(ktabFile(name), "utf8");

/** The closing histories of a KTAB log: positions[actor][dim][turn] and probabilities[actor][turn]. */
export interface KtabHistory {
  actors: string[];
  positions: number[][][];
  probabilities: number[][];
}

export function parseHistory(text: string): KtabHistory {
  const lines = text.split(/\r?\n/);
  const posAt = lines.findIndex((l) => l.startsWith("History of actor positions over time"));
  const probAt = lines.findIndex((l) => l.startsWith("History of actors' winning probabilities"));
  if (posAt < 0 || probAt < 0) throw new Error("no history sections in the KTAB log");
  const actors: string[] = [];
  const positions: number[][][] = [];
  for (const l of lines.slice(posAt + 1, probAt)) {
    const m = /^(.*?),\s*(.*?):\s*(.*)$/.exec(l.trim());
    if (!m) continue;
    const values = m[3].trim().split(/\s+/).map(Number);
    if (actors.at(-1) !== m[1]) {
      actors.push(m[1]);
      positions.push([]);
    }
    positions[positions.length - 1].push(values);
  }
  const probabilities: number[][] = [];
  for (const l of lines.slice(probAt + 1)) {
    const m = /^(.*?),\s*prob\s*:\s*(.*)$/.exec(l.trim());
    if (!m) break;
    probabilities.push(m[2].trim().split(/\s+/).map(Number));
  }
  return { actors, positions, probabilities };
}

/** The n rows of numbers following the first line that starts with `title`, from `from` on. */
export function matrixAfter(text: string, title: string, n: number, from = 0): number[][] {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l, i) => i >= from && l.startsWith(title));
  if (at < 0) throw new Error(`no "${title}" in the KTAB log`);
  return lines.slice(at + 1, at + 1 + n).map((l) => l.trim().split(/\s+/).map(Number));
}

/** Turn-0 best challenges: "i>j" → { p, eu } from the initiator's own estimate. */
export function turn0Challenges(text: string): Map<string, { p: number; eu: number }> {
  const out = new Map<string, { p: number; eu: number }>();
  const end = text.indexOf("Bargains to be resolved");
  const re =
    /Est by\s+(\d+) of prob ([\d.]+) that \[\s*(\d+)>\s*(\d+)\], with expected gain to\s+(\d+) of ([-+\d.]+)/g;
  for (const m of text.slice(0, end).matchAll(re)) {
    if (m[1] === m[3] && m[5] === m[3]) out.set(`${m[3]}>${m[4]}`, { p: Number(m[2]), eu: Number(m[6]) });
  }
  return out;
}

/**
 * Bargains logged before "Bargains to be resolved": header "Bargain [id, i:j] from h's perspective"
 * followed (possibly with other threads' lines in between) by "h proposes x adopt: …" lines.
 * Returns "i:j" → [initiator's position, receiver's position] for the view `which` selects.
 */
function bargainsFrom(text: string, which: (i: string, j: string, h: string) => boolean) {
  const end = text.indexOf("Bargains to be resolved");
  const lines = text.slice(0, end < 0 ? undefined : end).split("\n");
  const out = new Map<string, [number[], number[]]>();
  for (let l = 0; l < lines.length; l++) {
    const m = /Bargain \[\d+, (\d+):(\d+)\] from (\d+)'s perspective \(brgnIIJ\)/.exec(lines[l]);
    if (!m || !which(m[1], m[2], m[3])) continue;
    const found = new Map<string, number[]>();
    for (let q = l + 1; q < lines.length && found.size < 2; q++) {
      const p = /^\s*(\d+) proposes (\d+) adopt:(.*)$/.exec(lines[q]);
      if (p && p[1] === m[3]) found.set(p[2], p[3].trim().split(/\s+/).map(Number));
    }
    out.set(`${m[1]}:${m[2]}`, [found.get(m[1])!, found.get(m[2])!]);
  }
  return out;
}

/** Turn-0 initiator-view bargains: "i:j" → [initiator's new position, receiver's], 0–100 scale. */
export function turn0Bargains(text: string): Map<string, [number[], number[]]> {
  return bargainsFrom(text, (i, _j, h) => h === i);
}

/**
 * Turn-0 bargain-choice PCEs: actor → Map("i:j" → probability), the status quo as "k:k". Bargain
 * ids are mapped to their pairs through the "Bargains involving actor" lines (ids depend on threads).
 */
export function turn0Choices(text: string): Map<number, Map<string, number>> {
  const start = text.indexOf("Bargains to be resolved");
  const end = text.indexOf("Starting Model::run iteration", start);
  const part = text.slice(start, end < 0 ? undefined : end);
  const queues = new Map<number, string[]>();
  for (const m of part.matchAll(/Bargains involving actor\s+(\d+): (.*)/g)) {
    queues.set(
      Number(m[1]),
      [...m[2].matchAll(/\[\d+, (\d+:\d+)\]/g)].map((x) => x[1]),
    );
  }
  const out = new Map<number, Map<string, number>>();
  const re =
    /Doing scalarPCE for the (\d+) bargains of actor (\d+)[\s\S]*?Probability Opt_i\s*\n((?:\s*[\d.]+\s*\n){1,})/g;
  for (const m of part.matchAll(re)) {
    const k = Number(m[2]);
    const probs = m[3].trim().split(/\s+/).map(Number).slice(0, Number(m[1]));
    const q = queues.get(k) ?? [];
    out.set(k, new Map(q.map((pair, i) => [pair, probs[i]])));
  }
  return out;
}

/** The log of one model iteration (1-based, as KTAB prints "Starting Model::run iteration k"). */
export function iteration(text: string, k: number): string {
  const start = text.indexOf(`Starting Model::run iteration ${k} `);
  if (start < 0) throw new Error(`no iteration ${k} in the KTAB log`);
  const end = text.indexOf(`Starting Model::run iteration ${k + 1} `, start);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The state printed after an iteration's moves: "postn i , 0 :" and "ideal i , 0 :" rows (0–100). */
export function stateAfter(section: string, n: number): { positions: number[][]; ideals: number[][] } {
  const grab = (label: string) =>
    Array.from({ length: n }, (_, i) => {
      const m = new RegExp(`${label} ${i} , 0 :\\s*\\n([^\\n]*)`).exec(section);
      if (!m) throw new Error(`no "${label} ${i}" in the KTAB log`);
      return m[1].trim().split(/\s+/).map(Number);
    });
  return { positions: grab("postn"), ideals: grab("ideal") };
}

/**
 * The other two bargains KTAB logs for each challenge: the receiver's view ("from j's perspective")
 * and the power-weighted compromise, as "i:j" → [initiator's position, receiver's position].
 */
export function otherBargains(text: string): {
  receiver: Map<string, [number[], number[]]>;
  compromise: Map<string, [number[], number[]]>;
} {
  const end = text.indexOf("Bargains to be resolved");
  const part = text.slice(0, end < 0 ? undefined : end);
  const nums = (s: string) => s.trim().split(/\s+/).map(Number);
  const receiver = bargainsFrom(text, (_i, j, h) => h === j);
  const compromise = new Map<string, [number[], number[]]>();
  const rc =
    /Power-weighted compromise \[\d+, (\d+):(\d+)\] bargain \(brgnIJ\)\s*\n\s*compromise proposes (\d+) adopt:([^\n]*)\n\s*compromise proposes (\d+) adopt:([^\n]*)/g;
  for (const m of part.matchAll(rc)) {
    const a = nums(m[4]);
    const b = nums(m[6]);
    compromise.set(`${m[1]}:${m[2]}`, m[3] === m[1] ? [a, b] : [b, a]);
  }
  return { receiver, compromise };
}
