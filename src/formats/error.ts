/**
 * A malformed input row: names the file, the line (or record) and the column.
 * Message form: `events.csv:42: column EventCode: invalid CAMEO code "99x"`.
 */
export class FormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string | null,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${column ? `column ${column}: ` : ""}${reason}`);
    this.name = "FormatError";
  }
}
