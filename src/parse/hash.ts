/**
 * Integer hashing for feature keys: a feature is a template number and up to three atoms (word,
 * tag, label, distance…), mixed into one non-zero 32-bit key without building strings.
 */

/** FNV-1a hash of a string, as an unsigned 32-bit integer. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number, v: number): number {
  let k = Math.imul(v | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}

/** The first step of `featureKey` for the templates 0–255, which is the same at every call. */
const TEMPLATE_SEEDS = Int32Array.from({ length: 256 }, (_, t) => mix(0x9747b28c, t));

/** The key of template `t` with atoms `a`, `b`, `c` (0 where unused). Never 0. */
export function featureKey(t: number, a: number, b = 0, c = 0): number {
  const seed = t >= 0 && t < 256 ? TEMPLATE_SEEDS[t] : mix(0x9747b28c, t);
  return finish(mix(mix(mix(seed, a), b), c));
}
