import { splitCsvLine } from "../../formats/index.ts";
import type { ForecastInput } from "../types.ts";
import {
  ForecastInputError,
  type RawActor,
  type RawCell,
  type RawInput,
  validateInput,
} from "../validate.ts";

/**
 * KTAB SMP scenario readers (SPEC §1.6): CSV (name, description, #actors, #dims; a header row;
 * one row per actor with name, description, capability and position/salience pairs) and XML
 * (smpSchema.xsd). Both report bad cells with file and line, via the shared validator.
 */

/** One KTAB CSV line as trimmed cells, trailing empty cells (KTAB's final commas) dropped. */
function ktabCells(line: string): string[] {
  const out = splitCsvLine(line, { trim: true });
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
}

/** Read a KTAB SMP CSV scenario. `file` names the source in error messages. */
export function readKtabCsv(text: string, file = "<csv>"): ForecastInput {
  return validateInput(parseKtabCsv(text, file));
}

export function parseKtabCsv(text: string, file = "<csv>"): RawInput {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const rows = lines.map((l, i) => ({ cells: ktabCells(l), line: i + 1 })).filter((r) => r.cells.length > 0);
  if (rows.length < 2) throw new ForecastInputError("expected a scenario line and a header line", file, 1);
  const [head, header, ...body] = rows;
  const declaredActors = Number(head.cells[2]);
  const declaredDims = Number(head.cells[3]);
  if (!Number.isInteger(declaredActors) || !Number.isInteger(declaredDims) || declaredDims < 1) {
    throw new ForecastInputError(
      `line 1 must be "name, description, #actors, #dimensions" (got "${head.cells.slice(0, 4).join(",")}")`,
      file,
      head.line,
    );
  }
  const dimensions: string[] = [];
  for (let k = 0; k < declaredDims; k++) {
    const h = header.cells[3 + 2 * k];
    if (h === undefined) {
      throw new ForecastInputError(`header has no position column for dimension ${k + 1}`, file, header.line);
    }
    // The lookbehind starts the match at a run of spaces only once: without it the regex retries
    // from every space in the run, quadratic (a header cell of 80 KB of tabs took minutes).
    dimensions.push(h.replace(/(?<!\s)\s+Position$/i, "") || `Dim${k}`);
  }
  const cell = (cells: string[], i: number, line: number): RawCell => ({ value: cells[i], line });
  const actors: RawActor[] = body.map(({ cells, line }) => ({
    name: cells[0] ?? "",
    description: cells[1],
    line,
    capability: cell(cells, 2, line),
    position: dimensions.map((_, k) => cell(cells, 3 + 2 * k, line)),
    salience: dimensions.map((_, k) => cell(cells, 4 + 2 * k, line)),
  }));
  return {
    file,
    line: head.line,
    name: head.cells[0] ?? "",
    description: head.cells[1] ?? "",
    dimensions,
    declaredActors,
    actors,
  };
}

/** A parsed XML element with the line it starts on. */
interface XmlNode {
  tag: string;
  line: number;
  text: string;
  children: XmlNode[];
}

function parseXml(text: string, file: string): XmlNode {
  const src = text.replace(/^\uFEFF/, "");
  const root: XmlNode = { tag: "#root", line: 1, text: "", children: [] };
  const stack: XmlNode[] = [root];
  const re =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([\w:.-]+)[^>]*?(\/?)>|([^<]+)/g;
  let line = 1;
  let last = 0;
  for (let m = re.exec(src); m !== null; m = re.exec(src)) {
    for (let i = last; i < m.index; i++) if (src.charCodeAt(i) === 10) line++;
    last = m.index;
    const top = stack[stack.length - 1];
    if (m[1] !== undefined) top.text += m[1];
    else if (m[3] !== undefined) {
      if (m[2] === "/") {
        if (top.tag !== m[3]) throw new ForecastInputError(`unexpected </${m[3]}>`, file, line);
        stack.pop();
      } else {
        const node: XmlNode = { tag: m[3], line, text: "", children: [] };
        top.children.push(node);
        if (m[4] !== "/") stack.push(node);
      }
    } else if (m[5] !== undefined) top.text += m[5];
  }
  if (stack.length !== 1)
    throw new ForecastInputError(`unclosed <${stack[stack.length - 1].tag}>`, file, line);
  return root;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();

const child = (n: XmlNode, tag: string) => n.children.find((c) => c.tag === tag);
const kids = (n: XmlNode | undefined, tag: string) => n?.children.filter((c) => c.tag === tag) ?? [];

/** Read a KTAB SMP XML scenario (smpSchema.xsd). */
export function readKtabXml(text: string, file = "<xml>"): ForecastInput {
  return validateInput(parseKtabXml(text, file));
}

export function parseKtabXml(text: string, file = "<xml>"): RawInput {
  const scenario = child(parseXml(text, file), "Scenario");
  if (!scenario) throw new ForecastInputError("no <Scenario> element", file, 1);
  const dims = child(scenario, "Dimensions");
  const dimensions = kids(dims, "dName").map((d) => decode(d.text));
  const params = child(scenario, "ModelParameters");
  const parameters = params
    ? Object.fromEntries(params.children.map((p) => [p.tag, { value: decode(p.text), line: p.line }]))
    : undefined;
  const actors: RawActor[] = kids(child(scenario, "Actors"), "Actor").map((a) => {
    const cap = child(a, "capability");
    const coords = kids(child(a, "Position"), "dCoord");
    const sals = kids(child(a, "Salience"), "dSal");
    return {
      name: decode(child(a, "name")?.text ?? ""),
      description: decode(child(a, "description")?.text ?? ""),
      line: a.line,
      capability: { value: cap ? decode(cap.text) : undefined, line: cap?.line ?? a.line },
      position: dimensions.map((_, k) => ({
        value: coords[k] ? decode(coords[k].text) : undefined,
        line: coords[k]?.line ?? a.line,
      })),
      salience: dimensions.map((_, k) => ({
        value: sals[k] ? decode(sals[k].text) : undefined,
        line: sals[k]?.line ?? a.line,
      })),
    };
  });
  const idealAdjustment = kids(child(scenario, "IdealAdjustment"), "iaPair").map((p) => ({
    adjusting: decode(child(p, "adjustingIdeal")?.text ?? ""),
    reference: decode(child(p, "referencePos")?.text ?? ""),
    adjust: Number(decode(child(p, "adjust")?.text ?? "")),
    line: p.line,
  }));
  const seed = child(scenario, "prngSeed");
  return {
    file,
    line: scenario.line,
    name: decode(child(scenario, "name")?.text ?? ""),
    description: decode(child(scenario, "desc")?.text ?? ""),
    dimensions,
    actors,
    ...(idealAdjustment.length ? { idealAdjustment } : {}),
    ...(seed && decode(seed.text) ? { seed: decode(seed.text) } : {}),
    ...(parameters ? { parameters } : {}),
  };
}
