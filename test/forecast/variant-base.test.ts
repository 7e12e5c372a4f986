import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { forecastRoutes } from "../../src/server/routes/forecast.ts";
import { yalu } from "../cli/yalu.ts";

// A variant's `base:` is read relative to the variant file, whatever the working directory; a
// decoy base of the same name in the working directory must not be picked up.
const YALU = resolve("bin/yalu.js");
const dir = mkdtempSync(join(tmpdir(), "yalu-variant-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shipped = readFileSync("data/scenarios/china-dprk.yaml", "utf8");
mkdirSync(join(dir, "briefs"));
writeFileSync(join(dir, "briefs", "base.yaml"), shipped.replace(/^name: .*$/m, "name: the-real-base"));
writeFileSync(join(dir, "base.yaml"), shipped.replace(/^name: .*$/m, "name: a-decoy-in-the-cwd"));
writeFileSync(
  join(dir, "briefs", "variant.yaml"),
  "name: my-variant\nbase: base.yaml\noverrides:\n  - actor: US\n    capability: 110\n    why: test\n",
);
writeFileSync(join(dir, "briefs", "orphan.yaml"), "name: orphan\nbase: missing.yaml\noverrides: []\n");

/** `yalu forecast` run from `cwd`. */
const forecast = (cwd: string, ...args: string[]) => yalu(["forecast", ...args], {}, { cwd, bin: YALU });

describe("a variant's base", () => {
  it("is read next to the variant, from any working directory", async () => {
    for (const [cwd, path] of [
      [dir, "briefs/variant.yaml"],
      [join(dir, "briefs"), "variant.yaml"],
      [tmpdir(), join(dir, "briefs", "variant.yaml")],
    ]) {
      const r = await forecast(cwd, path, "--json");
      expect([r.code, r.stderr]).toEqual([0, ""]);
      const out = JSON.parse(r.stdout);
      expect([out.scenario, out.base.scenario]).toEqual(["my-variant", "the-real-base"]);
    }
  }, 120_000);

  it("that is missing is named with the variant's file and line, and where it was looked for", async () => {
    const r = await forecast(dir, "briefs/orphan.yaml");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `yalu: briefs/orphan.yaml:2: base "missing.yaml": no such file ${join(dir, "briefs", "missing.yaml")} (a base is read relative to the variant's folder)\n`,
    );
  }, 60_000);
});

describe("a variant's base, served by the API", () => {
  // The API's scenario folder holds the variant; its base sits in a subfolder named relative to the
  // variant, a path that does not exist from the server's working directory.
  const served = join(dir, "served");
  mkdirSync(join(served, "bases"), { recursive: true });
  writeFileSync(join(served, "bases", "base.yaml"), shipped.replace(/^name: .*$/m, "name: the-served-base"));
  writeFileSync(
    join(served, "variant.yaml"),
    "name: served-variant\nbase: bases/base.yaml\noverrides:\n  - actor: US\n    capability: 110\n    why: test\n",
  );

  it("is read next to the variant's file, not from the working directory", async () => {
    const app = forecastRoutes({ dir: served });
    const shown = (await (await app.request("/scenarios/variant")).json()) as { base: string };
    expect(shown.base).toBe("the-served-base");
    const run = (await (await app.request("/scenarios/variant/run?trace=false")).json()) as {
      scenario: string;
      base: { scenario: string };
    };
    expect([run.scenario, run.base.scenario]).toEqual(["served-variant", "the-served-base"]);
  });
});
