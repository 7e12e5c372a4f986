import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.ts";
import { fixtureEvents } from "../store/fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-corrupt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The message openStore fails with; it must name the file and carry no stack trace. */
async function openError(path: string): Promise<string> {
  try {
    const store = await openStore(path, { flagship: false });
    await store.close();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`opening ${path} should have failed`);
}

describe("a corrupt or unreadable database file", () => {
  const cases: [string, (path: string) => void][] = [
    [
      "random bytes",
      (p) => writeFileSync(p, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 131) % 256))),
    ],
    ["a text file", (p) => writeFileSync(p, "this is not a database\n".repeat(200))],
    ["a directory in its place", (p) => mkdirSync(p)],
    ["a path under a regular file", () => writeFileSync(join(dir, "plain"), "x")],
  ];

  for (const [name, make] of cases) {
    it(`${name}: a one-line error naming the file`, async () => {
      const path = name.startsWith("a path under")
        ? join(dir, "plain", "db.duckdb")
        : join(dir, `${name.replace(/\W+/g, "-")}.duckdb`);
      make(path);
      const message = await openError(path);
      expect(message).toContain(path);
      expect(message).not.toMatch(/\n\s+at /);
      expect(message.split("\n")).toHaveLength(1);
    });
  }

  it("a database truncated after it was written: an error naming the file, or the intact record", async () => {
    const path = join(dir, "truncated.duckdb");
    const store = await openStore(path, { flagship: false });
    await store.importEvents(fixtureEvents());
    await store.close();
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const message = await openError(path).catch(() => null);
    expect(message).not.toBeNull();
    expect(message).toContain(path);
    expect(message).not.toMatch(/\n\s+at /);
  });
});
