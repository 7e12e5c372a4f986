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

/** The pure cores: they take their data as arguments and read no files. */
const PURE = new Set(["model", "parse", "coder", "analysis", "forecast"]);

/**
 * The files of the pure cores that read files, each a loader that the folder's index exports for
 * the edges to call: the rest of the core takes what they read as arguments (a parser model, a
 * lexicon, a registry) and never calls them. formats/, an edge, holds the registry's and the
 * text files' readers, which the cores' files may call only from a loader.
 */
const LOADERS: Record<string, string> = {
  "coder/shipped.ts": "the coder's shipped data: data/lexicon, the registry and the parser model",
  "coder/petrarch/load.ts": "PETRARCH-2 dictionaries from a folder the user names",
  "parse/default.ts": "the shipped parser model, data/parser",
  "forecast/io/input.ts": "a bargaining input file and a variant's base, with formats/files.ts",
  "formats/actor-data.ts": "the actor registry, data/actors",
  "formats/files.ts": "a text file, and a file named beside another",
};

/** A core file that places a table beside it without reading a file itself. */
const TABLES: Record<string, string> = {
  "model/taxonomy.ts": "the CAMEO table, data/taxonomy/cameo.json, required as a JSON module",
};

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

/** What a file does that reads files: imports the file system, or finds files from its own place. */
function fileAccessOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const found = new Set<string>();
  const visit = (node: ts.Node) => {
    const specifier = ts.isImportDeclaration(node)
      ? node.moduleSpecifier
      : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
        ? node.arguments[0]
        : undefined;
    if (specifier && ts.isStringLiteralLike(specifier) && /^(node:)?fs(\/promises)?$/.test(specifier.text))
      found.add(`imports ${specifier.text}`);
    if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword)
      found.add("uses import.meta");
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found];
}

/** The names a file exports. */
function exportsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const names: string[] = [];
  for (const s of source.statements) {
    const exported =
      ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name)
      names.push(s.name.text);
    if (exported && ts.isVariableStatement(s))
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause))
      for (const e of s.exportClause.elements) names.push(e.name.text);
  }
  return names;
}

/** The names a file imports (value imports; types read nothing). */
function importedNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const names: string[] = [];
  for (const s of source.statements) {
    const clause = ts.isImportDeclaration(s) ? s.importClause : undefined;
    if (!clause || clause.isTypeOnly || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings))
      continue;
    for (const e of clause.namedBindings.elements)
      if (!e.isTypeOnly) names.push((e.propertyName ?? e.name).text);
  }
  return names;
}

/** Every `import(…)` call whose module is not a string the reader (and this test) can see. */
function computedImportsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      !ts.isStringLiteralLike(node.arguments[0])
    )
      found.push(node.arguments[0].getText(source));
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

/** A file's path under src/, with forward slashes: "coder/shipped.ts". */
const inSrc = (path: string) => relative(SRC, path).split(sep).join("/");

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

  it("loads every module by a string it can read", () => {
    const wrong = files.flatMap((f) => computedImportsOf(f).map((m) => `${name(f)} imports ${m}`));
    expect(wrong).toEqual([]);
  });
});

describe("the pure cores (model, parse, coder, analysis, forecast)", () => {
  const core = files.filter((f) => PURE.has(folderOf(f)) && !TYPE_ONLY.has(folderOf(f)));

  it("read files only in their named loaders", () => {
    expect(Object.keys(LOADERS).filter((f) => !files.includes(join(SRC, f)))).toEqual([]);
    const wrong = core
      .filter((f) => !(inSrc(f) in LOADERS))
      .flatMap((f) =>
        fileAccessOf(f)
          .filter((what) => !(inSrc(f) in TABLES && what === "uses import.meta"))
          .map((what) => `${name(f)} ${what}`),
      );
    expect(wrong).toEqual([]);
  });

  it("take what the loaders read as arguments: only index files call a loader", () => {
    const loaderNames = new Set(Object.keys(LOADERS).flatMap((f) => exportsOf(join(SRC, f))));
    expect(loaderNames).toContain("loadParser");
    const wrong = core
      .filter((f) => !(inSrc(f) in LOADERS) && !f.endsWith(`${sep}index.ts`))
      .flatMap((f) =>
        importedNames(f)
          .filter((n) => loaderNames.has(n))
          .map((n) => `${name(f)} imports ${n}`),
      );
    expect(wrong).toEqual([]);
  });
});
