import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { openDuckDBStore } from "../../src/store/duckdb/index.ts";
import { describeStoreSuite } from "./store-suite.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-store-"));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreSuite("duckdb", () => openDuckDBStore(join(dir, `db${++n}.duckdb`)));
