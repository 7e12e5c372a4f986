import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { webBuildStale } from "../../src/server/build.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-build-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("dashboard build check", () => {
  it("is stale when dist is missing or older than any source file", () => {
    const src = join(dir, "src");
    const dist = join(dir, "dist");
    mkdirSync(join(src, "nested"), { recursive: true });
    writeFileSync(join(src, "nested", "a.ts"), "export {};");
    expect(webBuildStale(src, dist)).toBe(true);
    mkdirSync(dist);
    writeFileSync(join(dist, "index.html"), "<!doctype html>");
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(src, "nested", "a.ts"), past, past);
    expect(webBuildStale(src, dist)).toBe(false);
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(src, "nested", "a.ts"), future, future);
    expect(webBuildStale(src, dist)).toBe(true);
  });
});
