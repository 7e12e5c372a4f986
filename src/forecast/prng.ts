/**
 * A seeded, reproducible PRNG (SplitMix64 over BigInt). KTAB uses mt19937_64, but its threads
 * reorder the draws, so its stochastic runs cannot be reproduced draw for draw anyway; ours are
 * single-threaded and repeat exactly for a given seed.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Index drawn with the given probabilities. */
  choose(p: ArrayLike<number>): number;
}

const MASK = (1n << 64n) - 1n;

/** Parse a seed: a decimal (up to 64-bit) integer string or number. */
export function parseSeed(seed: string | number | bigint): bigint {
  const s = String(seed).trim();
  if (!/^\d+$/.test(s)) throw new Error(`invalid seed "${s}" (expected a non-negative integer)`);
  return BigInt(s) & MASK;
}

export function createPrng(seed: string | number | bigint = 0): Prng {
  let state = parseSeed(seed);
  let spare: number | null = null;
  const next64 = (): bigint => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  };
  const uniform = () => Number(next64() >> 11n) / 2 ** 53;
  return {
    uniform,
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    choose(p) {
      const x = uniform();
      let acc = 0;
      for (let i = 0; i < p.length; i++) {
        acc += p[i];
        if (x < acc) return i;
      }
      return p.length - 1;
    },
  };
}
