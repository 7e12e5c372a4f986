import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { basename } from "node:path";
import type { Writable } from "node:stream";
import { createGzip } from "node:zlib";
import { Zip, ZipDeflate } from "fflate";
import type { Event } from "../model/index.ts";

/** A text sink: a file (gzip for `.gz`, one-entry zip for `.zip`) or a stream such as stdout. */
export interface TextSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

async function put(stream: Writable, data: string | Uint8Array): Promise<void> {
  if (!stream.write(data)) await once(stream, "drain");
}

function streamSink(stream: Writable, owned: boolean): TextSink {
  return {
    write: (text) => put(stream, text),
    async close() {
      if (!owned) return;
      stream.end();
      await once(stream, "finish");
    },
  };
}

function zipSink(path: string): TextSink {
  const file = createWriteStream(path);
  const pending: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) file.destroy(err);
    else pending.push(data);
  });
  const entry = new ZipDeflate(basename(path).replace(/\.zip$/i, ""), { level: 6 });
  zip.add(entry);
  const encoder = new TextEncoder();
  const drain = async () => {
    while (pending.length) await put(file, pending.shift()!);
  };
  return {
    async write(text) {
      entry.push(encoder.encode(text));
      await drain();
    },
    async close() {
      entry.push(new Uint8Array(0), true);
      zip.end();
      await drain();
      file.end();
      await once(file, "finish");
    },
  };
}

/** Open a text sink on `path`, or on `stdout` when no path is given. */
export function openOutput(path: string | undefined, stdout: Writable = process.stdout): TextSink {
  if (path === undefined) return streamSink(stdout, false);
  if (/\.zip$/i.test(path)) return zipSink(path);
  if (/\.gz$/i.test(path)) {
    const gzip = createGzip();
    const file = createWriteStream(path);
    gzip.pipe(file);
    const sink = streamSink(gzip, false);
    return {
      write: sink.write,
      async close() {
        gzip.end();
        await once(file, "finish");
      },
    };
  }
  return streamSink(createWriteStream(path), true);
}

/** Write one line per event (after an optional header), buffered; returns the number of events. */
export async function writeLines(
  events: AsyncIterable<Event> | Iterable<Event>,
  sink: TextSink,
  line: (e: Event) => string,
  header?: string,
): Promise<number> {
  if (header !== undefined) await sink.write(`${header}\n`);
  let n = 0;
  let buffer = "";
  for await (const e of events) {
    buffer += `${line(e)}\n`;
    if (++n % 1000 === 0) {
      await sink.write(buffer);
      buffer = "";
    }
  }
  if (buffer) await sink.write(buffer);
  return n;
}
