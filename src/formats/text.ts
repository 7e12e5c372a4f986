/**
 * Reading text input: UTF-8 decoding that reports the first invalid byte, and recognition of binary
 * files, so bad input gives a clear error rather than garbage events.
 */

/** Input that is not text; the message names the file and where. */
export class TextInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TextInputError";
  }
}

/** True if a chunk looks binary: NUL bytes, or many control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** Line (1-based) and byte offset of the first invalid UTF-8 sequence in `bytes`, or null. */
export function firstInvalidUtf8(bytes: Uint8Array, startLine = 1): { line: number; byte: number } | null {
  let line = startLine;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b === 10) line++;
    const len =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return { line, byte: i };
    if (i + len > bytes.length) return null; // cut at the chunk end: the next chunk continues it
    for (let k = 1; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return { line, byte: i };
    i += len;
  }
  return null;
}

/**
 * Decode a byte stream as UTF-8 text chunks, throwing {@link TextInputError} naming `file`, the
 * line and the byte offset at the first invalid sequence, or at the start if the input is binary.
 */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let offset = 0;
  let line = 1;
  let first = true;
  for await (const chunk of chunks) {
    if (first && looksBinary(chunk)) throw new TextInputError(`${file}: binary file, not text`);
    first = false;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const bad = firstInvalidUtf8(chunk, line);
      const where = bad ? `line ${bad.line}, byte ${offset + bad.byte}` : `byte ${offset}`;
      throw new TextInputError(`${file}: invalid UTF-8 at ${where}`);
    }
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) line++;
    offset += chunk.length;
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new TextInputError(`${file}: invalid UTF-8 at the end of the input (byte ${offset})`);
  }
}
