/**
 * The key a surface form is indexed and looked up by: case-folded, accents stripped, a trailing
 * possessive dropped, apostrophes removed, hyphens and dashes read as spaces, whitespace collapsed,
 * and a leading "the" dropped. "Kim Jong-Un", "kim jong un" and "KIM  JONG UN" share one key;
 * "the United States'" and "United States" too.
 */
export function surfaceKey(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/['’‘`]s?\s*$/u, "")
    .replace(/['’‘`ʼ]/gu, "")
    .replace(/[-‐‑‒–—]/gu, " ")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/^(?:the )+/u, "");
}

/** True for a short all-capital acronym ("US", "UN", "EU") that should be matched case-sensitively. */
export function isAcronym(text: string): boolean {
  return /^[A-Z]{2,4}$/.test(text);
}
