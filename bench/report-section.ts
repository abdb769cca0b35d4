import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';

/** A line naming the machine, for the head of a results section. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  return `Machine: ${os.cpus().length} cores, ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}; gateway, subscriber processes, writer and PostgreSQL share these cores.`;
}

/**
 * Replaces the section of BENCHMARKS.md between `<!-- bench:<name>:begin -->` and its end
 * marker with `lines`, or appends it under `heading` when the markers are missing.
 */
export async function writeBenchSection(
  name: string,
  heading: string,
  lines: string[],
): Promise<void> {
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const section = [begin, ...lines, end].join('\n');
  const current = await readFile('BENCHMARKS.md', 'utf8').catch(() => '# Benchmarks\n');
  const start = current.indexOf(begin);
  const stop = current.indexOf(end);
  const next =
    start >= 0 && stop > start
      ? `${current.slice(0, start)}${section}${current.slice(stop + end.length)}`
      : `${current.trimEnd()}\n\n## ${heading}\n\n${section}\n`;
  await writeFile('BENCHMARKS.md', next);
}
