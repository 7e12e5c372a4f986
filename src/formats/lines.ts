import { createReadStream } from "node:fs";
import { PassThrough, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { Unzip, UnzipInflate } from "fflate";
import { decodeUtf8, TextInputError } from "./text.ts";

/** Longest line read, in characters: a longer one is an error naming the file and the line. */
export const MAX_LINE = 64 * 2 ** 20;

/**
 * How many times a compressed file may expand (once past its first {@link BOMB_FREE} bytes): more
 * is refused as a decompression bomb. Event files compress 5–20-fold; a bomb a thousandfold.
 */
export const MAX_EXPANSION = 200;
const BOMB_FREE = 64 * 2 ** 20;

/** The zip compression methods read: stored and deflate. */
const ZIP_METHODS: Record<number, string> = { 0: "stored", 8: "deflate" };
const ZIP_NAMES: Record<number, string> = { 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd" };

const fail = (out: PassThrough, message: string) => out.destroy(new TextInputError(message));

/**
 * The decompressed byte stream of a file: plain, `.gz` (gzip) or `.zip` (its first file; folders
 * skipped). A damaged archive, a zip method other than stored or deflate, or an expansion past
 * {@link MAX_EXPANSION} is an error naming the file. `onBytes` hears the bytes of the file itself.
 */
export function openInput(path: string, onBytes?: (bytes: number) => void): Readable {
  const raw = createReadStream(path);
  let read = 0;
  raw.on("data", (chunk) => {
    read += chunk.length;
    onBytes?.(chunk.length);
  });
  const gz = /\.gz$/i.test(path);
  if (!gz && !/\.zip$/i.test(path)) return onBytes ? raw.pipe(new PassThrough()) : raw;
  const out = new PassThrough();
  let written = 0;
  /** Pass decompressed bytes on, unless they outgrow the compressed ones past belief. */
  const emit = (data: Uint8Array) => {
    written += data.length;
    if (written > BOMB_FREE && written > MAX_EXPANSION * read) {
      raw.destroy();
      fail(
        out,
        `${path}: expands more than ${MAX_EXPANSION}-fold (${read} bytes to ${written} and more): refused as a decompression bomb`,
      );
      return false;
    }
    return out.write(data);
  };
  raw.on("error", (err) => out.destroy(err));
  if (gz) {
    const gunzip = createGunzip();
    gunzip.on("data", (d: Buffer) => {
      if (!emit(d) && !out.destroyed) gunzip.pause();
    });
    out.on("drain", () => gunzip.resume());
    gunzip.on("end", () => out.end());
    gunzip.on("error", (err) => fail(out, `${path}: not a readable gzip file (${err.message})`));
    raw.pipe(gunzip);
    return out;
  }
  let entry: string | null = null;
  let finished = false;
  const unzip = new Unzip((file) => {
    if (entry !== null || file.name.endsWith("/")) return;
    entry = file.name;
    const method = (file as unknown as { compression: number }).compression;
    if (!(method in ZIP_METHODS)) {
      const name = ZIP_NAMES[method] ? `${ZIP_NAMES[method]} (method ${method})` : `method ${method}`;
      raw.destroy();
      fail(
        out,
        `${path}: "${file.name}" is compressed with ${name}: only stored and deflate entries can be read`,
      );
      return;
    }
    file.ondata = (err, data, final) => {
      if (out.destroyed) return;
      if (err) return fail(out, `${path}: damaged zip entry "${file.name}" (${err.message})`);
      emit(data);
      if (final) {
        finished = true;
        out.end();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const push = (chunk: Uint8Array, final = false) => {
    try {
      unzip.push(chunk, final);
    } catch (err) {
      fail(out, `${path}: damaged zip archive (${(err as Error).message})`);
    }
  };
  raw.on("data", (chunk) => {
    if (!out.destroyed) push(chunk as Uint8Array);
  });
  raw.on("end", () => {
    if (out.destroyed) return;
    push(new Uint8Array(0), true);
    if (out.destroyed || finished) return;
    if (entry === null) fail(out, `${path}: no file in the zip archive`);
    else fail(out, `${path}: truncated zip archive ("${entry}" ends early)`);
  });
  return out;
}

/**
 * The lines of a file (without line endings, LF or CRLF, and without a leading UTF-8 byte order
 * mark, as Excel writes), streamed; a final empty line is not yielded. The text must be UTF-8: an
 * invalid byte, a binary file or a line over {@link MAX_LINE} characters is a {@link TextInputError}
 * naming the file and the line. Time is linear in the input, however long its lines.
 */
export async function* readLines(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  const strip = (line: string) => (line.endsWith("\r") ? line.slice(0, -1) : line);
  const tooLong = (n: number) =>
    new TextInputError(`${path}: line ${n} is longer than ${MAX_LINE} characters`);
  let parts: string[] = [];
  let length = 0;
  let line = 0;
  for await (const text of decodeUtf8(openInput(path, onBytes), path)) {
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      line++;
      if (length + nl - start > MAX_LINE) throw tooLong(line);
      parts.push(text.slice(start, nl));
      const whole = parts.length === 1 ? parts[0] : parts.join("");
      parts = [];
      length = 0;
      start = nl + 1;
      yield strip(whole);
    }
    if (start < text.length) {
      parts.push(start ? text.slice(start) : text);
      length += text.length - start;
      if (length > MAX_LINE) throw tooLong(line + 1);
    }
  }
  if (parts.length) yield strip(parts.join(""));
}
