// The README picture's PNG re-encoder (scripts/png.ts) on hand-built pictures: lossless unless asked
// to quantise, a palette when the colours fit one, and files a PNG reader decodes to the same pixels.
import { unzlibSync, zlibSync } from "fflate";
import { describe, expect, it } from "vitest";
import { decodePng, optimisePng } from "../../scripts/png.ts";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG as the PNG specification lays it out, with unfiltered rows and CRCs left zero where unread. */
function png(
  width: number,
  height: number,
  colourType: 2 | 6,
  pixel: (x: number, y: number) => number[],
): Buffer {
  const channels = colourType === 6 ? 4 : 3;
  const raw = new Uint8Array(height * (1 + width * channels));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (1 + width * channels) + 1 + x * channels);
  const chunk = (type: string, data: Uint8Array) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "latin1");
    return Buffer.concat([head, data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colourType, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from(SIGNATURE),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlibSync(raw)),
    chunk("IEND", new Uint8Array()),
  ]);
}

/** The chunks of a PNG file by type (IDAT joined). */
function chunks(file: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    const type = file.toString("latin1", at + 4, at + 8);
    out.set(type, Buffer.concat([out.get(type) ?? Buffer.alloc(0), file.subarray(at + 8, at + 8 + length)]));
    at += 12 + length;
  }
  return out;
}

// A gradient: 64 × 48 pixels, each of its own colour (3,072 colours).
const gradient = (x: number, y: number) => [x * 4, y * 5, (x * 7 + y * 3) & 0xff];

describe("optimisePng", () => {
  it("keeps every pixel of a picture of many colours, as RGB, dropping an opaque alpha channel", () => {
    const rgba = png(64, 48, 6, (x, y) => [...gradient(x, y), 255]);
    const out = optimisePng(rgba);
    expect(out.subarray(0, 8)).toEqual(Buffer.from(SIGNATURE));
    expect(chunks(out).get("IHDR")![9]).toBe(2);
    const back = decodePng(out);
    expect([back.width, back.height, back.channels]).toEqual([64, 48, 3]);
    back.rows.forEach((row, y) => {
      for (let x = 0; x < 64; x++) expect([...row.subarray(x * 3, x * 3 + 3)]).toEqual(gradient(x, y));
    });
  });

  it("writes a picture of few colours as a palette, every pixel its own colour", () => {
    const colours = [
      [255, 255, 255],
      [43, 138, 62],
      [201, 42, 42],
    ];
    const stripes = (x: number, y: number) => colours[(x + 2 * y) % 3];
    const out = optimisePng(png(40, 30, 2, stripes));
    const c = chunks(out);
    expect(c.get("IHDR")![9]).toBe(3);
    const palette = c.get("PLTE")!;
    expect(palette.length).toBe(9);
    const raw = unzlibSync(c.get("IDAT")!);
    for (let y = 0; y < 30; y++) {
      expect(raw[y * 41]).toBe(0);
      for (let x = 0; x < 40; x++) {
        const i = raw[y * 41 + 1 + x];
        expect([...palette.subarray(i * 3, i * 3 + 3)]).toEqual(stripes(x, y));
      }
    }
  });

  it("quantises to at most 256 colours when asked, each pixel near its own", () => {
    const out = optimisePng(png(64, 48, 2, gradient), { quantise: true });
    const c = chunks(out);
    expect(c.get("IHDR")![9]).toBe(3);
    const palette = c.get("PLTE")!;
    expect(palette.length / 3).toBeLessThanOrEqual(256);
    const raw = unzlibSync(c.get("IDAT")!);
    let worst = 0;
    for (let y = 0; y < 48; y++)
      for (let x = 0; x < 64; x++) {
        const i = raw[y * 65 + 1 + x];
        const want = gradient(x, y);
        for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(palette[i * 3 + k] - want[k]));
      }
    // 3,072 colours in 256 boxes: each channel within a box's width of its own value.
    expect(worst).toBeLessThanOrEqual(32);
  });
});
