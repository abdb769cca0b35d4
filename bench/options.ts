/** `--name value` from the command line, or `fallback`. */
export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

/** A comma-separated list of numbers option. */
export function numbers(name: string, fallback: string): number[] {
  return option(name, fallback)
    .split(',')
    .map((value) => Number(value.trim()))
    .filter((value) => Number.isFinite(value));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
