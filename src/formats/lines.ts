import { createReadStream } from "node:fs";
import { PassThrough, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { Unzip, UnzipInflate } from "fflate";

/**
 * The decompressed byte stream of a file: plain, `.gz` (gzip) or `.zip` (its first entry).
 * `onBytes` hears how many bytes of the file itself have been read (for progress).
 */
export function openInput(path: string, onBytes?: (bytes: number) => void): Readable {
  const raw = createReadStream(path);
  if (onBytes) raw.on("data", (chunk) => onBytes(chunk.length));
  if (/\.gz$/i.test(path)) return raw.pipe(createGunzip());
  // With a byte listener attached, hand out a piped copy: the listener and the consumer both see every chunk.
  if (!/\.zip$/i.test(path)) return onBytes ? raw.pipe(new PassThrough()) : raw;
  const out = new PassThrough();
  let started = false;
  const unzip = new Unzip((file) => {
    if (started) return;
    started = true;
    file.ondata = (err, data, final) => {
      if (err) out.destroy(new Error(`${path}: ${err.message}`));
      else {
        out.write(data);
        if (final) out.end();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  raw.on("data", (chunk) => unzip.push(chunk as Uint8Array));
  raw.on("end", () => {
    unzip.push(new Uint8Array(0), true);
    if (!started) out.destroy(new Error(`${path}: empty zip archive`));
  });
  raw.on("error", (err) => out.destroy(err));
  return out;
}

/**
 * The lines of a file (without line endings, LF or CRLF, and without a leading UTF-8 byte order
 * mark, as Excel writes), streamed; a final empty line is not yielded.
 */
export async function* readLines(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  const stream = openInput(path, onBytes);
  stream.setEncoding("utf8");
  let rest = "";
  let first = true;
  for await (let chunk of stream as AsyncIterable<string>) {
    if (first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    const parts = (rest + chunk).split("\n");
    rest = parts.pop()!;
    for (const line of parts) yield line.endsWith("\r") ? line.slice(0, -1) : line;
  }
  if (rest) yield rest.endsWith("\r") ? rest.slice(0, -1) : rest;
}
