import fc from "fast-check";
import type { Target } from "./targets.ts";

/** An error names a position: file:line, "line 3", "byte 7", "record 2", "column x", "claim 1"… */
export const POSITION =
  /(:\d+\b|\bline \d+|\bbyte \d+|\bposition \d+|\brecord \d+|\brow \d+|\bclaim \d+|\bcolumn \d+)/i;
/** Errors that mean a bug, not a clear report about the input. */
const CRASHES = [TypeError, RangeError, ReferenceError];
/** A case that runs longer than this has hung. */
export const CASE_TIMEOUT_MS = 5_000;

const utf8 = (s: string) => new TextEncoder().encode(s);
const INVALID_UTF8 = [[0xff], [0xc3, 0x28], [0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80]];

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Inputs: random bytes, and the seed truncated, spliced with bytes, with a huge field, nested deep, or with invalid UTF-8. */
export function inputs(seed: string): fc.Arbitrary<Uint8Array> {
  const base = utf8(seed);
  const at = fc.nat({ max: base.length });
  return fc.oneof(
    fc.uint8Array({ maxLength: 2048 }),
    at.map((n) => base.slice(0, n)),
    fc
      .tuple(at, fc.uint8Array({ minLength: 1, maxLength: 64 }))
      .map(([n, b]) => concat(base.slice(0, n), b, base.slice(n))),
    fc
      .tuple(at, fc.integer({ min: 10_000, max: 200_000 }), fc.constantFrom("A", "\t", ",", '"', "<", "9"))
      .map(([n, len, ch]) => concat(base.slice(0, n), utf8(ch.repeat(len)), base.slice(n))),
    fc
      .tuple(
        at,
        fc.integer({ min: 100, max: 20_000 }),
        fc.constantFrom(["<a>", "</a>"], ["[", "]"], ['{"a":', "}"], ["(", ")"]),
      )
      .map(([n, depth, [open, close]]) =>
        concat(base.slice(0, n), utf8(open.repeat(depth) + close.repeat(depth)), base.slice(n)),
      ),
    fc
      .tuple(at, fc.constantFrom(...INVALID_UTF8))
      .map(([n, bad]) => concat(base.slice(0, n), Uint8Array.from(bad), base.slice(n))),
    fc
      .tuple(fc.nat({ max: base.length }), fc.nat({ max: base.length }))
      .map(([a, b]) => concat(base, base.slice(Math.min(a, b), Math.max(a, b)))),
  );
}

/** Run one case: it ends in time, and either succeeds or fails with a positioned, non-crash error. */
export async function check(target: Target, bytes: Uint8Array): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`hang: no result within ${CASE_TIMEOUT_MS} ms`)),
      CASE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([target.run(bytes), hang]);
  } catch (err) {
    if (!(err instanceof Error)) throw new Error(`${target.name}: threw a non-error ${String(err)}`);
    if (err.message.startsWith("hang:")) throw new Error(`${target.name}: ${err.message}`);
    if (target.total)
      throw new Error(`${target.name}: must accept any text, threw ${err.name}: ${err.message}`);
    if (CRASHES.some((c) => err instanceof c))
      throw new Error(`${target.name}: crashed with ${err.name}: ${err.message}`);
    if (target.wholeFile?.test(err.message)) return;
    if (!POSITION.test(err.message))
      throw new Error(`${target.name}: error names no position: ${err.message}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Run `runs` cases against a target; resolves with the number run, rejects with the smallest
 * failing case. `onCase` hears each input before it runs (the watchdog in ./isolate.ts uses it to
 * name the input of a synchronous hang, which no in-process timer can interrupt).
 */
export async function fuzz(
  target: Target,
  runs: number,
  seed?: number,
  onCase: (n: number, bytes: Uint8Array) => void = () => {},
): Promise<number> {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(inputs(await target.seed()), async (bytes) => {
      onCase(++n, bytes);
      await check(target, bytes);
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  return n;
}
