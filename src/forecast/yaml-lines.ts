import { type Document, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { ForecastInputError } from "./validate.ts";

/** A YAML (or JSON) document and the line of any path in it, for errors that name the line. */
export interface LinedDocument {
  doc: Document;
  /** The line of the deepest node of `path` that exists (1 for none). */
  lineOf: (path: (string | number)[]) => number;
}

/** Parse YAML text; a syntax error is a ForecastInputError naming the file and line. */
export function parseLined(text: string, file: string): LinedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ForecastInputError(e.message.split("\n")[0], file, e.linePos?.[0].line ?? 1);
  }
  const lineOf = (path: (string | number)[]): number => {
    for (let p = path.length; p >= 0; p--) {
      const node = doc.getIn(path.slice(0, p), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  return { doc, lineOf };
}

/** The document checked against `schema`; the first issue names its field and line. */
export function checkLined<T>(
  { doc, lineOf }: LinedDocument,
  schema: z.ZodType<T>,
  file: string,
  what: string,
): T {
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const field =
    issue.code === "unrecognized_keys" ? [...path, issue.keys[0]].join(".") : path.join(".") || what;
  const message = issue.code === "unrecognized_keys" ? "unknown field" : issue.message;
  throw new ForecastInputError(`${field}: ${message}`, file, lineOf(path));
}
