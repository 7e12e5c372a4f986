/**
 * SQL literals for ClickHouse 18.16, which has no query parameters over HTTP (`{name:Type}` arrived
 * in 19.x). Every value that reaches a ClickHouse statement goes through one of these functions.
 */

const ESCAPES: Record<string, string> = { "\\": "\\\\", "'": "\\'" };

/** A ClickHouse string literal: backslash and quote escaped, every control byte as \xHH. */
export function quote(value: string): string {
  const body = wellFormed(value).replace(/[\\'\u0000-\u001f\u007f]/g, (ch) => {
    return ESCAPES[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
  return `'${body}'`;
}

/** A non-negative integer literal; anything else is an error naming the value. */
export function integer(value: number, name = "value"): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`invalid ${name} ${value}`);
  return String(value);
}

/** A LIKE pattern matching strings that start with `prefix` (its % _ and \ taken literally). */
export function likePrefix(prefix: string): string {
  return quote(`${prefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
}

/** An identifier (database or table name): letters, digits and underscores only. */
export function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid clickhouse name "${name}"`);
  return name;
}

/** Lone UTF-16 surrogates (which ClickHouse rejects in JSON and cannot store) become U+FFFD. */
export function wellFormed(value: string): string {
  return value.replace(/\p{Cs}/gu, "\ufffd");
}
