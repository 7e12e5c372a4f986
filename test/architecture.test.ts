import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The layer order of src/, lowest first. A folder (a top-level folder under src/; its sub-folders
 * belong to it) imports only from folders in lower layers, never from its own layer or above:
 *
 *   model ← {parse, formats} ← {coder, store, analysis, forecast} ← {eval, server} ← {cli, web}
 *
 * model holds the types and tables; parse (the dependency parser) and formats (file readers and
 * writers) build on it; the pure cores (coder, analysis, forecast) and the store take their data and
 * readers from below; the server and the coder's scoring (eval) use them; the CLI runs all of it, and
 * the dashboard (web) reads the server's answers.
 */
const LAYERS: string[][] = [
  ["model"],
  ["parse", "formats"],
  ["coder", "store", "analysis", "forecast"],
  ["eval", "server"],
  ["cli", "web"],
];

/**
 * src/web is a separate Vite app with browser settings: it may only `import type` from the rest of
 * src/ (the shapes of the server's answers), and may name the defining file, since the folders' index
 * files pull in Node modules its settings do not know.
 */
const TYPE_ONLY = new Set(["web"]);

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === "node_modules" ? [] : walk(path);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Relative imports, re-exports, dynamic `import("…")` and `import("…").T` types of one file. */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  const add = (specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith(".")) return;
    found.push({ from: file, to: resolve(dirname(file), specifier.text), typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const allTypes =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const name = (path: string) => relative(resolve(SRC, ".."), path).split(sep).join("/");
/** The folder a file belongs to: its top-level folder under src/. */
const folderOf = (path: string) => relative(SRC, path).split(sep)[0];
const layerOf = (folder: string) => LAYERS.findIndex((l) => l.includes(folder));

const files = walk(SRC);
const imports = files.flatMap(importsOf).filter((i) => !relative(SRC, i.to).startsWith(".."));
const across = imports.filter((i) => folderOf(i.from) !== folderOf(i.to));
const show = (i: Import) => `${name(i.from)} imports ${name(i.to)}`;

/** The strongly connected components of more than one file (or a file importing itself). */
function cycles(): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const i of imports) next.get(i.from)?.push(i.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || next.get(v)?.includes(v)) found.push(component.map(name).sort());
  };
  for (const f of files) if (!index.has(f)) connect(f);
  return found;
}

describe("the import graph of src/", () => {
  it("finds the files and their imports", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(across.length).toBeGreaterThan(50);
  });

  it("places every folder in the layer order", () => {
    const folders = [...new Set(files.map(folderOf))];
    expect(folders.filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it("enters a folder from outside only through its index.ts", () => {
    const wrong = across.filter((i) => {
      if (TYPE_ONLY.has(folderOf(i.from))) return false;
      return relative(SRC, i.to) !== join(folderOf(i.to), "index.ts");
    });
    expect(wrong.map(show)).toEqual([]);
  });

  it("imports only types into the folders that are separate apps", () => {
    const wrong = across.filter((i) => TYPE_ONLY.has(folderOf(i.from)) && !i.typeOnly);
    expect(wrong.map(show)).toEqual([]);
  });

  it("runs every arrow down the layer order", () => {
    const wrong = across.filter((i) => layerOf(folderOf(i.to)) >= layerOf(folderOf(i.from)));
    expect(wrong.map((i) => `${show(i)} (${folderOf(i.from)} may not import ${folderOf(i.to)})`)).toEqual([]);
  });

  it("has no import cycles", () => {
    expect(cycles()).toEqual([]);
  });
});
