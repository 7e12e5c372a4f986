// The first n rows of an existing events file, for bench:scale --input: rows of the synthetic files
// are independent draws, so any prefix is a sample of the same distribution.
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";

/** Byte length of the first `n` lines of `path` (through the n-th newline); throws if it has fewer. */
async function prefixBytes(path: string, n: number): Promise<number> {
  let lines = 0;
  let offset = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let i = chunk.indexOf(10);
    while (i !== -1) {
      if (++lines === n) {
        stream.destroy();
        return offset + i + 1;
      }
      i = chunk.indexOf(10, i + 1);
    }
    offset += chunk.length;
  }
  throw new Error(`input "${path}" has ${lines.toLocaleString("en-US")} rows, fewer than --n ${n}`);
}

/**
 * A file holding the first `n` rows of `input`: `input` itself when it has exactly `n` rows,
 * otherwise a copy of those rows written to `out`. Returns the path to read.
 */
export async function headRows(input: string, n: number, out: string): Promise<string> {
  const bytes = await prefixBytes(input, n);
  if (bytes === statSync(input).size) return input;
  await pipeline(
    createReadStream(input, { start: 0, end: bytes - 1, highWaterMark: 1 << 20 }),
    createWriteStream(out),
  );
  return out;
}
