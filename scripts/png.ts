// A PNG re-encoder for pictures of the dashboard (8-bit RGB or RGBA, not interlaced, as chromium
// writes them): a palette when the picture has at most 256 colours (`quantise`: reduced to 256 by
// median cut, Heckbert 1982, each pixel taking its box's mean colour), else RGB without an
// unused alpha channel, each row's filter chosen by the minimum-sum-of-absolute-differences rule
// (the PNG specification's recommended heuristic); deflated at level 9.
import { unzlibSync, zlibSync } from "fflate";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** The filtered byte of filter `f` at `i` of a row, given the row above (`up`) and `bpp`. */
function filtered(f: number, row: Uint8Array, up: Uint8Array, i: number, bpp: number): number {
  const a = i >= bpp ? row[i - bpp] : 0;
  const b = up[i];
  const c = i >= bpp ? up[i - bpp] : 0;
  const x = row[i];
  if (f === 0) return x;
  if (f === 1) return (x - a) & 0xff;
  if (f === 2) return (x - b) & 0xff;
  if (f === 3) return (x - ((a + b) >> 1)) & 0xff;
  return (x - paeth(a, b, c)) & 0xff;
}

/** Decoded pixels of an 8-bit RGB or RGBA PNG, as rows of `channels` bytes a pixel. */
export function decodePng(png: Buffer): {
  width: number;
  height: number;
  channels: number;
  rows: Uint8Array[];
} {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG file");
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0)
        throw new Error(
          `unsupported PNG (bit depth ${depth}, colour type ${colour}, interlace ${interlace})`,
        );
      channels = colour === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  const raw = unzlibSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows: Uint8Array[] = [];
  let up = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const row = raw.slice(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels] : 0;
      const b = up[i];
      const c = i >= channels ? up[i - channels] : 0;
      const pred = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : paeth(a, b, c);
      row[i] = (row[i] + pred) & 0xff;
    }
    rows.push(row);
    up = row;
  }
  return { width, height, channels, rows };
}

/** Rows filtered row by row with the filter of least absolute sum, then deflated at level 9. */
function encodeRows(rows: Uint8Array[], bpp: number, tryFilters: boolean): Uint8Array {
  const stride = rows[0]?.length ?? 0;
  const out = new Uint8Array(rows.length * (stride + 1));
  let up: Uint8Array = new Uint8Array(stride);
  rows.forEach((row, y) => {
    let best = 0;
    let bestSum = Number.POSITIVE_INFINITY;
    for (const f of tryFilters ? [0, 1, 2, 3, 4] : [0]) {
      let sum = 0;
      for (let i = 0; i < stride && sum < bestSum; i++) {
        const v = filtered(f, row, up, i, bpp);
        sum += v < 128 ? v : 256 - v;
      }
      if (sum < bestSum) [best, bestSum] = [f, sum];
    }
    out[y * (stride + 1)] = best;
    for (let i = 0; i < stride; i++) out[y * (stride + 1) + 1 + i] = filtered(best, row, up, i, bpp);
    up = row;
  });
  return zlibSync(out, { level: 9, mem: 9 });
}

const rgbOf = (key: number) => [key >> 16, (key >> 8) & 0xff, key & 0xff];

/**
 * Median cut: the colours (keys 0xRRGGBB with pixel counts) split into `k` boxes, each time the
 * box of widest channel range at its pixels' median along that channel; each box's colour is its
 * pixels' mean. Returns every colour's palette index and the palette.
 */
function medianCut(
  counts: Map<number, number>,
  k: number,
): { index: Map<number, number>; palette: number[] } {
  type Box = { keys: number[]; range: number; channel: number };
  const boxOf = (keys: number[]): Box => {
    let best = { range: -1, channel: 0 };
    for (let c = 0; c < 3; c++) {
      const v = keys.map((key) => rgbOf(key)[c]);
      const range = Math.max(...v) - Math.min(...v);
      if (range > best.range) best = { range, channel: c };
    }
    return { keys, ...best };
  };
  const boxes = [boxOf([...counts.keys()])];
  while (boxes.length < k) {
    const i = boxes.reduce((b, x, j) => (x.range > boxes[b].range && x.keys.length > 1 ? j : b), 0);
    const box = boxes[i];
    if (box.keys.length < 2 || box.range <= 0) break;
    const sorted = [...box.keys].sort((a, b) => rgbOf(a)[box.channel] - rgbOf(b)[box.channel]);
    const half = sorted.reduce((n, key) => n + counts.get(key)!, 0) / 2;
    let cut = 1;
    for (let seen = counts.get(sorted[0])!; cut < sorted.length - 1 && seen < half; cut++)
      seen += counts.get(sorted[cut])!;
    boxes.splice(i, 1, boxOf(sorted.slice(0, cut)), boxOf(sorted.slice(cut)));
  }
  const index = new Map<number, number>();
  const palette = boxes.map((box, j) => {
    const sum = [0, 0, 0];
    let n = 0;
    for (const key of box.keys) {
      const w = counts.get(key)!;
      rgbOf(key).forEach((v, c) => {
        sum[c] += v * w;
      });
      n += w;
      index.set(key, j);
    }
    const [r, g, b] = sum.map((v) => Math.round(v / n));
    return (r << 16) | (g << 8) | b;
  });
  return { index, palette };
}

/** The same picture, smaller: lossless unless `quantise` (see the file's head). */
export function optimisePng(png: Buffer, options: { quantise?: boolean } = {}): Buffer {
  const { width, height, channels, rows } = decodePng(png);
  const opaque = channels === 3 || rows.every((r) => r.every((v, i) => i % 4 !== 3 || v === 255));
  const counts = new Map<number, number>();
  for (const r of rows) {
    for (let i = 0; opaque && i < r.length; i += channels) {
      const key = (r[i] << 16) | (r[i + 1] << 8) | r[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const colours = new Map<number, number>();
  let palette: number[] = [];
  if (opaque && counts.size <= 256) {
    palette = [...counts.keys()];
    for (const [i, key] of palette.entries()) colours.set(key, i);
  } else if (opaque && options.quantise) {
    const cut = medianCut(counts, 256);
    palette = cut.palette;
    for (const [key, i] of cut.index) colours.set(key, i);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  let data: Uint8Array;
  const extra: Buffer[] = [];
  if (palette.length) {
    ihdr.set([8, 3, 0, 0, 0], 8);
    const plte = Buffer.alloc(palette.length * 3);
    for (const [i, key] of palette.entries()) plte.set(rgbOf(key), i * 3);
    extra.push(chunk("PLTE", plte));
    const indexed = rows.map((r) => {
      const out = new Uint8Array(width);
      for (let x = 0; x < width; x++)
        out[x] = colours.get((r[x * channels] << 16) | (r[x * channels + 1] << 8) | r[x * channels + 2])!;
      return out;
    });
    // Palette indices are not magnitudes: unfiltered rows compress best (the specification's advice).
    data = encodeRows(indexed, 1, false);
  } else if (opaque) {
    ihdr.set([8, 2, 0, 0, 0], 8);
    const rgb = rows.map((r) => (channels === 3 ? r : r.filter((_, i) => i % 4 !== 3)));
    data = encodeRows(rgb, 3, true);
  } else {
    ihdr.set([8, 6, 0, 0, 0], 8);
    data = encodeRows(rows, 4, true);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", ihdr),
    ...extra,
    chunk("IDAT", data),
    chunk("IEND", new Uint8Array()),
  ]);
}
