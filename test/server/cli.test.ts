import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "yalu-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    return { code: await main(["node", "yalu", ...args]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("yalu check", () => {
  it("prints a verdict table for a claims file, and JSON with --json", async () => {
    const file = join(dir, "claims.yaml");
    writeFileSync(
      file,
      "- {dyad: CHN-PRK, period: 2018..2019, claim: improved}\n- {indicator: trade, period: 2021..2023, claim: decreased}\n",
    );
    const db = join(dir, "flagship.duckdb");
    // A named database starts empty: load the flagship record into it first.
    expect((await run(["import", "--flagship", "--db", db])).code).toBe(0);
    process.env.YALU_DB = db;
    try {
      const table = await run(["check", file]);
      expect(table.code).toBe(0);
      expect(table.out).toMatch(/^\| # \| verdict \| claim \| numbers \|/);
      expect(table.out).toMatch(/\| 1 \| \*\*supported\*\* \| CHN-PRK improved in 2018\.\.2019 \|/);
      expect(table.out).toMatch(/\| 2 \| \*\*contradicted\*\* \| trade CHN-PRK decreased/);
      const json = await run(["check", file, "--json"]);
      const results = JSON.parse(json.out);
      expect(results.map((r: { verdict: string }) => r.verdict)).toEqual(["supported", "contradicted"]);
    } finally {
      delete process.env.YALU_DB;
    }
  });

  it("reports a bad claim with its position and exits non-zero", async () => {
    const file = join(dir, "bad.yaml");
    writeFileSync(
      file,
      "- {dyad: CHN-PRK, period: 2018..2019, claim: improved}\n- {dyad: CHN, period: 2018, claim: improved}\n",
    );
    const r = await run(["check", file, "--db", join(dir, "empty.duckdb")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.yaml: claim 2 dyad/);
    const missing = await run(["check", join(dir, "nope.yaml")]);
    expect(missing.code).toBe(2);
  });
});
