import { delimiterOf, splitCsvLine } from "../../formats/index.ts";
import type { EuActor } from "../eu.ts";
import { ForecastInputError } from "../validate.ts";

const POSITION = ["x", "position"];
const CAPABILITY = ["c", "capability", "power", "influence"];
const SALIENCE = ["s", "salience"];

/**
 * Whether a CSV file is an expected-utility table (its first line names position, capability and
 * salience columns, as jmckib's `Actor,Capability,Position,Salience`), not KTAB's CSV (whose first
 * line is the scenario's name, description and counts).
 */
export function looksLikeEuTable(text: string): boolean {
  const first =
    text
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .find((l) => l.trim() !== "") ?? "";
  const header = splitCsvLine(first, { delimiter: delimiterOf(first), trim: true }).map((h) =>
    h.toLowerCase(),
  );
  return [POSITION, CAPABILITY, SALIENCE].every((names) => header.some((h) => names.includes(h)));
}

/**
 * Read an expected-utility input table (tab- or comma-separated, as the header is; quoted fields may
 * hold the delimiter, e.g. "Korea, Republic of"): a header naming the columns
 * x (position), c (capability) and s (salience, 0–1), one actor per row with its name first.
 */
export function readEuTable(text: string, file = "<eu>"): EuActor[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== "");
  if (headerAt < 0) throw new ForecastInputError("empty input", file, 1);
  const delimiter = delimiterOf(lines[headerAt]);
  const split = (l: string) => splitCsvLine(l, { delimiter, trim: true });
  const header = split(lines[headerAt]).map((h) => h.toLowerCase());
  const col = (names: string[], what: string) => {
    const i = header.findIndex((h) => names.includes(h));
    if (i < 0) throw new ForecastInputError(`no ${what} column (${names.join("/")})`, file, headerAt + 1);
    return i;
  };
  const xi = col(POSITION, "position");
  const ci = col(CAPABILITY, "capability");
  const si = col(SALIENCE, "salience");
  const actors: EuActor[] = [];
  for (let l = headerAt + 1; l < lines.length; l++) {
    if (lines[l].trim() === "") continue;
    const cells = split(lines[l]);
    const name = cells[0];
    const num = (i: number, what: string) => {
      const v = cells[i];
      if (v === undefined || v === "")
        throw new ForecastInputError(`missing ${what}`, file, l + 1, name, "issue");
      const x = Number(v);
      if (!Number.isFinite(x))
        throw new ForecastInputError(`non-numeric ${what} "${v}"`, file, l + 1, name, "issue");
      return x;
    };
    const salience = num(si, "salience");
    if (salience < 0 || salience > 1) {
      throw new ForecastInputError(`salience ${salience} outside 0–1`, file, l + 1, name, "issue");
    }
    actors.push({ name, position: num(xi, "position"), capability: num(ci, "capability"), salience });
  }
  if (actors.length < 3) {
    throw new ForecastInputError(`${actors.length} actors; at least 3 are needed`, file, lines.length);
  }
  return actors;
}
