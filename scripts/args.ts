/** Flags of the training scripts: `--name value`. */

/** The value after `--name`, or `fallback`. */
export const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};

/** The number after `--name`, or `fallback`; throws on a value that is no number. */
export const num = (name: string, fallback: number): number => {
  const v = Number(arg(name, String(fallback)));
  if (!Number.isFinite(v)) throw new Error(`invalid --${name}`);
  return v;
};
