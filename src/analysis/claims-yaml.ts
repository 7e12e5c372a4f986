import { CST, isAlias, isCollection, Lexer, LineCounter, parseDocument, visit } from "yaml";

/**
 * Limits on a claims file, checked before the YAML parser sees it: the parser's time and stack
 * grow with line length and nesting, and hostile input of a few hundred KB could stall it for
 * seconds or overflow its stack. A real claims file has short lines nested three deep.
 */
export const CLAIMS_LIMITS = { maxLength: 262_144, maxLineLength: 4096, maxDepth: 64 } as const;

/** A claims file that is not readable YAML; the message names the line and column. */
export class ClaimsYamlError extends Error {
  constructor(message: string) {
    super(`claims file: ${message}`);
    this.name = "ClaimsYamlError";
  }
}

function position(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return `line ${line}, column ${offset - start + 1}`;
}

/** Reject a file, a line or nesting (indentation and indicators) beyond {@link CLAIMS_LIMITS}. */
function checkShape(text: string): void {
  const { maxLength, maxLineLength, maxDepth } = CLAIMS_LIMITS;
  if (text.length > maxLength)
    throw new ClaimsYamlError(`${text.length} characters long, more than ${maxLength}`);
  for (let start = 0, line = 1; start <= text.length; line++) {
    const end = text.indexOf("\n", start);
    const length = (end === -1 ? text.length : end) - start;
    if (length > maxLineLength)
      throw new ClaimsYamlError(`line ${line} is ${length} characters long, more than ${maxLineLength}`);
    if (end === -1) break;
    start = end + 1;
  }
  // An upper bound on the parser's nesting: the line's indentation, its block indicators
  // (`- ? :`) and the open flow collections (`[ {`), counted on tokens so quoted text is skipped.
  let offset = 0;
  let indent = 0;
  let indicators = 0;
  let flow = 0;
  let lineStart = true;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    // The lexer's mode markers are not source text.
    if (type === "doc-mode" || type === "scalar" || type === "flow-error-end") continue;
    if (type === "newline") {
      indent = indicators = 0;
      lineStart = true;
    } else if (type === "space") {
      if (lineStart) indent = token.length;
    } else {
      lineStart = false;
      if (type === "seq-item-ind" || type === "explicit-key-ind" || type === "map-value-ind") indicators++;
      else if (type === "flow-seq-start" || type === "flow-map-start") flow++;
      else if ((type === "flow-seq-end" || type === "flow-map-end") && flow > 0) flow--;
      if (indent + indicators + flow > maxDepth)
        throw new ClaimsYamlError(`nested more than ${maxDepth} deep at ${position(text, offset)}`);
    }
    offset += token.length;
  }
}

/**
 * Parse a claims file's YAML text (a superset of JSON) to plain data, or throw a
 * {@link ClaimsYamlError} naming the line and column of the first problem.
 */
export function readClaimsYaml(text: string): unknown {
  checkShape(text);
  const lines = new LineCounter();
  // Not `prettyErrors`: it formats every error in time proportional to its line, quadratic on a
  // line of thousands of errors; only the first error is reported, placed here.
  // The parser makes an Error for every problem it meets, and capturing their stack traces
  // dominates its time on input made of thousands of errors; only messages are used here.
  const traces = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  } finally {
    Error.stackTraceLimit = traces;
  }
  const where = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  const first = doc.errors[0];
  if (first) throw new ClaimsYamlError(`${first.message.split("\n")[0]} at ${where(first.pos[0])}`);
  visit(doc, {
    // An alias to an anchor defined later (or nowhere) only fails when converted: name it here.
    Alias(_, node) {
      if (!node.resolve(doc))
        throw new ClaimsYamlError(`unknown alias *${node.source} at ${where(node.range?.[0] ?? 0)}`);
    },
    // A list or mapping as a key is stringified by toJS, in time that grows steeply with its
    // nesting; claims only ever have plain keys.
    Pair(_, pair) {
      const key = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      if (isCollection(key)) {
        const at = (pair.key as { range?: [number] }).range?.[0] ?? 0;
        throw new ClaimsYamlError(`a key must be plain text, not a list or mapping, at ${where(at)}`);
      }
    },
  });
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    throw new ClaimsYamlError((err as Error).message.split("\n")[0]);
  }
}
